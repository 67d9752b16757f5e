package plugin

import (
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// realtimeTopN keeps the series of the top groups (services, or service × POP with groupBy datacenter) by the
// total of the ranking metric, in their original order so a stream's columns stay the same.
func realtimeTopN(series []frames.RealtimeSeries, t query.TopN) []frames.RealtimeSeries {
	var ranked []stats.Ranked
	for _, s := range series {
		if s.Metric.Name == t.Metric {
			ranked = append(ranked, stats.Ranked{Key: groupKey(s), Name: s.ServiceName + " " + popCode(s), Total: stats.Total(s.Values)})
		}
	}
	rank := stats.Rank(ranked, t.Limit, t.Ascending())
	var out []frames.RealtimeSeries
	for _, s := range series {
		if _, ok := rank[groupKey(s)]; ok {
			out = append(out, s)
		}
	}
	return out
}

// streamedQuery is the query a stream of the kept series follows: the chosen services and POPs, fixed for the
// stream's life (contract note 19). ok is false when services × POPs would stream more series than were kept.
func streamedQuery(q query.Realtime, kept []frames.RealtimeSeries) (query.Realtime, bool) {
	services, pops := distinct(kept, func(s frames.RealtimeSeries) string { return s.ServiceID }),
		distinct(kept, popCode)
	groups := distinct(kept, groupKey)
	q.TopN, q.Services = nil, services
	if q.GroupBy == query.GroupByDatacenter {
		q.Datacenters = pops
		return q, len(services)*len(pops) == len(groups)
	}
	return q, true
}

func groupKey(s frames.RealtimeSeries) string { return s.ServiceID + "/" + popCode(s) }

func popCode(s frames.RealtimeSeries) string {
	if s.POP == nil {
		return ""
	}
	return s.POP.Code
}

func distinct(series []frames.RealtimeSeries, key func(frames.RealtimeSeries) string) []string {
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
