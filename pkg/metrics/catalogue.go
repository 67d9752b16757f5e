// Package metrics is the catalogue of what the plugin can chart: Fastly fields and the metrics derived from them.
package metrics

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Grafana unit ids used by the catalogue.
const (
	UnitCount        = "short"
	UnitBytes        = "decbytes"
	UnitBits         = "decbits"
	UnitSeconds      = "s"
	UnitMilliseconds = "ms"
	UnitRatio        = "percentunit"
)

// Categories of the metric catalogue (see Categories for their order).
const (
	CategoryTraffic = "traffic"
	CategoryCache   = "cache"
	CategoryStatus  = "status"
	CategoryBytes   = "bytes"
	CategoryTiming  = "timing"
	CategoryDerived = "derived"
	CategoryCompute = "compute"
	CategoryOther   = "other"
)

// queryTypeStats is the query type every historical field serves.
const queryTypeStats = "stats"

// field is one raw Fastly Historical Stats field.
type field struct {
	name        string
	float       bool
	realtime    bool
	description string
}

// Metric is one selectable metric: a Fastly field or a metric derived from fields.
type Metric struct {
	Name        string   `json:"name"`
	Label       string   `json:"label"`
	Unit        string   `json:"unit"`
	Description string   `json:"description"`
	Category    string   `json:"group"` // the editor lists metrics by category; the key stays "group"
	QueryTypes  []string `json:"queryTypes"`
	// Percentile, when set, is the origin latency percentile (0..1) a realtime query reads from miss_histogram.
	Percentile float64 `json:"-"`
	// Inputs are the Fastly fields needed to compute the metric.
	Inputs []string `json:"-"`
	// compute derives the value of one bucket from its inputs; ok=false means no value (null).
	compute func(in []float64) (v float64, ok bool)
}

// Compute returns the metric's value for one bucket, given its Inputs in order.
func (m Metric) Compute(in []float64) (float64, bool) { return m.compute(in) }

// Serves tells whether queries of the given type can chart the metric.
func (m Metric) Serves(queryType string) bool { return slices.Contains(m.QueryTypes, queryType) }

// IsRate tells whether the metric is a counter that "per second" divides by the bucket length.
func (m Metric) IsRate() bool {
	return m.Unit == UnitCount || m.Unit == UnitBytes || m.Unit == UnitBits
}

// RateUnit is the unit of the metric divided by seconds.
func (m Metric) RateUnit() string {
	switch m.Unit {
	case UnitBytes:
		return "Bps"
	case UnitBits:
		return "bps"
	case UnitCount:
		if strings.Contains(m.Name, "requests") || m.Name == "edge_requests" {
			return "reqps"
		}
		return "cps"
	}
	return m.Unit
}

// PerSecond is how a per-second query scales the metric's values over buckets of step: the divisor and the unit.
func (m Metric) PerSecond(step time.Duration) (divisor float64, unit string) {
	if !m.IsRate() {
		return 1, m.Unit
	}
	return step.Seconds(), m.RateUnit()
}

var catalogue = buildCatalogue()

// All lists every metric, ordered by category then name.
func All() []Metric { return sorted(catalogue) }

// sorted lists a catalogue ordered by category (in the editor's order) then name.
func sorted(c map[string]Metric) []Metric {
	out := make([]Metric, 0, len(c))
	for _, m := range c {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool {
		gi, gj := categoryRank(out[i].Category), categoryRank(out[j].Category)
		if gi != gj {
			return gi < gj
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Lookup finds a metric by name.
func Lookup(name string) (Metric, bool) {
	m, ok := catalogue[name]
	return m, ok
}

// Categories lists every metric category in the order the editor lists them.
var Categories = []string{CategoryTraffic, CategoryCache, CategoryStatus, CategoryBytes, CategoryTiming, CategoryLatency,
	CategoryDerived, CategoryCompute, CategoryOther}

// categoryRank is the place of a category in Categories; an unknown one goes last.
func categoryRank(category string) int {
	if i := slices.Index(Categories, category); i >= 0 {
		return i
	}
	return len(Categories)
}

func buildCatalogue() map[string]Metric {
	c := map[string]Metric{}
	for _, f := range historicalFields {
		c[f.name] = fieldMetric(f)
	}
	for _, m := range derivedMetrics() {
		m.Category = CategoryDerived
		m.QueryTypes = []string{queryTypeStats}
		c[m.Name] = m
	}
	for name, m := range c {
		if realtimeCapable(m) {
			m.QueryTypes = append(m.QueryTypes, queryTypeRealtime)
			c[name] = m
		}
	}
	for _, m := range percentileMetrics() {
		c[m.Name] = m
	}
	return c
}

func fieldMetric(f field) Metric {
	unit := fieldUnit(f.name)
	return Metric{
		Name:        f.name,
		Label:       label(f.name),
		Unit:        unit,
		Description: f.description,
		Category:    fieldCategory(f.name, unit),
		QueryTypes:  []string{queryTypeStats},
		Inputs:      []string{f.name},
		compute:     identity,
	}
}

func identity(in []float64) (float64, bool) { return in[0], true }

func fieldUnit(name string) string {
	switch {
	case strings.HasPrefix(name, "object_size_"):
		return UnitCount
	case strings.HasSuffix(name, "_bytes"), strings.HasSuffix(name, "_size"),
		name == "bandwidth", name == "compute_ram_used":
		return UnitBytes
	case strings.HasSuffix(name, "_ms"):
		return UnitMilliseconds
	case strings.HasSuffix(name, "_time"):
		return UnitSeconds
	}
	return UnitCount
}

func fieldCategory(name, unit string) string {
	switch {
	case strings.Contains(name, "status_"):
		return CategoryStatus
	case strings.HasPrefix(name, "compute_"):
		return CategoryCompute
	case unit == UnitBytes:
		return CategoryBytes
	case unit == UnitSeconds || unit == UnitMilliseconds:
		return CategoryTiming
	case isCacheField(name):
		return CategoryCache
	case isTrafficField(name):
		return CategoryTraffic
	}
	return CategoryOther
}

func isCacheField(name string) bool {
	for _, p := range []string{"hit", "miss", "pass", "origin_", "shield", "uncacheable", "synth", "errors", "restarts", "pipe", "segblock_"} {
		if strings.HasPrefix(name, p) || strings.Contains(name, "_"+p) {
			return true
		}
	}
	return false
}

func isTrafficField(name string) bool {
	switch name {
	case "requests", "edge_requests", "ipv6", "http2", "http3", "video", "pci", "log":
		return true
	}
	return strings.HasPrefix(name, "tls")
}

var labelOverrides = map[string]string{
	"requests": "Requests", "hits": "Cache hits", "miss": "Cache misses", "pass": "Passes", "errors": "Errors",
	"synth": "Synthetic responses", "bandwidth": "Bandwidth", "edge_requests": "Edge requests",
	"origin_fetches": "Origin fetches", "hits_time": "Time processing hits", "miss_time": "Time processing misses",
	"pass_time": "Time processing passes", "ipv6": "IPv6 requests", "http2": "HTTP/2 requests", "http3": "HTTP/3 requests",
	"tls": "TLS requests", "resp_body_bytes": "Response body bytes", "resp_header_bytes": "Response header bytes",
}

// label turns a Fastly field name into a readable label ("status_5xx" → "Status 5xx").
func label(name string) string {
	if l, ok := labelOverrides[name]; ok {
		return l
	}
	words := strings.ReplaceAll(name, "_", " ")
	return strings.ToUpper(words[:1]) + words[1:]
}
