package fastlyapi

import (
	"net/url"
	"strings"
	"time"
)

// Observability paths: Log Insights, Log Explorer, log aggregations and log time series.
const (
	LogInsightsPath     = "/observability/log-insights"
	LogExplorerPath     = "/observability/log-explorer"
	LogAggregationsPath = "/observability/aggregations"
	LogTimeseriesPath   = "/observability/timeseries"
)

// logSource is the source parameter of the aggregations and time series endpoints for sampled logs.
const logSource = "logs"

// LogFilter is one test on a log field, sent as filter[<Field>][<Operator>]=<Value>.
type LogFilter struct{ Field, Operator, Value string }

// filterEq is the operator Fastly also takes as filter[<field>]=<value>, the form verified on the live API.
const filterEq = "eq"

// addLogFilters adds each filter as its own query key; the tests combine with AND.
func addLogFilters(p url.Values, filters []LogFilter) {
	for _, f := range filters {
		key := "filter[" + f.Field + "]"
		if op := strings.TrimSpace(f.Operator); op != "" && op != filterEq {
			key += "[" + op + "]"
		}
		p.Add(key, f.Value)
	}
}

// addList sets key to the comma-joined values, or nothing when there are none.
func addList(p url.Values, key string, values []string) {
	if len(values) > 0 {
		p.Set(key, strings.Join(values, ","))
	}
}

// wireTime renders a time as the observability, events and alerts endpoints take it: RFC 3339 in UTC, whole seconds.
func wireTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }
