package inspector

import (
	"math"
	"sort"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Origin Inspector field families as values of the source label, with their field prefixes.
var sourceFamilies = []struct{ label, prefix string }{{"vcl", ""}, {"waf", "waf_"}, {"compute", "compute_"}}

// allSourcesPrefix selects the Origin Inspector family that counts every source.
const allSourcesPrefix = "all_"

// fieldPlan maps the metrics' input fields to the fields Fastly is asked for.
type fieldPlan struct {
	base       []string // input fields of the metrics (unprefixed), first-use order
	wire       []string // fields sent as metric=
	wireBase   []int    // wire[i] is a family member of base[wireBase[i]]
	wireSource []string // source label of wire[i]; "" when not grouped by source
	apiGroupBy []string // group_by sent to Fastly
	labelDims  []string // dimensions that label a series, in label order
}

func newFieldPlan(q query.Inspector) fieldPlan {
	var p fieldPlan
	seen := map[string]bool{}
	for _, name := range q.Metrics {
		m, _ := metrics.LookupInspector(string(q.Type), name)
		for _, f := range m.Inputs {
			if !seen[f] {
				seen[f] = true
				p.base = append(p.base, f)
			}
		}
	}
	for i, f := range p.base {
		switch {
		case q.Type == query.TypeOrigins && q.Groups(query.DimensionSource):
			for _, fam := range sourceFamilies {
				p.addWire(fam.prefix+f, i, fam.label)
			}
		case q.Type == query.TypeOrigins:
			p.addWire(allSourcesPrefix+f, i, "")
		default:
			p.addWire(f, i, "")
		}
	}
	for _, d := range []string{query.DimensionHost, query.DimensionDomain, query.DimensionPOP, query.DimensionRegion} {
		if q.Groups(d) {
			p.apiGroupBy = append(p.apiGroupBy, d)
			p.labelDims = append(p.labelDims, d)
		}
	}
	if q.Groups(query.DimensionSource) {
		p.labelDims = append(p.labelDims, query.DimensionSource)
	}
	return p
}

func (p *fieldPlan) addWire(name string, base int, source string) {
	p.wire = append(p.wire, name)
	p.wireBase = append(p.wireBase, base)
	p.wireSource = append(p.wireSource, source)
}

// group accumulates the counters of one service and one combination of grouped dimension values.
type group struct {
	service series.Service
	rank    int // the service's position in the request
	labels  map[string]string
	key     string
	buckets map[int64][]float64 // bucket start → value per base field
}

// groupTable sums every answered series into its group, so metrics are computed from summed counters.
type groupTable struct {
	plan     fieldPlan
	wireIdx  map[string]int
	rank     map[string]int
	groups   map[string]*group
	frontier int64
}

func newGroupTable(r Request, plan fieldPlan) *groupTable {
	t := &groupTable{plan: plan, wireIdx: map[string]int{}, rank: map[string]int{}, groups: map[string]*group{}, frontier: math.MinInt64}
	for i, w := range plan.wire {
		t.wireIdx[w] = i
	}
	for i, s := range r.Services {
		t.rank[s.ID] = i
		if len(plan.labelDims) == 0 {
			t.groupFor(s, map[string]string{})
		}
	}
	return t
}

func (t *groupTable) add(s series.Service, series []fastlyapi.InspectorSeries, wire []string) {
	for _, ser := range series {
		dims := map[string]string{}
		for _, d := range t.plan.apiGroupBy {
			dims[d] = ser.Dimensions[d]
		}
		for col, name := range wire {
			wi, ok := t.wireIdx[name]
			if !ok {
				continue
			}
			labels := dims
			if src := t.plan.wireSource[wi]; src != "" {
				labels = withLabel(dims, query.DimensionSource, src)
			}
			t.addColumn(t.groupFor(s, labels), t.plan.wireBase[wi], ser.Timestamps, ser.Values[col])
		}
	}
}

func (t *groupTable) addColumn(g *group, base int, timestamps []int64, values []float64) {
	for j, ts := range timestamps {
		t.frontier = max(t.frontier, ts)
		row := g.buckets[ts]
		if row == nil {
			row = make([]float64, len(t.plan.base))
			g.buckets[ts] = row
		}
		row[base] += values[j]
	}
}

func (t *groupTable) groupFor(s series.Service, labels map[string]string) *group {
	key := s.ID + "\x00" + labelKey(labels, t.plan.labelDims)
	g := t.groups[key]
	if g == nil {
		g = &group{service: s, rank: t.rank[s.ID], labels: labels, key: key, buckets: map[int64][]float64{}}
		t.groups[key] = g
	}
	return g
}

func withLabel(labels map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(labels)+1)
	for lk, lv := range labels {
		out[lk] = lv
	}
	out[k] = v
	return out
}

func labelKey(labels map[string]string, dims []string) string {
	parts := make([]string, len(dims))
	for i, d := range dims {
		parts[i] = labels[d]
	}
	return strings.Join(parts, "\x00")
}

// sorted lists the groups by service (request order), then by their label values.
func (t *groupTable) sorted() []*group {
	out := make([]*group, 0, len(t.groups))
	for _, g := range t.groups {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].rank != out[j].rank {
			return out[i].rank < out[j].rank
		}
		return out[i].key < out[j].key
	})
	return out
}

// buildSeries computes every requested metric for every group, from the group's summed counters.
func buildSeries(r Request, plan fieldPlan, t *groupTable, grid series.Grid) []series.Series {
	groups := t.sorted()
	subjects := make([]series.Subject, len(groups))
	columns := make([][][]float64, len(groups))
	for i, g := range groups {
		subjects[i] = series.Subject{Service: g.service, Dimensions: groupLabels(g.labels, plan.labelDims)}
		columns[i] = grid.Fill(g.buckets, len(plan.base))
	}
	ms := make([]metrics.Metric, len(r.Query.Metrics))
	for i, name := range r.Query.Metrics {
		ms[i], _ = metrics.LookupInspector(string(r.Query.Type), name)
	}
	return series.Build(ms, subjects, false, series.GridFill(plan.base, columns, r.Query.PerSecond, grid.Step()))
}

// groupLabels are a group's dimension values in label order.
func groupLabels(labels map[string]string, dims []string) []series.Label {
	out := make([]series.Label, 0, len(dims))
	for _, d := range dims {
		if v, ok := labels[d]; ok {
			out = append(out, series.Label{Name: d, Value: v})
		}
	}
	return out
}
