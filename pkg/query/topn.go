package query

import "strings"

// Top-N bounds and orders.
const (
	TopNDefaultLimit = 10
	TopNMaxLimit     = 100
	OrderDesc        = "desc"
	OrderAsc         = "asc"
)

// TopN keeps the Limit series with the largest (desc) or smallest (asc) total of Metric over the range.
type TopN struct {
	Metric string `json:"metric"`
	Limit  int    `json:"limit"`
	Order  string `json:"order"`
}

// Ascending reports whether the smallest totals are kept.
func (t TopN) Ascending() bool { return t.Order == OrderAsc }

// applyDefaults fills an omitted metric (the query's first), limit (10) and order (desc).
func (t *TopN) applyDefaults(queryMetrics []string) {
	t.Metric = strings.TrimSpace(t.Metric)
	if t.Metric == "" && len(queryMetrics) > 0 {
		t.Metric = queryMetrics[0]
	}
	if t.Limit == 0 {
		t.Limit = TopNDefaultLimit
	}
	t.Order = strings.ToLower(strings.TrimSpace(t.Order))
	if t.Order == "" {
		t.Order = OrderDesc
	}
}

func (t TopN) validate(q Stats) error {
	if q.GroupBy == GroupByNone {
		return invalid("top N needs one series per service: set groupBy to service, or remove top N (groupBy none already gives a single series)")
	}
	return t.validateFor(q.Metrics)
}

// validateFor checks the ranking metric against the query's metrics, and the limit and order.
func (t TopN) validateFor(queryMetrics []string) error {
	found := false
	for _, m := range queryMetrics {
		if m == t.Metric {
			found = true
		}
	}
	if !found {
		return invalid("top N ranks by %q, which is not one of the query's metrics (%s): add it to the metrics or rank by one of them",
			t.Metric, strings.Join(queryMetrics, ", "))
	}
	if t.Limit < 1 || t.Limit > TopNMaxLimit {
		return invalid("top N limit %d is out of range: use 1 to %d", t.Limit, TopNMaxLimit)
	}
	if t.Order != OrderDesc && t.Order != OrderAsc {
		return invalid("unknown top N order %q: use desc (largest first) or asc (smallest first)", t.Order)
	}
	return nil
}
