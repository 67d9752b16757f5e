package stats

import (
	"math"
	"slices"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// rowTable holds, per service, the field values of every bucket Fastly returned.
type rowTable struct {
	byService map[string]map[int64][]float64 // service → bucket start → value per field
	column    map[string]int                 // field → index in a row
	frontier  int64                          // newest bucket start in any answer; math.MinInt64 when none
}

func newRowTable(fields []string, services []Service) rowTable {
	t := rowTable{byService: map[string]map[int64][]float64{}, column: map[string]int{}, frontier: math.MinInt64}
	for _, s := range services {
		t.byService[s.ID] = map[int64][]float64{}
	}
	for i, f := range fields {
		t.column[f] = i
	}
	return t
}

// row returns the bucket's row, creating it.
func (t *rowTable) row(buckets map[int64][]float64, start int64) []float64 {
	row := buckets[start]
	if row == nil {
		row = make([]float64, len(t.column))
		buckets[start] = row
	}
	return row
}

// add merges one answer's rows of the selected services; every row counts for the frontier.
func (t *rowTable) add(res *fastlyapi.StatsResult, fields []string) {
	for serviceID, rows := range res.ByService {
		buckets, selected := t.byService[serviceID]
		for j, start := range rows.Start {
			t.frontier = max(t.frontier, start)
			if !selected {
				continue
			}
			row := t.row(buckets, start)
			for i, f := range fields {
				if col, ok := t.column[f]; ok {
					row[col] = rows.Values[i][j]
				}
			}
		}
	}
}

// buildSeries computes every requested metric per service, or for the sum of the services.
func buildSeries(r Request, fields []string, t rowTable, g grid) []Series {
	groups := seriesGroups(r, fields, t, g)
	var out []Series
	for _, name := range r.Query.Metrics {
		m, _ := metrics.Lookup(name)
		for _, grp := range groups {
			out = append(out, computeSeries(m, grp, fields, r.Query.PerSecond, g.step))
		}
	}
	return out
}

// group is the bucket values of one service or of the sum: values[field][bucket].
type group struct {
	service Service
	values  [][]float64
}

func seriesGroups(r Request, fields []string, t rowTable, g grid) []group {
	var groups []group
	for _, s := range r.Services {
		groups = append(groups, group{service: s, values: fillGrid(t.byService[s.ID], len(fields), g)})
	}
	if r.Query.GroupBy == query.GroupByNone {
		return []group{sumGroups(groups, len(fields), g.n)}
	}
	return groups
}

// fillGrid places a service's buckets on the grid; a bucket Fastly did not return had no traffic (zero).
func fillGrid(buckets map[int64][]float64, nFields int, g grid) [][]float64 {
	values := make([][]float64, nFields)
	for i := range values {
		values[i] = make([]float64, g.n)
	}
	for start, row := range buckets {
		j := g.index(start)
		if j < 0 {
			continue
		}
		for i, v := range row {
			values[i][j] = v
		}
	}
	return values
}

func sumGroups(groups []group, nFields, n int) group {
	sum := group{values: make([][]float64, nFields)}
	for i := range sum.values {
		sum.values[i] = make([]float64, n)
		for _, grp := range groups {
			for j, v := range grp.values[i] {
				sum.values[i][j] += v
			}
		}
	}
	return sum
}

func computeSeries(m metrics.Metric, grp group, fields []string, perSecond bool, step time.Duration) Series {
	inputs := make([][]float64, len(m.Inputs))
	for k, f := range m.Inputs {
		inputs[k] = grp.values[slices.Index(fields, f)]
	}
	s := Series{Service: grp.service, Metric: m, Unit: m.Unit}
	divisor := 1.0
	if perSecond {
		divisor, s.Unit = m.PerSecond(step)
	}
	in := make([]float64, len(inputs))
	n := 0
	if len(inputs) > 0 {
		n = len(inputs[0])
	}
	s.Values = make([]*float64, n)
	for j := 0; j < n; j++ {
		for k := range inputs {
			in[k] = inputs[k][j]
		}
		v, ok := m.Compute(in)
		if !ok || math.IsNaN(v) {
			continue
		}
		v /= divisor
		s.Values[j] = &v
	}
	return s
}
