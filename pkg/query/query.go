// Package query holds the query models the editor sends and their validation.
package query

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Type is a query type the backend dispatches on.
type Type string

// Query types.
const (
	TypeStats    Type = "stats"
	TypeServices Type = "services"
	TypeVersions Type = "versions"
	TypeUsage    Type = "usage"
)

// Types lists every query type the backend answers, in the order the editor offers them.
var Types = []Type{TypeStats, TypeServices, TypeVersions, TypeEvents, TypeAlerts, TypeUsage, TypeRealtime,
	TypeOrigins, TypeDomains, TypeInsights, TypeLogs, TypeLogMetrics, TypeLogVolume}

// GroupBy values of a stats query.
const (
	GroupByService = "service"
	GroupByNone    = "none"
)

// InvalidError is a query the user must fix; its message says what and how.
type InvalidError struct{ Msg string }

func (e *InvalidError) Error() string { return e.Msg }

func invalid(format string, a ...any) error { return &InvalidError{Msg: fmt.Sprintf(format, a...)} }

// TypeOf reads the queryType of a raw query; an empty type means stats (saved queries from before query types).
func TypeOf(queryType string) Type {
	if queryType == "" {
		return TypeStats
	}
	return Type(queryType)
}

// Stats is a Historical Stats query.
type Stats struct {
	Services    []string    `json:"services"`
	Metrics     []string    `json:"metrics"`
	Granularity Granularity `json:"granularity"`
	Region      string      `json:"region"`
	GroupBy     string      `json:"groupBy"`
	PerSecond   bool        `json:"perSecond"`
	TopN        *TopN       `json:"topN,omitempty"`
	// LegendFormat names each series from tokens such as {{service_name}}; empty keeps the default names.
	LegendFormat string `json:"legendFormat,omitempty"`
}

// decodeModel reads a query model; one that is not valid JSON is the user's to fix. kind names the query ("a stats").
func decodeModel(raw json.RawMessage, kind string, model any) error {
	if err := json.Unmarshal(raw, model); err != nil {
		return invalid("the query is not valid JSON for %s query: %v", kind, err)
	}
	return nil
}

// ParseStats decodes and validates a stats query.
func ParseStats(raw json.RawMessage) (Stats, error) {
	var q Stats
	if err := decodeModel(raw, "a stats", &q); err != nil {
		return q, err
	}
	q.applyDefaults()
	if err := normalizeServices(&q.Services); err != nil {
		return q, err
	}
	return q, q.validate()
}

func (q *Stats) applyDefaults() {
	if q.Granularity == "" {
		q.Granularity = GranularityAuto
	}
	if q.GroupBy == "" {
		q.GroupBy = GroupByService
	}
	q.Region = strings.TrimSpace(q.Region)
	if q.TopN != nil {
		q.TopN.applyDefaults(q.Metrics)
	}
}

func (q Stats) validate() error {
	if len(q.Metrics) == 0 {
		return invalid("choose at least one metric")
	}
	for _, name := range q.Metrics {
		if err := validateMetric(name); err != nil {
			return err
		}
	}
	if !q.Granularity.Valid() {
		return invalid("unknown granularity %q: use auto, minute, hour or day", q.Granularity)
	}
	if q.GroupBy != GroupByService && q.GroupBy != GroupByNone {
		return invalid("unknown groupBy %q: use service or none", q.GroupBy)
	}
	if q.Region != "" && !regionPattern.MatchString(q.Region) {
		return invalid("invalid region %q: use a stats region such as usa or europe, or leave it empty for all regions", q.Region)
	}
	if q.TopN != nil {
		return q.TopN.validate(q)
	}
	return nil
}

// lookupMetric finds a metric of the catalogue; an unknown name is an error suggesting the closest one.
func lookupMetric(name string) (metrics.Metric, error) {
	m, ok := metrics.Lookup(name)
	if !ok {
		return m, unknownMetric("", name, metrics.Closest(name))
	}
	return m, nil
}

// unknownMetric says name is no metric of its kind ("" or a product and a space), suggesting closest when set.
func unknownMetric(kind, name, closest string) error {
	if closest != "" {
		return invalid("unknown %smetric %q: did you mean %q?", kind, name, closest)
	}
	return invalid("unknown %smetric %q", kind, name)
}

var regionPattern = regexp.MustCompile(`^[a-z][a-z_]{1,31}$`)

func validateMetric(name string) error {
	m, err := lookupMetric(name)
	if err != nil {
		return err
	}
	if m.Serves(string(TypeStats)) {
		return nil
	}
	return invalid("metric %q is not available in stats queries", name)
}
