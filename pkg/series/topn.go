package series

import (
	"sort"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// Order says how TopN orders the series it keeps.
type Order int

const (
	// ByRank orders the kept series metric by metric, each metric's groups by rank.
	ByRank Order = iota
	// AsGiven keeps the series in their original order, so a stream's columns stay the same.
	AsGiven
)

// TopN keeps the series of the t.Limit groups (Series.Key) whose total of t's metric is the largest (the smallest
// when ascending), dropping every series of the other groups. A missing value counts as 0; ties go to the group's
// name, then its key. Labels are untouched.
func TopN(list []Series, t query.TopN, order Order) []Series {
	var ranked []ranked
	for _, s := range list {
		if s.Metric.Name == t.Metric {
			ranked = append(ranked, newRanked(s))
		}
	}
	rank := rankGroups(ranked, t.Limit, t.Ascending())
	metricOrder := map[string]int{}
	var out []Series
	for _, s := range list {
		if _, ok := rank[s.Key()]; !ok {
			continue
		}
		if _, ok := metricOrder[s.Metric.Name]; !ok {
			metricOrder[s.Metric.Name] = len(metricOrder)
		}
		out = append(out, s)
	}
	if order == ByRank {
		sort.SliceStable(out, func(i, j int) bool {
			if mi, mj := metricOrder[out[i].Metric.Name], metricOrder[out[j].Metric.Name]; mi != mj {
				return mi < mj
			}
			return rank[out[i].Key()] < rank[out[j].Key()]
		})
	}
	return out
}

// ranked is one group competing for a top-N place.
type ranked struct {
	key, name string
	total     float64
}

func newRanked(s Series) ranked {
	name := s.Service.Name
	for _, l := range s.Group {
		name += " " + l.Value
	}
	return ranked{key: s.Key(), name: name, total: Total(s.Values)}
}

// rankGroups returns the rank of the limit groups with the largest totals (smallest when ascending).
func rankGroups(groups []ranked, limit int, ascending bool) map[string]int {
	sort.SliceStable(groups, func(i, j int) bool {
		a, b := groups[i], groups[j]
		if a.total != b.total {
			return (a.total < b.total) == ascending
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.key < b.key
	})
	rank := map[string]int{}
	for i, g := range groups {
		if i >= limit {
			break
		}
		rank[g.key] = i
	}
	return rank
}

// Total sums a series' values, counting missing values as 0.
func Total(values []*float64) float64 {
	var total float64
	for _, v := range values {
		if v != nil {
			total += *v
		}
	}
	return total
}
