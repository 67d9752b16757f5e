package stats

import (
	"math"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// rowTable holds, per service, the field values of every bucket Fastly returned.
type rowTable struct {
	byService map[string]map[int64][]float64 // service → bucket start → value per field
	column    map[string]int                 // field → index in a row
	frontier  int64                          // newest bucket start in any answer; math.MinInt64 when none
}

func newRowTable(fields []string, services []series.Service) rowTable {
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
func buildSeries(r Request, fields []string, t rowTable, g series.Grid) []series.Series {
	groups := seriesGroups(r, len(fields), t, g)
	subjects := make([]series.Subject, len(groups))
	columns := make([][][]float64, len(groups))
	for i, grp := range groups {
		subjects[i], columns[i] = series.Subject{Service: grp.service}, grp.values
	}
	ms := make([]metrics.Metric, len(r.Query.Metrics))
	for i, name := range r.Query.Metrics {
		ms[i], _ = metrics.Lookup(name)
	}
	return series.Build(ms, subjects, false, series.GridFill(fields, columns, r.Query.PerSecond, g.Step()))
}

// group is the bucket values of one service or of the sum: values[field][bucket].
type group struct {
	service series.Service
	values  [][]float64
}

func seriesGroups(r Request, nFields int, t rowTable, g series.Grid) []group {
	var groups []group
	for _, s := range r.Services {
		groups = append(groups, group{service: s, values: g.Fill(t.byService[s.ID], nFields)})
	}
	if r.Query.GroupBy == query.GroupByNone {
		return []group{sumGroups(groups, nFields, g.Len())}
	}
	return groups
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
