package metrics

// queryTypeRealtime is the query type of metrics Fastly's Real-time Analytics API can serve.
const queryTypeRealtime = "realtime"

// bandwidthInputs are the byte fields Fastly adds up into Historical Stats' bandwidth.
var bandwidthInputs = []string{
	"resp_header_bytes", "resp_body_bytes", "bereq_header_bytes", "bereq_body_bytes",
	"compute_resp_header_bytes", "compute_resp_body_bytes", "compute_bereq_header_bytes", "compute_bereq_body_bytes",
	"websocket_resp_header_bytes", "websocket_resp_body_bytes", "websocket_bereq_header_bytes", "websocket_bereq_body_bytes",
	"fanout_resp_header_bytes", "fanout_resp_body_bytes", "fanout_bereq_header_bytes", "fanout_bereq_body_bytes",
}

// realtimeOverrides compute, from real-time fields, the metrics Historical Stats serves as fields of their own.
var realtimeOverrides = map[string]func(Metric) Metric{
	"bandwidth": func(m Metric) Metric {
		m.Inputs, m.compute = bandwidthInputs, sum
		return m
	},
	"bandwidth_bits": func(m Metric) Metric {
		m.Inputs = bandwidthInputs
		m.compute = func(in []float64) (float64, bool) { v, _ := sum(in); return v * 8, true }
		return m
	},
}

// latencyPercentiles are the origin latency percentiles read from the real-time miss_histogram.
var latencyPercentiles = []struct {
	name  string
	label string
	p     float64
}{
	{"miss_latency_p50", "Origin latency p50", 0.50},
	{"miss_latency_p95", "Origin latency p95", 0.95},
	{"miss_latency_p99", "Origin latency p99", 0.99},
}

// SupportsRealtime tells whether a realtime query can chart the metric.
func (m Metric) SupportsRealtime() bool { return m.Serves(queryTypeRealtime) }

// ForRealtime returns the metric as a realtime query computes it: the same unit and meaning as in stats, with
// inputs that exist in real-time data.
func ForRealtime(name string) (Metric, bool) {
	m, ok := catalogue[name]
	if !ok || !m.SupportsRealtime() {
		return Metric{}, false
	}
	if override, ok := realtimeOverrides[name]; ok {
		return override(m), true
	}
	return m, true
}

func percentileMetrics() []Metric {
	out := make([]Metric, 0, len(latencyPercentiles))
	for _, p := range latencyPercentiles {
		out = append(out, Metric{
			Name: p.name, Label: p.label, Unit: UnitMilliseconds, Category: CategoryTiming, Percentile: p.p,
			QueryTypes: []string{queryTypeRealtime},
			Description: "Origin fetch time below which " + percentText(p.p) + " of the second's cache misses fell. Estimated " +
				"from Fastly's real-time miss_histogram (bucket widths: " + missHistogramLayout() + ")." + percentileDefinition +
				" (e.g. up to 50 ms between 250 and 1000 ms). Fastly counts fetches slower than 60 s in its 55000–60000 ms " +
				"bucket, so a value there can stand for a slower fetch. Empty when there were no misses.",
		})
	}
	return out
}

// realtimeCapable tells whether every input of m exists in real-time data (or has a real-time override).
func realtimeCapable(m Metric) bool {
	if _, ok := realtimeOverrides[m.Name]; ok {
		return true
	}
	for _, in := range m.Inputs {
		if !realtimeField[in] {
			return false
		}
	}
	return len(m.Inputs) > 0
}

var realtimeField = func() map[string]bool {
	out := map[string]bool{}
	for _, f := range historicalFields {
		out[f.name] = f.realtime
	}
	return out
}()
