package metrics

import (
	"math"
	"strings"
)

// Query types served by the inspector catalogues.
const (
	QueryTypeOrigins = "origins"
	QueryTypeDomains = "domains"
)

// CategoryLatency holds the latency buckets and percentiles of Origin Inspector.
const CategoryLatency = "latency"

// LatencyHistogram is the metric answered as one heatmap frame per series, a field per latency bucket.
const LatencyHistogram = "latency_histogram"

// inspectorField is one raw inspector field as Fastly documents it.
type inspectorField struct{ name, description string }

// LatencyBucket is one Origin Inspector latency bucket: responses whose origin latency was in [Lower, Upper) ms.
type LatencyBucket struct {
	Field        string
	Lower, Upper float64 // Upper is +Inf for the open bucket
}

// LatencyBuckets are Origin Inspector's latency buckets, in increasing order.
var LatencyBuckets = []LatencyBucket{
	{"latency_0_to_1ms", 0, 1}, {"latency_1_to_5ms", 1, 5}, {"latency_5_to_10ms", 5, 10},
	{"latency_10_to_50ms", 10, 50}, {"latency_50_to_100ms", 50, 100}, {"latency_100_to_250ms", 100, 250},
	{"latency_250_to_500ms", 250, 500}, {"latency_500_to_1000ms", 500, 1000},
	{"latency_1000_to_5000ms", 1000, 5000}, {"latency_5000_to_10000ms", 5000, 10000},
	{"latency_10000_to_60000ms", 10000, 60000}, {"latency_60000ms", 60000, math.Inf(1)},
}

// percentileMethod documents how latency percentiles are estimated and how far off they can be.
const percentileMethod = " Estimated from Fastly's latency bucket counters (0–1, 1–5, 5–10, 10–50, 50–100, 100–250, " +
	"250–500, 500–1000, 1000–5000, 5000–10000, 10000–60000 ms and 60000 ms and more)." + percentileDefinition +
	" (e.g. up to 4000 ms between 1 and 5 s). A value of 60000 ms means at least 60 s (the open bucket). Empty when no " +
	"response was counted."

var inspectorCatalogues = map[string]map[string]Metric{
	QueryTypeOrigins: buildInspectorCatalogue(QueryTypeOrigins, originFields, originDerived()),
	QueryTypeDomains: buildInspectorCatalogue(QueryTypeDomains, domainFields, domainDerived()),
}

// Inspector lists the metrics of the origins or domains query type, ordered by category then name.
func Inspector(queryType string) []Metric { return sorted(inspectorCatalogues[queryType]) }

// LookupInspector finds a metric of the origins or domains query type.
func LookupInspector(queryType, name string) (Metric, bool) {
	m, ok := inspectorCatalogues[queryType][name]
	return m, ok
}

// ClosestInspector returns the metric of the query type nearest to name, or "" when nothing is close.
func ClosestInspector(queryType, name string) string {
	return closest(inspectorCatalogues[queryType], name)
}

func buildInspectorCatalogue(queryType string, fields []inspectorField, derived []Metric) map[string]Metric {
	c := map[string]Metric{}
	for _, f := range fields {
		c[f.name] = inspectorFieldMetric(queryType, f)
	}
	for _, m := range derived {
		if m.Category == "" {
			m.Category = CategoryDerived
		}
		m.QueryTypes = []string{queryType}
		c[m.Name] = m
	}
	return c
}

func inspectorFieldMetric(queryType string, f inspectorField) Metric {
	unit := UnitCount
	if strings.HasSuffix(f.name, "_bytes") || f.name == "bandwidth" {
		unit = UnitBytes
	}
	description := f.description
	if queryType == QueryTypeOrigins {
		description += " Group by source to split VCL, WAF and Compute origin requests; otherwise all sources are counted."
	}
	return Metric{
		Name: f.name, Label: label(f.name), Unit: unit, Description: description,
		Category: inspectorFieldCategory(f.name, unit), QueryTypes: []string{queryType},
		Inputs: []string{f.name}, compute: identity,
	}
}

func inspectorFieldCategory(name, unit string) string {
	switch {
	case strings.Contains(name, "status_"):
		return CategoryStatus
	case strings.HasPrefix(name, "latency_"):
		return CategoryLatency
	case unit == UnitBytes:
		return CategoryBytes
	case strings.Contains(name, "hit") || strings.Contains(name, "miss") || strings.HasPrefix(name, "origin_"):
		return CategoryCache
	}
	return CategoryTraffic
}

func originDerived() []Metric {
	inputs := latencyFields()
	out := []Metric{{
		Name: LatencyHistogram, Label: "Latency histogram", Unit: UnitCount, Category: CategoryLatency,
		Description: "Responses from origin per latency bucket, as a heatmap frame: one field per bucket, named by its upper bound in ms (+Inf for 60000 ms and more).",
		Inputs:      inputs, compute: sum,
	}}
	for _, p := range []struct {
		name string
		q    float64
	}{{"latency_p50", 0.50}, {"latency_p95", 0.95}, {"latency_p99", 0.99}} {
		q := p.q
		out = append(out, Metric{
			Name: p.name, Label: "Origin latency " + strings.TrimPrefix(p.name, "latency_"), Unit: UnitMilliseconds, Category: CategoryLatency,
			Description: "Origin response time below which " + percentText(q) + " of responses fell." + percentileMethod,
			Inputs:      inputs,
			compute:     func(in []float64) (float64, bool) { return Percentile(in, q) },
		})
	}
	return out
}

func domainDerived() []Metric {
	return []Metric{
		{
			Name: "edge_hit_ratio", Label: "Edge hit ratio", Unit: UnitRatio,
			Description: "Edge hits / (edge hits + edge misses) per bucket, recomputed from the counters (also when series are summed), never averaged. Empty when there were no hits or misses.",
			Inputs:      []string{"edge_hit_requests", "edge_miss_requests"},
			compute:     hitShare,
		},
		originOffload(),
	}
}

func percentText(q float64) string {
	switch q {
	case 0.5:
		return "50%"
	case 0.95:
		return "95%"
	}
	return "99%"
}

func latencyFields() []string {
	out := make([]string, len(LatencyBuckets))
	for i, b := range LatencyBuckets {
		out[i] = b.Field
	}
	return out
}

// Percentile estimates the q-quantile (0 < q ≤ 1) of the latency histogram counts (ordered as LatencyBuckets) with
// HistogramQuantile; ok=false when no response was counted.
func Percentile(counts []float64, q float64) (float64, bool) {
	if len(counts) != len(LatencyBuckets) {
		return 0, false
	}
	var scratch [16]HistogramBucket // on the stack: a percentile per bucket of a series allocates nothing
	buckets := scratch[:0]
	for i, b := range LatencyBuckets {
		buckets = append(buckets, HistogramBucket{Lower: b.Lower, Upper: b.Upper, Count: counts[i]})
	}
	return HistogramQuantile(buckets, q)
}
