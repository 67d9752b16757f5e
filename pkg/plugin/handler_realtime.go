package plugin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// liveWindow: a dashboard range ending this close to now streams; older ranges are answered once.
const liveWindow = time.Minute

// topNNotStreamedNotice explains why a top-N over several services' POPs refreshes instead of streaming.
var topNNotStreamedNotice = data.Notice{Severity: data.NoticeSeverityInfo,
	Text: "top N over the POPs of several services refreshes instead of streaming: a stream follows whole services × POPs"}

// realtimeView is a realtime query resolved against the account: named services and metric definitions.
type realtimeView struct {
	q        query.Realtime
	services []stats.Service
	metrics  []metrics.Metric
	pops     map[string]fastlyapi.Datacenter
	// pinned fixes the POP columns of a per-POP stream, by service id (see pinPOPs).
	pinned map[string][]string
}

// realtimeBuffers are the buffers of a view's services, in the same order.
type realtimeBuffers struct {
	bufs    []*realtime.Buffer
	notices []data.Notice
}

func (d *Datasource) handleRealtime(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseRealtime(dq.JSON)
	if err != nil {
		return nil, err
	}
	v, err := d.resolveRealtime(ctx, q)
	if err != nil {
		return nil, err
	}
	rb, err := d.readRealtime(ctx, v)
	if err != nil {
		return nil, err
	}
	now := d.now()
	from, to, err := d.realtimeRange(dq.TimeRange, now, &rb)
	if err != nil {
		return nil, err
	}
	info := requestInfoFrom(ctx)
	live := !info.fromAlert && info.uid != "" && now.Sub(dq.TimeRange.To) < liveWindow
	if live {
		v.pinPOPs(rb.bufs, 0, to.Unix()) // the POP columns a stream of this panel starts with
	}
	series := v.series(rb.bufs, from.Unix(), to.Unix())
	streamed, streamable := q, true
	if q.TopN != nil {
		series = realtimeTopN(series, *q.TopN)
		streamed, streamable = streamedQuery(q, series)
	}
	times := secondsBetween(from, to)
	if live {
		if !streamable {
			rb.notices = append(rb.notices, topNNotStreamedNotice)
		} else if ch := realtimeChannel(info.uid, streamed); ch != "" {
			frame := frames.RealtimeWideFrame(dq.RefID, times, series, rb.notices)
			frame.Meta.Channel = ch
			frames.ApplyLegend(data.Frames{frame}, q.LegendFormat)
			return data.Frames{frame}, nil
		} else {
			rb.notices = append(rb.notices, data.Notice{Severity: data.NoticeSeverityInfo,
				Text: "this query is too long for a Grafana Live channel, so it refreshes instead of streaming: choose fewer services, metrics or POPs"})
		}
	}
	f := frames.RealtimeFrames(times, series, v.calls(), rb.notices)
	frames.ApplyLegend(f, q.LegendFormat)
	return f, nil
}

func (d *Datasource) resolveRealtime(ctx context.Context, q query.Realtime) (realtimeView, error) {
	services, err := d.catalog.resolveServices(ctx, q.Services)
	if err != nil {
		return realtimeView{}, err
	}
	v := realtimeView{q: q, services: services, pops: map[string]fastlyapi.Datacenter{}}
	for _, name := range q.Metrics {
		m, _ := metrics.ForRealtime(name)
		v.metrics = append(v.metrics, m)
	}
	if q.GroupBy == query.GroupByDatacenter {
		if dcs, err := d.catalog.datacenters.get(ctx, false); err == nil {
			for _, dc := range dcs {
				v.pops[dc.Code] = dc
			}
		}
	}
	return v, nil
}

func (d *Datasource) readRealtime(ctx context.Context, v realtimeView) (realtimeBuffers, error) {
	var rb realtimeBuffers
	for _, svc := range v.services {
		buf, st, err := d.realtime.Read(ctx, svc.ID)
		if err != nil {
			return rb, err
		}
		rb.bufs = append(rb.bufs, buf)
		if st.Err != nil {
			rb.notices = append(rb.notices, d.staleNotice(svc, st))
		}
	}
	return rb, nil
}

// staleNotice warns that a service's real-time data stopped at the poller's first failure, naming it without the token.
func (d *Datasource) staleNotice(svc stats.Service, st realtime.Status) data.Notice {
	return data.Notice{Severity: data.NoticeSeverityWarning, Text: d.settings.redact(fmt.Sprintf(
		"real-time data of %s is stale: polling Fastly has failed since %s (%s)",
		svc.Name, st.Since.UTC().Format(time.TimeOnly), classify(st.Err).message))}
}

// realtimeRange is the query range clipped to the seconds held in memory; a range entirely older is an error.
func (d *Datasource) realtimeRange(tr backend.TimeRange, now time.Time, rb *realtimeBuffers) (time.Time, time.Time, error) {
	from, to := tr.From.Truncate(time.Second), tr.To.Truncate(time.Second)
	if to.After(now) {
		to = now.Truncate(time.Second)
	}
	newest, oldest := int64(0), int64(0)
	for _, b := range rb.bufs {
		newest = max(newest, b.Newest())
		if o := b.Oldest(); o > 0 && (oldest == 0 || o < oldest) {
			oldest = o
		}
	}
	window := time.Duration(d.settings.RealtimeBufferMinutes) * time.Minute
	if to.Before(now.Add(-window)) || (oldest > 0 && to.Unix() < oldest) {
		return from, to, &query.InvalidError{Msg: fmt.Sprintf(
			"real-time data is kept in memory for the last %d minutes only (and since the plugin started following the service): use a stats query for older ranges",
			d.settings.RealtimeBufferMinutes)}
	}
	if newest > 0 && to.Unix() > newest {
		to = time.Unix(newest, 0)
	}
	if oldest > from.Unix() {
		rb.notices = append(rb.notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: fmt.Sprintf(
			"real-time data starts at %s: the plugin keeps the last %d minutes from when it started following the service; use a stats query for older data",
			time.Unix(oldest, 0).UTC().Format(time.TimeOnly), d.settings.RealtimeBufferMinutes)})
		from = time.Unix(oldest, 0)
	}
	return from.UTC(), to.UTC(), nil
}

// series computes every series of the view over [from, to].
func (v realtimeView) series(bufs []*realtime.Buffer, from, to int64) []frames.RealtimeSeries {
	var out []frames.RealtimeSeries
	for i, svc := range v.services {
		groups := []*frames.POP{nil}
		if v.q.GroupBy == query.GroupByDatacenter {
			groups = v.popGroups(svc.ID, bufs[i], from, to)
		}
		for _, pop := range groups {
			for _, m := range v.metrics {
				out = append(out, frames.RealtimeSeries{ServiceID: svc.ID, ServiceName: svc.Name, POP: pop, Metric: m,
					Values: bufs[i].Values(from, to, m, v.selection(pop))})
			}
		}
	}
	return out
}

// selection is the POPs one series sums: its own POP, the filter for the sum, or nil for every POP.
func (v realtimeView) selection(pop *frames.POP) []string {
	if pop != nil {
		return []string{pop.Code}
	}
	return v.q.Datacenters
}

func (v realtimeView) popGroups(serviceID string, buf *realtime.Buffer, from, to int64) []*frames.POP {
	codes := v.q.Datacenters
	if pinned, ok := v.pinned[serviceID]; ok {
		codes = pinned
	} else if len(codes) == 0 {
		codes = buf.POPs(from, to)
	}
	out := make([]*frames.POP, 0, len(codes))
	for _, code := range codes {
		pop := &frames.POP{Code: code}
		if dc, ok := v.pops[code]; ok {
			pop.Name, pop.Region, pop.Known = dc.Name, dc.Region, true
			pop.Latitude, pop.Longitude = dc.Coordinates.Latitude, dc.Coordinates.Longitude
		}
		out = append(out, pop)
	}
	return out
}

func (v realtimeView) calls() string {
	lines := make([]string, len(v.services))
	for i, svc := range v.services {
		lines[i] = "GET " + fastlyapi.ChannelRealtimePath(svc.ID, "<cursor>") + " (shared poller, in-memory buffer)"
	}
	return strings.Join(lines, "\n")
}

func secondsBetween(from, to time.Time) []time.Time {
	var out []time.Time
	for t := from; !t.After(to); t = t.Add(time.Second) {
		out = append(out, t.UTC())
	}
	if out == nil {
		out = []time.Time{}
	}
	return out
}
