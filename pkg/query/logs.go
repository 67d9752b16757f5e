package query

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
)

// Query types of Fastly's Log Explorer & Insights (sampled request logs).
const (
	TypeInsights   Type = "insights"
	TypeLogs       Type = "logs"
	TypeLogMetrics Type = "logMetrics"
	// TypeLogVolume is Explore's log volume of a logs query; the editor never offers it.
	TypeLogVolume Type = "logVolume"
)

// Limits of the log query types.
const (
	InsightsDefaultLimit   = 10
	InsightsMaxLimit       = 100 // Fastly's own maximum
	LogsDefaultLimit       = 1000
	LogsMaxLimit           = 10000 // 100 pages of 100 records
	LogMetricsDefaultLimit = 20
	LogMetricsMaxLimit     = 1000
	maxLogFilters          = 20
	maxFilterValue         = 1024
)

// Formats of a logMetrics query.
const (
	FormatTable      = "table"
	FormatTimeseries = "timeseries"
)

// LogFilter is one test on a record field; Value may list several values (comma-separated) for "in".
type LogFilter struct {
	Field    string      `json:"field"`
	Operator string      `json:"operator"`
	Value    FilterValue `json:"value"`
}

// FilterValue is a filter's value as text; the editor may send it as a string, a number or a boolean.
type FilterValue string

// UnmarshalJSON accepts a JSON string, number, boolean or null.
func (v *FilterValue) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*v = FilterValue(s)
		return nil
	}
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		*v = ""
		return nil
	}
	var scalar any
	if err := json.Unmarshal(b, &scalar); err != nil {
		return err
	}
	switch scalar.(type) {
	case float64, bool:
		*v = FilterValue(b)
		return nil
	}
	return invalid("a filter value must be text, a number or true/false")
}

// Insights is a Log Insights query: one ranking of one service's sampled requests.
type Insights struct {
	Services         []string `json:"services"`
	Visualization    string   `json:"visualization"`
	Limit            int      `json:"limit"`
	Domain           string   `json:"domain"`
	DomainExactMatch bool     `json:"domainExactMatch"`
	Datacenters      []string `json:"datacenters"`
}

// Logs is a Log Explorer query: the sampled records of one service that pass every filter.
type Logs struct {
	Services []string    `json:"services"`
	Filters  []LogFilter `json:"filters"`
	Limit    int         `json:"limit"`
}

// LogMetrics is an aggregation of numeric log fields, as a table (aggregations) or time series.
type LogMetrics struct {
	Services     []string    `json:"services"`
	Metrics      []string    `json:"metrics"`
	GroupBy      string      `json:"groupBy"`
	Format       string      `json:"format"`
	Filters      []LogFilter `json:"filters"`
	Limit        int         `json:"limit"`
	SortBy       string      `json:"sortBy"`
	SortDesc     bool        `json:"sortDesc"`
	LegendFormat string      `json:"legendFormat,omitempty"`
}

// LogVolume is the request count over time behind a logs query, one series per level: the logs query's own model
// (its limit too: volume from records counts the records the logs query returns).
type LogVolume Logs

// Service is the one service of a log query.
func (q Insights) Service() string { return q.Services[0] }

// Service is the one service of a log query.
func (q Logs) Service() string { return q.Services[0] }

// Service is the one service of a log query.
func (q LogMetrics) Service() string { return q.Services[0] }

// Service is the one service of a log query.
func (q LogVolume) Service() string { return q.Services[0] }

// ParsedMetrics are the query's metrics, in its order.
func (q LogMetrics) ParsedMetrics() []LogMetric {
	out := make([]LogMetric, len(q.Metrics))
	for i, name := range q.Metrics {
		out[i], _ = LookupLogMetric(name)
	}
	return out
}

// ParseInsights decodes and validates an insights query.
func ParseInsights(raw json.RawMessage) (Insights, error) {
	q := Insights{DomainExactMatch: true}
	if err := decodeModel(raw, "an insights", &q); err != nil {
		return q, err
	}
	if err := oneService(&q.Services, "insights"); err != nil {
		return q, err
	}
	pops, err := popCodes(q.Datacenters)
	if err != nil {
		return q, err
	}
	q.Datacenters, q.Domain = pops, strings.TrimSpace(q.Domain)
	if q.Limit, err = limitOrDefault(q.Limit, InsightsDefaultLimit, InsightsMaxLimit, "insights"); err != nil {
		return q, err
	}
	return q, q.validate()
}

var domainPattern = regexp.MustCompile(`^[A-Za-z0-9.*-]{1,253}$`)

func (q Insights) validate() error {
	switch {
	case q.Visualization == "":
		return invalid("choose a visualization, such as top-url-by-requests (Top pages by requests)")
	case q.Visualization == "top-url-by-duration-sum":
		return invalid("visualization top-url-by-duration-sum always fails on Fastly's API: use top-url-by-duration (Slowest pages)")
	case q.Domain != "" && !domainPattern.MatchString(q.Domain):
		return invalid("%q is not a domain name", truncate(q.Domain, 60))
	}
	if _, ok := LookupLogVisualization(q.Visualization); !ok {
		return invalid("unknown visualization %q: use one of %s", truncate(q.Visualization, 60), visualizationNames())
	}
	return nil
}

func visualizationNames() string {
	names := make([]string, len(logVisualizations))
	for i, v := range logVisualizations {
		names[i] = v.Value
	}
	return strings.Join(names, ", ")
}

// ParseLogs decodes and validates a logs query.
func ParseLogs(raw json.RawMessage) (Logs, error) { return parseLogs(raw, TypeLogs) }

// ParseLogVolume decodes and validates a logVolume query; neq filters are kept, as for the logs query it follows.
func ParseLogVolume(raw json.RawMessage) (LogVolume, error) {
	q, err := parseLogs(raw, TypeLogVolume)
	return LogVolume(q), err
}

// parseLogs decodes and validates the model of a logs or logVolume query; errors name the query type.
func parseLogs(raw json.RawMessage, t Type) (Logs, error) {
	var q Logs
	if err := decodeModel(raw, "a "+string(t), &q); err != nil {
		return q, err
	}
	if err := oneService(&q.Services, string(t)); err != nil {
		return q, err
	}
	var err error
	if q.Limit, err = limitOrDefault(q.Limit, LogsDefaultLimit, LogsMaxLimit, string(t)); err != nil {
		return q, err
	}
	q.Filters, err = normalizeFilters(q.Filters, true)
	return q, err
}

// ParseLogMetrics decodes and validates a logMetrics query.
func ParseLogMetrics(raw json.RawMessage) (LogMetrics, error) {
	q := LogMetrics{SortDesc: true}
	if err := decodeModel(raw, "a logMetrics", &q); err != nil {
		return q, err
	}
	if err := oneService(&q.Services, "logMetrics"); err != nil {
		return q, err
	}
	var err error
	if q.Limit, err = limitOrDefault(q.Limit, LogMetricsDefaultLimit, LogMetricsMaxLimit, "logMetrics"); err != nil {
		return q, err
	}
	if q.Filters, err = normalizeFilters(q.Filters, false); err != nil {
		return q, err
	}
	q.Format, q.GroupBy, q.SortBy = strings.TrimSpace(q.Format), strings.TrimSpace(q.GroupBy), strings.TrimSpace(q.SortBy)
	if q.Format == "" {
		q.Format = FormatTable
	}
	if q.SortBy == "" && len(q.Metrics) > 0 {
		q.SortBy = q.Metrics[0]
	}
	return q, q.validate()
}

func (q LogMetrics) validate() error {
	if len(q.Metrics) == 0 {
		return invalid("choose at least one metric, such as response_time_p95")
	}
	for _, name := range q.Metrics {
		if _, ok := LookupLogMetric(name); !ok {
			return invalid("unknown log metric %q: use <field>_<op> with field response_time, response_bytes_body, "+
				"response_bytes_header or response_content_length and op %s", truncate(name, 60), strings.Join(LogMetricOps, ", "))
		}
	}
	if q.Format != FormatTable && q.Format != FormatTimeseries {
		return invalid("unknown format %q: use table or timeseries", truncate(q.Format, 40))
	}
	if !contains(q.Metrics, q.SortBy) {
		return invalid("sortBy %q is not one of the query's metrics (%s)", truncate(q.SortBy, 60), strings.Join(q.Metrics, ", "))
	}
	return validateGroupBy(q.GroupBy)
}

func validateGroupBy(g string) error {
	if g == "" {
		return nil
	}
	if g == "response_status" {
		return invalid("Fastly cannot group by response_status (it answers 500): group by response_reason or filter by status instead")
	}
	if f, ok := LookupLogField(g); ok && f.Groupable {
		return nil
	}
	return invalid("cannot group log metrics by %q: use one of %s, or leave it empty for one row", truncate(g, 60), strings.Join(groupableFields(), ", "))
}

func groupableFields() []string {
	var out []string
	for _, f := range logFields {
		if f.Groupable {
			out = append(out, f.Value)
		}
	}
	return out
}

// oneService normalizes the service entries and requires exactly one: the log APIs read one service per call.
func oneService(services *[]string, kind string) error {
	if err := normalizeServices(services); err != nil {
		return err
	}
	switch n := len(*services); {
	case n == 0:
		return invalid("choose a service: %s queries read one service's sampled logs", kind)
	case n > 1:
		return invalid("choose exactly one service: %s queries read one service's sampled logs (this one has %d)", kind, n)
	}
	return nil
}

// limitOrDefault is limit, def when it is zero; outside 1..max it is an error.
func limitOrDefault(limit, def, max int, kind string) (int, error) {
	if limit == 0 {
		return def, nil
	}
	if limit < 1 || limit > max {
		return limit, invalid("%s limit %d is out of range: use 1 to %d", kind, limit, max)
	}
	return limit, nil
}

// normalizeFilters trims every filter, resolves aliases and checks field, operator and value; allowNeq admits
// the locally applied "not equal".
func normalizeFilters(filters []LogFilter, allowNeq bool) ([]LogFilter, error) {
	if len(filters) > maxLogFilters {
		return nil, invalid("a log query takes at most %d filters (this one has %d)", maxLogFilters, len(filters))
	}
	out := make([]LogFilter, 0, len(filters))
	for _, f := range filters {
		f.Field, f.Operator = strings.TrimSpace(f.Field), strings.ToLower(strings.TrimSpace(f.Operator))
		if f.Operator == "" {
			f.Operator = "eq"
		}
		if alias, ok := fieldAliases[f.Field]; ok {
			f.Field = alias
		}
		if err := checkFilter(f, allowNeq); err != nil {
			return nil, err
		}
		if f.Operator == "in" {
			f.Value = FilterValue(strings.Join(splitEntries([]string{string(f.Value)}), ","))
		}
		out = append(out, f)
	}
	return out, nil
}

func checkFilter(f LogFilter, allowNeq bool) error {
	if use, ok := refusedFields[f.Field]; ok {
		return invalid("Fastly refuses filter field %s: use %s", f.Field, use)
	}
	field, ok := LookupLogField(f.Field)
	if !ok || !field.Filterable {
		return invalid("cannot filter sampled logs by %q: use one of %s", truncate(f.Field, 60), strings.Join(filterableFields(), ", "))
	}
	op, ok := lookupLogOperator(f.Operator)
	switch {
	case !ok:
		return invalid("unknown filter operator %q: use eq, in, contains, ends-with, gt, gte, lt, lte or neq", truncate(f.Operator, 20))
	case op.Local && !allowNeq:
		return invalid("the != (neq) filter on %s works only in logs queries: Fastly has no negation, so the plugin can drop records but not change aggregates", f.Field)
	case op.Numeric && field.Type != FieldNumber:
		return invalid("operator %s compares numbers; %s is a %s field: use eq, in, contains or ends-with", op.Value, f.Field, field.Type)
	}
	return checkFilterText(f, field)
}

func checkFilterText(f LogFilter, field LogField) error {
	v := string(f.Value)
	if len(v) > maxFilterValue {
		return invalid("the filter value of %s is longer than %d characters", f.Field, maxFilterValue)
	}
	if strings.ContainsAny(v, "\x00\r\n") {
		return invalid("the filter value of %s holds a control character", f.Field)
	}
	values := []string{v}
	if f.Operator == "in" {
		values = strings.Split(v, ",")
	}
	for _, one := range values {
		if err := checkTypedValue(strings.TrimSpace(one), field); err != nil {
			return err
		}
	}
	return nil
}

func checkTypedValue(v string, field LogField) error {
	switch field.Type {
	case FieldNumber:
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return invalid("%s compares numbers: %q is not a number", field.Value, truncate(v, 40))
		}
	case FieldBoolean:
		if v != "true" && v != "false" {
			return invalid("%s is true or false, not %q", field.Value, truncate(v, 40))
		}
	}
	return nil
}

func filterableFields() []string {
	var out []string
	for _, f := range logFields {
		if f.Filterable {
			out = append(out, f.Value)
		}
	}
	return out
}

// SentFilters are the filters Fastly applies (every one but neq).
func SentFilters(filters []LogFilter) []LogFilter {
	var out []LogFilter
	for _, f := range filters {
		if f.Operator != OperatorNotEqual {
			out = append(out, f)
		}
	}
	return out
}

// LocalFilters are the filters the plugin applies itself (neq).
func LocalFilters(filters []LogFilter) []LogFilter {
	var out []LogFilter
	for _, f := range filters {
		if f.Operator == OperatorNotEqual {
			out = append(out, f)
		}
	}
	return out
}
