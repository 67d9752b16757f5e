package realtime

import (
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// TopN keeps the series of the top groups (services, or service × POP with groupBy datacenter) by the
// total of the ranking metric, in their original order so a stream's columns stay the same.
func TopN(series []Series, t query.TopN) []Series {
	var ranked []stats.Ranked
	for _, s := range series {
		if s.Metric.Name == t.Metric {
			ranked = append(ranked, stats.Ranked{Key: groupKey(s), Name: s.ServiceName + " " + popCode(s), Total: stats.Total(s.Values)})
		}
	}
	rank := stats.Rank(ranked, t.Limit, t.Ascending())
	var out []Series
	for _, s := range series {
		if _, ok := rank[groupKey(s)]; ok {
			out = append(out, s)
		}
	}
	return out
}

// StreamedQuery is the query a stream of the kept series follows: the chosen services and POPs, fixed for the
// stream's life. ok is false when services × POPs would stream more series than were kept.
func StreamedQuery(q query.Realtime, kept []Series) (query.Realtime, bool) {
	services, pops := distinct(kept, func(s Series) string { return s.ServiceID }),
		distinct(kept, popCode)
	groups := distinct(kept, groupKey)
	q.TopN, q.Services = nil, services
	if q.GroupBy == query.GroupByDatacenter {
		q.Datacenters = pops
		return q, len(services)*len(pops) == len(groups)
	}
	return q, true
}

func groupKey(s Series) string { return s.ServiceID + "/" + popCode(s) }

func popCode(s Series) string {
	if s.POP == nil {
		return ""
	}
	return s.POP.Code
}

func distinct(series []Series, key func(Series) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range series {
		if k := key(s); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
