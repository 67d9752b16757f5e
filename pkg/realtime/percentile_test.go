package realtime

import (
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spreadEvenly adds perMs fetches per ms of (from, to] to a miss_histogram in buckets width ms wide.
func spreadEvenly(h map[float64]float64, from, to, width, perMs float64) {
	for upper := from + width; upper <= to; upper += width {
		h[upper] += perMs * width
	}
}

// TestMissLatencyIsTheOriginInspectorPercentileOfTheSameHistogram reads the same counts per Origin Inspector
// bucket once as latency fields and once as a real-time miss_histogram spread evenly over its finer buckets: both
// query types answer the same percentiles.
func TestMissLatencyIsTheOriginInspectorPercentileOfTheSameHistogram(t *testing.T) {
	// Origin Inspector buckets 0–1, 1–5, 10–50, 100–250, 1000–5000 and 10000–60000 ms.
	inspector := make([]float64, len(metrics.LatencyBuckets))
	inspector[0], inspector[1], inspector[3], inspector[5], inspector[8], inspector[10] = 10, 40, 100, 30, 40, 50
	miss := map[float64]float64{}
	spreadEvenly(miss, 0, 1, 1, 10)
	spreadEvenly(miss, 1, 5, 1, 10)
	spreadEvenly(miss, 10, 50, 10, 2.5)
	spreadEvenly(miss, 100, 250, 10, 0.2)
	spreadEvenly(miss, 1000, 3000, 100, 0.01)
	spreadEvenly(miss, 3000, 5000, 500, 0.01)
	spreadEvenly(miss, 10000, 20000, 1000, 0.001)
	spreadEvenly(miss, 20000, 60000, 5000, 0.001)

	b := NewBuffer(60)
	rec := fastlyapi.RealtimeRecord{Recorded: 101, Aggregated: fastlyapi.Measurements{Values: map[string]float64{"miss": 270}, MissHistogram: miss}}
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 110, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{rec}}, 120)
	for _, name := range []string{"latency_p50", "latency_p95", "latency_p99"} {
		origins, ok := metrics.LookupInspector(metrics.QueryTypeOrigins, name)
		require.True(t, ok)
		want, ok := origins.Compute(inspector)
		require.True(t, ok)
		rt, ok := metrics.ForRealtime("miss_" + name)
		require.True(t, ok)
		got := b.Values(101, 101, rt, nil)[0]
		require.NotNil(t, got, name)
		assert.InDelta(t, want, *got, 1e-6*want, name)
	}
}
