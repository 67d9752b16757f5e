package realtime

import (
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// StreamedQuery is the query a stream of the kept series follows: the chosen services and POPs, fixed for the
// stream's life. ok is false when services × POPs would stream more series than were kept.
func StreamedQuery(q query.Realtime, kept []series.Series) (query.Realtime, bool) {
	services := distinct(kept, func(s series.Series) string { return s.Service.ID })
	pops := distinct(kept, func(s series.Series) string { return s.Label(query.DimensionPOP) })
	groups := distinct(kept, series.Series.Key)
	q.TopN, q.Services = nil, services
	if q.GroupBy == query.GroupByPOP {
		q.POPs = pops
		return q, len(services)*len(pops) == len(groups)
	}
	return q, true
}

func distinct(list []series.Series, key func(series.Series) string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if k := key(s); !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
