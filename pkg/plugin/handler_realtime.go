package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// liveWindow: a dashboard range ending this close to now streams; older ranges are answered once.
const liveWindow = time.Minute

// topNNotStreamedNotice explains why a top-N over several services' POPs refreshes instead of streaming.
var topNNotStreamedNotice = data.Notice{Severity: data.NoticeSeverityInfo,
	Text: "top N over the POPs of several services refreshes instead of streaming: a stream follows whole services × POPs"}

func (d *Datasource) handleRealtime(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseRealtime(dq.JSON)
	if err != nil {
		return nil, err
	}
	v, err := d.resolveRealtime(ctx, q)
	if err != nil {
		return nil, err
	}
	rb, err := v.Read(ctx, d.realtime)
	if err != nil {
		return nil, err
	}
	now := d.now()
	from, to, clipped, err := rb.Clip(dq.TimeRange.From, dq.TimeRange.To, now, d.settings.RealtimeBufferMinutes)
	if err != nil {
		return nil, err
	}
	notices := append(d.staleNotices(rb.Stale), infoNotices(clipped)...)
	info := requestInfoFrom(ctx)
	live := !info.fromAlert && info.uid != "" && now.Sub(dq.TimeRange.To) < liveWindow
	if live {
		v.PinPOPs(rb.Bufs, 0, to.Unix()) // the POP columns a stream of this panel starts with
	}
	series := v.Series(rb.Bufs, from.Unix(), to.Unix())
	streamed, streamable := q, true
	if q.TopN != nil {
		series = realtime.TopN(series, *q.TopN)
		streamed, streamable = realtime.StreamedQuery(q, series)
	}
	times := realtime.Seconds(from, to)
	if live {
		if !streamable {
			notices = append(notices, topNNotStreamedNotice)
		} else if ch := realtimeChannel(info.uid, streamed); ch != "" {
			frame := frames.RealtimeWideFrame(dq.RefID, times, series, notices)
			frame.Meta.Channel = ch
			frames.ApplyLegend(data.Frames{frame}, q.LegendFormat)
			return data.Frames{frame}, nil
		} else {
			notices = append(notices, data.Notice{Severity: data.NoticeSeverityInfo,
				Text: "this query is too long for a Grafana Live channel, so it refreshes instead of streaming: choose fewer services, metrics or POPs"})
		}
	}
	f := frames.RealtimeFrames(times, series, v.Calls(), notices)
	frames.ApplyLegend(f, q.LegendFormat)
	return f, nil
}

func (d *Datasource) resolveRealtime(ctx context.Context, q query.Realtime) (realtime.View, error) {
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return realtime.View{}, err
	}
	var dcs []fastlyapi.Datacenter
	if q.GroupBy == query.GroupByDatacenter {
		dcs, _ = d.account.datacenters.Get(ctx, false) // POP names are a nicety: without them, codes label the series
	}
	return realtime.NewView(q, services, dcs), nil
}

// staleNotices warn that services' real-time data stopped at their poller's first failure, without the token.
func (d *Datasource) staleNotices(stale []realtime.StaleService) []data.Notice {
	out := make([]data.Notice, 0, len(stale))
	for _, s := range stale {
		out = append(out, data.Notice{Severity: data.NoticeSeverityWarning, Text: d.settings.redact(fmt.Sprintf(
			"real-time data of %s is stale: polling Fastly has failed since %s (%s)",
			s.Service.Name, s.Status.Since.UTC().Format(time.TimeOnly), classify(s.Status.Err).message))})
	}
	return out
}

// infoNotices are texts as informational frame notices.
func infoNotices(texts []string) []data.Notice {
	out := make([]data.Notice, len(texts))
	for i, t := range texts {
		out[i] = data.Notice{Severity: data.NoticeSeverityInfo, Text: t}
	}
	return out
}
