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
	keys := make([]string, len(list))
	var ranked []ranked
	for i, s := range list {
		keys[i] = s.Key()
		if s.Metric.Name == t.Metric {
			ranked = append(ranked, newRanked(s, keys[i]))
		}
	}
	rank := rankGroups(ranked, t.Limit, t.Ascending())
	type kept struct {
		s            Series
		metric, rank int
	}
	metricOrder := map[string]int{}
	var out []kept
	for i, s := range list {
		r, ok := rank[keys[i]]
		if !ok {
			continue
		}
		if _, ok := metricOrder[s.Metric.Name]; !ok {
			metricOrder[s.Metric.Name] = len(metricOrder)
		}
		out = append(out, kept{s: s, metric: metricOrder[s.Metric.Name], rank: r})
	}
	if order == ByRank {
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].metric != out[j].metric {
				return out[i].metric < out[j].metric
			}
			return out[i].rank < out[j].rank
		})
	}
	result := make([]Series, len(out))
	for i, k := range out {
		result[i] = k.s
	}
	return result
}

// ranked is one group competing for a top-N place.
type ranked struct {
	key, name string
	total     float64
}

func newRanked(s Series, key string) ranked {
	name := s.Service.Name
	for _, l := range s.Dimensions {
		name += " " + l.Value
	}
	return ranked{key: key, name: name, total: Total(s.Values)}
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
