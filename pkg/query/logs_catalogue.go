package query

import (
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// LogVisualization is one Log Insights ranking the editor offers.
type LogVisualization struct {
	Value       string `json:"value"`
	Label       string `json:"label"`
	Description string `json:"description"`
}

// LogField is one field of Fastly's sampled log records: whether queries may filter on it, group by it or
// aggregate it (Unit is set for the numeric fields logMetrics aggregates).
type LogField struct {
	Value      string `json:"value"`
	Label      string `json:"label"`
	Type       string `json:"type"` // string, number or boolean
	Filterable bool   `json:"filterable"`
	Groupable  bool   `json:"groupable"`
	Unit       string `json:"unit,omitempty"`
}

// LogOperator is one filter operator; Local ones are applied by the plugin and never sent to Fastly.
type LogOperator struct {
	Value   string `json:"value"`
	Label   string `json:"label"`
	Numeric bool   `json:"-"` // only on number fields
	Local   bool   `json:"-"`
}

// Log field types.
const (
	FieldString  = "string"
	FieldNumber  = "number"
	FieldBoolean = "boolean"
)

// unitBytes is the unit of the log byte fields (IEC, as Grafana's "bytes").
const unitBytes = "bytes"

// OperatorNotEqual filters records out; Fastly has no negation, so only logs queries accept it (applied locally).
const OperatorNotEqual = "neq"

// LogMetricOps are the aggregations Fastly computes over a numeric log field, in the editor's order.
var LogMetricOps = []string{"avg", "min", "max", "p95", "p99"}

// logVisualizations lists every Log Insights visualization that works on the live API.
var logVisualizations = []LogVisualization{
	{"top-url-by-requests", "Top pages by requests", "Paths with the largest share of sampled requests"},
	{"top-url-by-bandwidth", "Top pages by bandwidth", "Paths with the largest share of bytes sent, and their average response size"},
	{"top-url-by-duration", "Slowest pages (response time)", "Paths with the largest share of response time, with average and p95 response time"},
	{"top-url-by-misses", "Top pages by cache misses", "Paths with the highest cache miss rate"},
	{"top-url-by-cache-hit-ratio", "Pages with the highest cache hit ratio", "Paths served most from cache"},
	{"bottom-url-by-cache-hit-ratio", "Pages with the lowest cache hit ratio", "Paths served least from cache"},
	{"top-4xx-urls", "Top 4xx pages", "Paths with the most 4xx responses"},
	{"top-5xx-urls", "Top 5xx pages", "Paths with the most 5xx responses"},
	{"response-status-codes", "Status codes", "Status codes, each with the paths that return it"},
	{"top-503-responses", "Top 503 responses", "503 reasons, each with the paths that return it"},
	{"country-statistics", "Countries", "Countries with their cache hit ratio, error rate and regions"},
	{"top-browser-by-requests", "Browsers", "Browsers by share of requests, with their versions"},
	{"top-device-by-requests", "Devices", "Device types by share of requests"},
	{"top-os-by-requests", "Operating systems", "Operating systems by share of requests"},
	{"top-content-type-by-requests", "Content types", "Response content types by share of requests"},
}

// logFields lists the record fields queries filter on, group by or aggregate.
var logFields = []LogField{
	{Value: "request_host", Label: "Host", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "request_path", Label: "Path", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "request_method", Label: "Method", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "response_status", Label: "Response status", Type: FieldNumber, Filterable: true},
	{Value: "response_time", Label: "Response time", Type: FieldNumber, Filterable: true, Unit: metrics.UnitSeconds},
	{Value: "fastly_pop", Label: "POP", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "client_country_code", Label: "Country", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "client_browser_name", Label: "Browser", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "client_device_type", Label: "Device type", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "client_os_name", Label: "Operating system", Type: FieldString, Filterable: true, Groupable: true},
	{Value: "is_cache_hit", Label: "Cache hit", Type: FieldBoolean, Filterable: true},
	{Value: "is_edge", Label: "Edge POP", Type: FieldBoolean, Filterable: true},
	{Value: "is_shield", Label: "Shield POP", Type: FieldBoolean, Filterable: true},
	{Value: "bot_name", Label: "Bot name", Type: FieldString, Filterable: true},
	{Value: "bot_category", Label: "Bot category", Type: FieldString, Filterable: true},
	{Value: "response_content_type", Label: "Content type", Type: FieldString, Groupable: true},
	{Value: "response_reason", Label: "Reason phrase", Type: FieldString, Groupable: true},
	{Value: "response_state", Label: "Cache state", Type: FieldString, Groupable: true},
	{Value: "response_x_cache", Label: "X-Cache", Type: FieldString, Groupable: true},
	{Value: "response_completed", Label: "Response completed", Type: FieldString, Groupable: true},
	{Value: "client_region", Label: "Client region", Type: FieldString, Groupable: true},
	{Value: "client_as_number", Label: "AS number", Type: FieldNumber, Groupable: true},
	{Value: "client_as_name", Label: "AS name", Type: FieldString, Groupable: true},
	{Value: "client_ip_prefix", Label: "Client IP prefix", Type: FieldString, Groupable: true},
	{Value: "client_browser_version", Label: "Browser version", Type: FieldString, Groupable: true},
	{Value: "response_bytes_body", Label: "Body bytes", Type: FieldNumber, Unit: unitBytes},
	{Value: "response_bytes_header", Label: "Header bytes", Type: FieldNumber, Unit: unitBytes},
	{Value: "response_content_length", Label: "Content length", Type: FieldNumber, Unit: unitBytes},
}

// logOperators lists the filter operators, in the editor's order.
var logOperators = []LogOperator{
	{Value: "eq", Label: "="},
	{Value: "in", Label: "in"},
	{Value: "contains", Label: "contains"},
	{Value: "ends-with", Label: "ends with"},
	{Value: "gt", Label: ">", Numeric: true},
	{Value: "gte", Label: ">=", Numeric: true},
	{Value: "lt", Label: "<", Numeric: true},
	{Value: "lte", Label: "<=", Numeric: true},
	{Value: OperatorNotEqual, Label: "!=", Local: true},
}

// fieldAliases are names the API refuses or spells differently, mapped to the accepted name.
var fieldAliases = map[string]string{"domain": "request_host"}

// refusedFields are names Fastly's published reference uses but the API refuses.
var refusedFields = map[string]string{
	"fastly_is_cache_hit": "is_cache_hit", "fastly_is_edge": "is_edge", "fastly_is_shield": "is_shield",
}

// LogVisualizations lists the Log Insights visualizations.
func LogVisualizations() []LogVisualization {
	return append([]LogVisualization(nil), logVisualizations...)
}

// LogFields lists the log record fields.
func LogFields() []LogField { return append([]LogField(nil), logFields...) }

// LogOperators lists the filter operators.
func LogOperators() []LogOperator { return append([]LogOperator(nil), logOperators...) }

// LookupLogVisualization finds a visualization by value.
func LookupLogVisualization(value string) (LogVisualization, bool) {
	for _, v := range logVisualizations {
		if v.Value == value {
			return v, true
		}
	}
	return LogVisualization{}, false
}

// LookupLogField finds a field by name.
func LookupLogField(name string) (LogField, bool) {
	for _, f := range logFields {
		if f.Value == name {
			return f, true
		}
	}
	return LogField{}, false
}

func lookupLogOperator(value string) (LogOperator, bool) {
	for _, o := range logOperators {
		if o.Value == value {
			return o, true
		}
	}
	return LogOperator{}, false
}

// LogMetric is one aggregation of one numeric log field, such as response_time_p95.
type LogMetric struct {
	Name  string // <field>_<op>
	Field LogField
	Op    string
}

// Wire is the series name Fastly takes and answers with: <op>[<field>].
func (m LogMetric) Wire() string { return m.Op + "[" + m.Field.Value + "]" }

// Label is the metric's display name, such as "Response time p95".
func (m LogMetric) Label() string { return m.Field.Label + " " + m.Op }

// Metric is the log metric as the metric catalogue and series name it.
func (m LogMetric) Metric() metrics.Metric {
	category := metrics.CategoryBytes
	if m.Field.Unit == metrics.UnitSeconds {
		category = metrics.CategoryTiming
	}
	return metrics.Metric{Name: m.Name, Label: m.Label(), Unit: m.Field.Unit, Category: category,
		Description: m.Op + " of " + m.Field.Label + " over sampled request logs", QueryTypes: []string{string(TypeLogMetrics)}}
}

// LookupLogMetric parses <field>_<op> against the catalogue.
func LookupLogMetric(name string) (LogMetric, bool) {
	i := strings.LastIndex(name, "_")
	if i < 0 {
		return LogMetric{}, false
	}
	f, ok := LookupLogField(name[:i])
	if !ok || f.Unit == "" || !contains(LogMetricOps, name[i+1:]) {
		return LogMetric{}, false
	}
	return LogMetric{Name: name, Field: f, Op: name[i+1:]}, true
}

// LogMetricsCatalogue lists every logMetrics metric in the /metrics resource's shape.
func LogMetricsCatalogue() []metrics.Metric {
	var out []metrics.Metric
	for _, f := range logFields {
		if f.Unit == "" {
			continue
		}
		for _, op := range LogMetricOps {
			m, _ := LookupLogMetric(f.Value + "_" + op)
			out = append(out, m.Metric())
		}
	}
	return out
}
