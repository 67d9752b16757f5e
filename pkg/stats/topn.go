package stats

import (
	"sort"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// TopN keeps the series of the limit services whose total of metric over the grid is the largest (or the
// smallest when ascending), dropping every series of the other services. A missing value counts as 0; ties go
// to the service name, then id. Within each metric the kept series are ordered by rank; labels are untouched.
func TopN(series []Series, metric string, limit int, ascending bool) []Series {
	var ranked []Ranked
	for _, s := range series {
		if s.Metric.Name == metric {
			ranked = append(ranked, Ranked{Key: s.Service.ID, Name: s.Service.Name, Total: Total(s.Values)})
		}
	}
	rank := Rank(ranked, limit, ascending)
	metricOrder := map[string]int{}
	var out []Series
	for _, s := range series {
		if _, ok := rank[s.Service.ID]; !ok {
			continue
		}
		if _, ok := metricOrder[s.Metric.Name]; !ok {
			metricOrder[s.Metric.Name] = len(metricOrder)
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		mi, mj := metricOrder[out[i].Metric.Name], metricOrder[out[j].Metric.Name]
		if mi != mj {
			return mi < mj
		}
		return rank[out[i].Service.ID] < rank[out[j].Service.ID]
	})
	return out
}

// Ranked is one group (a service, or a service's POP) competing for a top-N place.
type Ranked struct {
	Key   string
	Name  string
	Total float64
}

// Rank returns the rank of the limit groups with the largest totals (smallest when ascending); ties go to the
// name, then the key.
func Rank(groups []Ranked, limit int, ascending bool) map[string]int {
	sorted := append([]Ranked(nil), groups...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if a.Total != b.Total {
			return (a.Total < b.Total) == ascending
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Key < b.Key
	})
	rank := map[string]int{}
	for i, g := range sorted {
		if i >= limit {
			break
		}
		rank[g.Key] = i
	}
	return rank
}

// Total sums a series, counting missing values as 0.
func Total(values []*float64) float64 {
	var total float64
	for _, v := range values {
		if v != nil {
			total += *v
		}
	}
	return total
}

// applyTopN applies the query's top N, if any.
func applyTopN(q query.Stats, series []Series) []Series {
	if q.TopN == nil || q.GroupBy == query.GroupByNone {
		return series
	}
	return TopN(series, q.TopN.Metric, q.TopN.Limit, q.TopN.Ascending())
}
