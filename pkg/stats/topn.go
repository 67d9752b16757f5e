package stats

import (
	"sort"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// TopN keeps the series of the limit services whose total of metric over the grid is the largest (or the
// smallest when ascending), dropping every series of the other services. A missing value counts as 0; ties go
// to the service name, then id. Within each metric the kept series are ordered by rank; labels are untouched.
func TopN(series []Series, metric string, limit int, ascending bool) []Series {
	type ranked struct {
		service Service
		total   float64
	}
	var ranking []ranked
	for _, s := range series {
		if s.Metric.Name != metric {
			continue
		}
		r := ranked{service: s.Service}
		for _, v := range s.Values {
			if v != nil {
				r.total += *v
			}
		}
		ranking = append(ranking, r)
	}
	sort.SliceStable(ranking, func(i, j int) bool {
		a, b := ranking[i], ranking[j]
		if a.total != b.total {
			if ascending {
				return a.total < b.total
			}
			return a.total > b.total
		}
		if a.service.Name != b.service.Name {
			return a.service.Name < b.service.Name
		}
		return a.service.ID < b.service.ID
	})
	rank := map[string]int{}
	for i, r := range ranking {
		if i >= limit {
			break
		}
		rank[r.service.ID] = i
	}
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

// applyTopN applies the query's top N, if any.
func applyTopN(q query.Stats, series []Series) []Series {
	if q.TopN == nil || q.GroupBy == query.GroupByNone {
		return series
	}
	return TopN(series, q.TopN.Metric, q.TopN.Limit, q.TopN.Ascending())
}
