package realtime

import (
	"context"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// POP describes a Fastly POP for labels.
type POP struct {
	Code, Name, Region  string
	Latitude, Longitude float64
	Known               bool
}

// Series is one per-second series of a realtime query: a metric of a service, summed over POPs or of one POP.
type Series struct {
	ServiceID, ServiceName string
	POP                    *POP
	Metric                 metrics.Metric
	Values                 []*float64
}

// View is a realtime query resolved against the account: named services, metric definitions and POP names.
type View struct {
	Query    query.Realtime
	Services []stats.Service
	metrics  []metrics.Metric
	pops     map[string]fastlyapi.Datacenter
	// pinned fixes the POP columns of a per-POP stream, by service id (see PinPOPs).
	pinned map[string][]string
}

// NewView resolves q's metrics; dcs names the POPs of a per-POP query.
func NewView(q query.Realtime, services []stats.Service, dcs []fastlyapi.Datacenter) View {
	v := View{Query: q, Services: services, pops: make(map[string]fastlyapi.Datacenter, len(dcs))}
	for _, name := range q.Metrics {
		m, _ := metrics.ForRealtime(name)
		v.metrics = append(v.metrics, m)
	}
	for _, dc := range dcs {
		v.pops[dc.Code] = dc
	}
	return v
}

// NeedsPOPs tells whether the view reads per-POP values: a series per POP, or a sum over chosen POPs.
func (v View) NeedsPOPs() bool {
	return v.Query.GroupBy == query.GroupByDatacenter || len(v.Query.Datacenters) > 0
}

// viewReader is the part of the hub a view reads.
type viewReader interface {
	Admit(serviceIDs []string) error
	Read(ctx context.Context, serviceID string) (*Buffer, Status, error)
	ReadPOPs(ctx context.Context, serviceID string) (*Buffer, Status, error)
}

// StaleService is a service whose poller is failing: its newest data stopped at Status.Since.
type StaleService struct {
	Service stats.Service
	Status  Status
}

// Buffers are the buffers of a view's services, in the same order, and the services whose data is stale.
type Buffers struct {
	Bufs  []*Buffer
	Stale []StaleService
	POPs  bool // the buffers hold POP detail, which starts when the first per-POP reader asked for it
}

// Read returns the buffers of the view's services, per-POP ones when it needs them; a view that would pass the
// hub's poller limit starts nothing and fails.
func (v View) Read(ctx context.Context, hub viewReader) (Buffers, error) {
	b := Buffers{POPs: v.NeedsPOPs()}
	ids := make([]string, len(v.Services))
	for i, svc := range v.Services {
		ids[i] = svc.ID
	}
	if err := hub.Admit(ids); err != nil {
		return b, err
	}
	read := hub.Read
	if v.NeedsPOPs() {
		read = hub.ReadPOPs
	}
	for _, svc := range v.Services {
		buf, st, err := read(ctx, svc.ID)
		if err != nil {
			return b, err
		}
		b.Bufs = append(b.Bufs, buf)
		if st.Err != nil {
			b.Stale = append(b.Stale, StaleService{Service: svc, Status: st})
		}
	}
	return b, nil
}

// Series computes every series of the view over [from, to].
func (v View) Series(bufs []*Buffer, from, to int64) []Series {
	var out []Series
	for i, svc := range v.Services {
		groups := []*POP{nil}
		if v.Query.GroupBy == query.GroupByDatacenter {
			groups = v.popGroups(svc.ID, bufs[i], from, to)
		}
		for _, pop := range groups {
			for _, m := range v.metrics {
				out = append(out, Series{ServiceID: svc.ID, ServiceName: svc.Name, POP: pop, Metric: m,
					Values: bufs[i].Values(from, to, m, v.selection(pop))})
			}
		}
	}
	return out
}

// selection is the POPs one series sums: its own POP, the filter for the sum, or nil for every POP.
func (v View) selection(pop *POP) []string {
	if pop != nil {
		return []string{pop.Code}
	}
	return v.Query.Datacenters
}

func (v View) popGroups(serviceID string, buf *Buffer, from, to int64) []*POP {
	codes := v.Query.Datacenters
	if pinned, ok := v.pinned[serviceID]; ok {
		codes = pinned
	} else if len(codes) == 0 {
		codes = buf.POPs(from, to)
	}
	out := make([]*POP, 0, len(codes))
	for _, code := range codes {
		pop := &POP{Code: code}
		if dc, ok := v.pops[code]; ok {
			pop.Name, pop.Region, pop.Known = dc.Name, dc.Region, true
			pop.Latitude, pop.Longitude = dc.Coordinates.Latitude, dc.Coordinates.Longitude
		}
		out = append(out, pop)
	}
	return out
}

// Calls describes the Fastly calls behind the view's answers, for ExecutedQueryString.
func (v View) Calls() string {
	lines := make([]string, len(v.Services))
	for i, svc := range v.Services {
		lines[i] = "GET " + fastlyapi.ChannelRealtimePath(svc.ID, "<cursor>") + " (shared poller, in-memory buffer)"
	}
	return strings.Join(lines, "\n")
}
