package realtime

import (
	"context"
	"strconv"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// View is a realtime query resolved against the account: named services, metric definitions and POP names.
type View struct {
	Query    query.Realtime
	Services []series.Service
	metrics  []metrics.Metric
	pops     map[string]fastlyapi.POP
	// pinned fixes the POP columns of a per-POP stream, by service id (see PinPOPs).
	pinned map[string][]string
}

// NewView resolves q's metrics; pops names the POPs of a per-POP query.
func NewView(q query.Realtime, services []series.Service, pops []fastlyapi.POP) View {
	v := View{Query: q, Services: services, pops: make(map[string]fastlyapi.POP, len(pops))}
	for _, name := range q.Metrics {
		m, _ := metrics.ForRealtime(name)
		v.metrics = append(v.metrics, m)
	}
	for _, pop := range pops {
		v.pops[pop.Code] = pop
	}
	return v
}

// NeedsPOPs tells whether the view reads per-POP values: a series per POP, or a sum over chosen POPs.
func (v View) NeedsPOPs() bool {
	return v.Query.GroupBy == query.GroupByPOP || len(v.Query.POPs) > 0
}

// viewReader is the part of the hub a view reads.
type viewReader interface {
	Admit(serviceIDs []string) error
	Read(ctx context.Context, serviceID string) (*Buffer, Status, error)
	ReadPOPs(ctx context.Context, serviceID string) (*Buffer, Status, error)
}

// StaleService is a service whose poller is failing: its newest data stopped at Status.Since.
type StaleService struct {
	Service series.Service
	Status  Status
}

// Buffers are the buffers of a query's services (a view's or an inspector request's), in the same order, and the
// services whose data is stale.
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

// Series computes every series of the view over [from, to]: per second, a metric of a service summed over its
// POPs or, grouped by datacenter, of each POP (labelled with the POP's code and, when known, name, region and
// coordinates).
func (v View) Series(bufs []*Buffer, from, to int64) []series.Series {
	var subjects []series.Subject
	var bufOf []*Buffer
	for i, svc := range v.Services {
		pops := []string{""}
		if v.Query.GroupBy == query.GroupByPOP {
			pops = v.popCodes(svc.ID, bufs[i], from, to)
		}
		for _, pop := range pops {
			sub := series.Subject{Service: svc}
			if pop != "" {
				sub.Dimensions, sub.Details = []series.Label{{Name: query.DimensionPOP, Value: pop}}, v.popDetails(pop)
			}
			subjects, bufOf = append(subjects, sub), append(bufOf, bufs[i])
		}
	}
	return series.Build(v.metrics, subjects, true, func(s *series.Series, i int) {
		s.Values = bufOf[i].Values(from, to, s.Metric, v.selection(subjects[i].Dimensions))
	})
}

// selection is the POPs one series sums: its own POP (its only group label), the filter for the sum, or nil for
// every POP.
func (v View) selection(group []series.Label) []string {
	if len(group) > 0 {
		return []string{group[0].Value}
	}
	return v.Query.POPs
}

// popCodes are the POPs a service's series are grouped by: the pinned columns of a stream, the filter, or the
// POPs with traffic in [from, to].
func (v View) popCodes(serviceID string, buf *Buffer, from, to int64) []string {
	if pinned, ok := v.pinned[serviceID]; ok {
		return pinned
	}
	if len(v.Query.POPs) > 0 {
		return v.Query.POPs
	}
	return buf.POPs(from, to)
}

// popDetails label a POP with its name, stats region (the region of every other label and filter), Fastly's POP
// group and coordinates, when Fastly lists it.
func (v View) popDetails(code string) []series.Label {
	pop, ok := v.pops[code]
	if !ok {
		return nil
	}
	return []series.Label{
		{Name: series.LabelPOPName, Value: pop.Name},
		{Name: query.DimensionRegion, Value: pop.StatsRegion},
		{Name: series.LabelPOPGroup, Value: pop.Region},
		{Name: series.LabelLatitude, Value: strconv.FormatFloat(pop.Coordinates.Latitude, 'f', -1, 64)},
		{Name: series.LabelLongitude, Value: strconv.FormatFloat(pop.Coordinates.Longitude, 'f', -1, 64)},
	}
}

// Result is the view's answer over the seconds [from, to]: its series and the Fastly calls behind them.
func (v View) Result(bufs []*Buffer, from, to time.Time) series.Result {
	return series.Result{Times: Seconds(from, to), Series: v.Series(bufs, from.Unix(), to.Unix()), Calls: v.calls(), Services: len(v.Services)}
}

// calls describes the Fastly calls behind the view's answers.
func (v View) calls() []string {
	lines := make([]string, len(v.Services))
	for i, svc := range v.Services {
		lines[i] = fastlyapi.DescribeChannelPoll(svc.ID)
	}
	return lines
}
