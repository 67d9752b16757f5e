package inspector

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Pollers are the shared real-time pollers' per-second data of one inspector product and service.
type Pollers interface {
	ReadInspector(ctx context.Context, p fastlyapi.Product, serviceID string) (*realtime.Buffer, realtime.Status, error)
}

// RealtimeRequest is a request answered from the real-time buffers at 1-second resolution.
type RealtimeRequest struct {
	Request
	// Regions maps POP codes to their stats region, for the region filter and label.
	Regions map[string]string
}

// ReadRealtime checks every service has the add-on and returns the buffers of the shared pollers; Fastly's
// "no product on service" answer to a real-time poll is the same NotEnabledError.
func (e *Engine) ReadRealtime(ctx context.Context, r Request, pollers Pollers) (realtime.Buffers, error) {
	var out realtime.Buffers
	if err := e.checkEnabled(ctx, r.Product(), r.Services); err != nil {
		return out, err
	}
	for _, s := range r.Services {
		buf, st, err := pollers.ReadInspector(ctx, r.Product(), s.ID)
		if fastlyapi.IsNotEnabled(err) {
			return out, &NotEnabledError{Product: r.Product(), Service: s}
		}
		if err != nil {
			return out, err
		}
		if st.Err != nil {
			out.Stale = append(out.Stale, realtime.StaleService{Service: s, Status: st})
		}
		out.Bufs = append(out.Bufs, buf)
	}
	return out, nil
}

// RunRealtime answers the request from the buffers at 1-second resolution, with the historical path's grouping,
// filters and metric definitions. The range is clipped to the newest second every buffer holds.
func (e *Engine) RunRealtime(r RealtimeRequest, lb realtime.Buffers) *Result {
	fields := realtimeFieldPlan(r.Query)
	table := newGroupTable(r.Request, fields)
	from, to := r.From.Unix(), r.To.Unix()
	for i := range r.Services {
		to = min(to, lb.Bufs[i].Newest())
	}
	byPOP := r.Query.Groups(query.DimensionPOP) || r.Query.Groups(query.DimensionRegion) ||
		len(r.Query.POPs) > 0 || len(r.Query.Regions) > 0
	for i, s := range r.Services {
		series := lb.Bufs[i].DimensionSeries(r.Product().Dimension(), from, to, fields.wire, byPOP)
		table.add(s, r.keep(series), fields.wire)
	}
	grid := series.SecondGrid(time.Unix(from, 0), time.Unix(to, 0))
	res := &Result{Product: r.Product(), Step: grid.Step()}
	res.Times, res.Calls, res.Services = grid.Times(), realtimeCalls(r.Request), len(r.Services)
	res.Series = buildSeries(r.Request, fields, table, grid)
	for i, s := range r.Services {
		blankUncovered(res.Series, s.ID, lb.Bufs[i].Covered(from, to))
	}
	return res
}

// blankUncovered leaves the seconds no real-time answer covered (before the poller started, or lost in an outage
// longer than Fastly's 120 s history) without a value instead of a false zero, as the channel buffer does.
func blankUncovered(list []series.Series, serviceID string, covered []bool) {
	for _, s := range list {
		if s.Service.ID != serviceID {
			continue
		}
		for j := range s.Values {
			if j < len(covered) && !covered[j] {
				s.Values[j] = nil
			}
		}
	}
}

// realtimeFieldPlan is the historical plan, except that the origins total over sources sums the vcl, waf_ and
// compute_ families: real-time answers need not carry the all_ fields.
func realtimeFieldPlan(q query.Inspector) fieldPlan {
	p := newFieldPlan(q)
	if q.Type != query.TypeOrigins || q.Groups(query.DimensionSource) {
		return p
	}
	p.wire, p.wireBase, p.wireSource = nil, nil, nil
	for i, f := range p.base {
		for _, fam := range sourceFamilies {
			p.addWire(fam.prefix+f, i, "")
		}
	}
	return p
}

// keep applies the name, datacenter and region filters and adds the region of each POP.
func (r RealtimeRequest) keep(series []fastlyapi.InspectorSeries) []fastlyapi.InspectorSeries {
	names, pops, regions := toSet(r.Query.Names()), toSet(r.Query.POPs), toSet(r.Query.Regions)
	out := series[:0]
	for _, s := range series {
		pop := s.Dimensions[fastlyapi.DimensionPOP]
		region := r.Regions[pop]
		if !allowed(names, s.Dimensions[r.Product().Dimension()]) || !allowed(pops, pop) || !allowed(regions, region) {
			continue
		}
		if pop != "" {
			s.Dimensions[fastlyapi.DimensionRegion] = region
		}
		out = append(out, s)
	}
	return out
}

func toSet(values []string) map[string]bool {
	if len(values) == 0 {
		return nil
	}
	set := make(map[string]bool, len(values))
	for _, v := range values {
		set[v] = true
	}
	return set
}

// allowed is true without a filter, else when v is in it.
func allowed(set map[string]bool, v string) bool { return set == nil || set[v] }

func realtimeCalls(r Request) []string {
	out := make([]string, len(r.Services))
	for i, s := range r.Services {
		out[i] = fastlyapi.DescribeInspectorPoll(r.Product(), s.ID)
	}
	return out
}
