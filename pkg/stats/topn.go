package stats

import (
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// applyTopN applies the query's top N, if any: the kept services' series, metric by metric in rank order.
func applyTopN(q query.Stats, list []series.Series) []series.Series {
	if q.TopN == nil || q.GroupBy == query.GroupByNone {
		return list
	}
	return series.TopN(list, *q.TopN, series.ByRank)
}
