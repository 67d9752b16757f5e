package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// histogram builds bucket counts (ordered as LatencyBuckets) from bucket index → count.
func histogram(counts map[int]float64) []float64 {
	out := make([]float64, len(LatencyBuckets))
	for i, c := range counts {
		out[i] = c
	}
	return out
}

func TestPercentileInterpolatesWithinTheBucket(t *testing.T) {
	cases := []struct {
		name   string
		counts []float64
		q      float64
		want   float64
		ok     bool
	}{
		{"median in 10–50 ms", histogram(map[int]float64{3: 100}), 0.5, 30, true},
		{"p95 of 0–1 and 1–5", histogram(map[int]float64{0: 90, 1: 10}), 0.95, 3, true},
		{"p50 on a bucket edge", histogram(map[int]float64{2: 50, 4: 50}), 0.5, 10, true},
		{"p99 in 1000–5000 ms", histogram(map[int]float64{3: 980, 8: 20}), 0.99, 3000, true},
		{"open bucket is at least 60000 ms", histogram(map[int]float64{3: 90, 11: 10}), 0.95, 60000, true},
		{"empty histogram", histogram(nil), 0.5, 0, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := Percentile(c.counts, c.q)
			assert.Equal(t, c.ok, ok)
			assert.InDelta(t, c.want, got, 1e-9)
		})
	}
}

func TestInspectorCataloguesOfferBaseNamesAndDerivedMetrics(t *testing.T) {
	origins := Inspector(QueryTypeOrigins)
	assert.Len(t, origins, 39+4, "39 unprefixed fields, three percentiles and the histogram")
	for _, m := range origins {
		assert.NotContains(t, m.Name, "waf_")
		assert.Equal(t, []string{QueryTypeOrigins}, m.QueryTypes)
	}
	p95, ok := LookupInspector(QueryTypeOrigins, "latency_p95")
	require.True(t, ok)
	assert.Equal(t, UnitMilliseconds, p95.Unit)
	assert.Contains(t, p95.Description, "at least 60 s")
	assert.Contains(t, p95.Description, "at most that bucket's width")

	ratio, ok := LookupInspector(QueryTypeDomains, "edge_hit_ratio")
	require.True(t, ok)
	assert.Equal(t, []string{"edge_hit_requests", "edge_miss_requests"}, ratio.Inputs)
	_, empty := ratio.Compute([]float64{0, 0})
	assert.False(t, empty, "no hits or misses: no value")
	bytes, _ := LookupInspector(QueryTypeDomains, "edge_resp_body_bytes")
	assert.Equal(t, UnitBytes, bytes.Unit)
	assert.Equal(t, "latency_p95", ClosestInspector(QueryTypeOrigins, "latency_95"))
}
