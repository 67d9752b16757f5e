package plugin

import (
	"context"
	"net/http"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// newInspectorEngine builds the Origin/Domain Inspector engine with the datasource's tuning settings.
func newInspectorEngine(api inspector.API, s Settings, now func() time.Time) *inspector.Engine {
	return inspector.NewEngine(api, inspector.Config{MaxPages: s.InspectorMaxPages, MaxConcurrent: s.MaxConcurrentCalls, Now: now})
}

// inspectorHandler answers origins or domains queries from the historical inspector API or, for source realtime
// and auto ranges the real-time buffers hold, from the shared real-time pollers.
func (d *Datasource) inspectorHandler(t query.Type) queryHandler {
	return func(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
		q, err := query.ParseInspector(t, dq.JSON)
		if err != nil {
			return nil, err
		}
		now := d.now()
		from, to, err := pastRange(dq.TimeRange, now)
		if err != nil {
			return nil, err
		}
		if d.wantsRealtimeInspector(q, from, now) {
			if f, err := d.realtimeInspector(ctx, q, from, to, now); f != nil || err != nil {
				return f, err
			}
		}
		g := q.Granularity
		if g == query.GranularityAuto {
			if g, err = query.Resolve(g, query.RangeRequest{From: from, To: to, Interval: dq.Interval, MaxDataPoints: dq.MaxDataPoints, Now: now}); err != nil {
				return nil, err
			}
		}
		services, err := d.account.resolveServices(ctx, q.Services)
		if err != nil {
			return nil, err
		}
		res, err := d.inspector.Run(ctx, inspector.Request{Query: q, Services: services, Granularity: g, From: from, To: to, Now: now})
		if err != nil {
			return nil, err
		}
		return frames.TimeSeries(res.Result, q.LegendFormat), nil
	}
}

// inspectorNames serves the origins and domains resources: hosts or domains of ?service= seen in the last day.
func (d *Datasource) inspectorNames(p fastlyapi.Product) func(ctx context.Context, r *http.Request) (any, error) {
	return func(ctx context.Context, r *http.Request) (any, error) {
		ids, err := query.ServiceIDs([]string{r.URL.Query().Get("service")})
		if err != nil {
			return nil, err
		}
		if len(ids) != 1 {
			return nil, &query.InvalidError{Msg: "name exactly one service: ?service=<service id>"}
		}
		services, err := d.account.resolveServices(ctx, ids)
		if err != nil {
			return nil, err
		}
		return d.inspector.Names(ctx, p, services[0], d.now())
	}
}
