package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// wantsLiveInspector: source realtime always reads the real-time buffers; auto does when the range starts inside
// the window they keep.
func (d *Datasource) wantsLiveInspector(q query.Inspector, from, now time.Time) bool {
	switch q.Source {
	case query.SourceRealtime:
		return true
	case query.SourceAuto:
		return !from.Before(now.Add(-d.liveInspectorWindow()))
	}
	return false
}

func (d *Datasource) liveInspectorWindow() time.Duration {
	return time.Duration(d.settings.RealtimeBufferMinutes) * time.Minute
}

// liveInspector answers from the shared real-time pollers (one per service and product). With source auto it
// returns no frames when a buffer does not reach back to the range start, so the historical API answers instead.
func (d *Datasource) liveInspector(ctx context.Context, q query.Inspector, from, to, now time.Time) (data.Frames, error) {
	explicit := q.Source == query.SourceRealtime
	if explicit && to.Before(now.Add(-d.liveInspectorWindow())) {
		return nil, &query.InvalidError{Msg: fmt.Sprintf(
			"real-time %s data is kept in memory for the last %d minutes only: use source historical or auto for older ranges",
			q.Type, d.settings.RealtimeBufferMinutes)}
	}
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return nil, err
	}
	r := inspector.Request{Query: q, Services: services, From: from.Truncate(time.Second), To: to, Now: now}
	lb, err := d.inspector.ReadLive(ctx, r, d.realtime)
	if err != nil {
		return nil, err
	}
	if !lb.Holds(r.From) {
		if !explicit {
			return nil, nil
		}
		r.From, lb.Notices = clipToOldest(lb, r.From, lb.Notices, d.settings.RealtimeBufferMinutes)
	}
	res := d.inspector.RunLive(inspector.LiveRequest{Request: r, Regions: d.popRegions(ctx, q)}, lb)
	f := frames.InspectorFrames(res)
	frames.ApplyLegend(f, q.LegendFormat)
	return f, nil
}

// clipToOldest moves from to the newest of the buffers' oldest seconds and says why.
func clipToOldest(lb *inspector.LiveBuffers, from time.Time, notices []string, minutes int) (time.Time, []string) {
	oldest := from.Unix()
	for _, b := range lb.Buffers {
		oldest = max(oldest, b.Oldest())
	}
	notices = append(notices, fmt.Sprintf(
		"real-time data starts at %s: the plugin keeps the last %d minutes from when it started following the service; use source historical for older data",
		time.Unix(oldest, 0).UTC().Format(time.TimeOnly), minutes))
	return time.Unix(oldest, 0).UTC(), notices
}

// popRegions maps POP codes to stats regions when the query groups or filters by region.
func (d *Datasource) popRegions(ctx context.Context, q query.Inspector) map[string]string {
	out := map[string]string{}
	if !q.Groups(query.DimensionRegion) && len(q.Regions) == 0 {
		return out
	}
	if dcs, err := d.account.datacenters.Get(ctx, false); err == nil {
		for _, dc := range dcs {
			out[dc.Code] = dc.StatsRegion
		}
	}
	return out
}
