package plugin

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// wantsRealtimeInspector: source realtime always reads the real-time buffers; auto does when the range starts inside
// the window they keep.
func (d *Datasource) wantsRealtimeInspector(q query.Inspector, from, now time.Time) bool {
	switch q.ReadFrom {
	case query.ReadFromRealtime:
		return true
	case query.ReadFromAuto:
		return !from.Before(now.Add(-d.realtimeInspectorWindow()))
	}
	return false
}

func (d *Datasource) realtimeInspectorWindow() time.Duration {
	return time.Duration(d.settings.RealtimeBufferMinutes) * time.Minute
}

// realtimeInspector answers from the shared real-time pollers (one per service and product). With source auto it
// returns no frames when a buffer does not reach back to the range start, so the historical API answers instead.
func (d *Datasource) realtimeInspector(ctx context.Context, q query.Inspector, from, to, now time.Time) (data.Frames, error) {
	explicit := q.ReadFrom == query.ReadFromRealtime
	if explicit && to.Before(now.Add(-d.realtimeInspectorWindow())) {
		return nil, realtime.TooOldError(d.settings.RealtimeBufferMinutes, realtime.OlderInHistorical+" or auto")
	}
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return nil, err
	}
	r := inspector.Request{Query: q, Services: services, From: from.Truncate(time.Second), To: to, Now: now}
	lb, err := d.inspector.ReadRealtime(ctx, r, d.realtime)
	if err != nil {
		return nil, err
	}
	notices := d.staleNotices(lb.Stale)
	if !lb.Holds(r.From) {
		if !explicit {
			return nil, nil
		}
		oldest := lb.CommonStart(r.From)
		r.From = time.Unix(oldest, 0).UTC()
		notices = append(notices, realtime.StartsAtNotice(oldest, d.settings.RealtimeBufferMinutes, realtime.OlderInHistorical))
	}
	res := d.inspector.RunRealtime(inspector.RealtimeRequest{Request: r, Regions: d.popRegions(ctx, q)}, lb)
	res.Notices = append(notices, res.Notices...)
	return frames.TimeSeries(res.Result, q.LegendFormat), nil
}

// popRegions maps POP codes to stats regions when the query groups or filters by region.
func (d *Datasource) popRegions(ctx context.Context, q query.Inspector) map[string]string {
	if !q.Groups(query.DimensionRegion) && len(q.Regions) == 0 {
		return map[string]string{}
	}
	if out, ok := d.account.statsRegions(ctx); ok {
		return out
	}
	return map[string]string{}
}
