package plugin

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// liveWindow: a dashboard range ending this close to now streams; older ranges are answered once.
const liveWindow = time.Minute

// topNNotStreamedNotice explains why a top-N over several services' POPs refreshes instead of streaming.
// Why a live panel refreshes instead of streaming.
var (
	topNNotStreamedNotice = series.Inform("top N over the POPs of several services refreshes instead of streaming: a stream follows whole services × POPs")
	channelTooLongNotice  = series.Inform("this query is too long for a Grafana Live channel, so it refreshes instead of streaming: choose fewer services, metrics or POPs")
)

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
	notices := append(d.staleNotices(rb.Stale), clipped...)
	info := requestInfoFrom(ctx)
	live := !info.fromAlert && info.uid != "" && now.Sub(dq.TimeRange.To) < liveWindow
	if live {
		v.PinPOPs(rb.Bufs, 0, to.Unix()) // the POP columns a stream of this panel starts with
	}
	res := v.Result(rb.Bufs, from, to)
	streamed, streamable := q, true
	if q.TopN != nil {
		// the top groups (services, or service × POP) in their original order, so a stream's columns stay the same
		res.Series = series.TopN(res.Series, *q.TopN, series.AsGiven)
		streamed, streamable = realtime.StreamedQuery(q, res.Series)
	}
	res.Notices = notices
	if live {
		if !streamable {
			res.Notices = append(res.Notices, topNNotStreamedNotice)
		} else if ch := realtimeChannel(info.uid, streamed); ch != "" {
			frame := frames.Wide(dq.RefID, res, q.LegendFormat)
			frame.Meta.Channel = ch
			return data.Frames{frame}, nil
		} else {
			res.Notices = append(res.Notices, channelTooLongNotice)
		}
	}
	return frames.TimeSeries(res, q.LegendFormat), nil
}

func (d *Datasource) resolveRealtime(ctx context.Context, q query.Realtime) (realtime.View, error) {
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return realtime.View{}, err
	}
	var pops []fastlyapi.POP
	if q.GroupBy == query.GroupByPOP {
		pops, _ = d.account.pops.Get(ctx, false) // POP names are a nicety: without them, codes label the series
	}
	return realtime.NewView(q, services, pops), nil
}

// staleNotices warn that services' real-time data stopped at their poller's first failure, with Fastly's reason
// and without the token.
func (d *Datasource) staleNotices(stale []realtime.StaleService) []series.Notice {
	out := make([]series.Notice, 0, len(stale))
	for _, s := range stale {
		n := realtime.StaleNotice(s, classify(s.Status.Err).message)
		n.Text = d.settings.redact(n.Text)
		out = append(out, n)
	}
	return out
}
