package metrics

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealtimeAvailability(t *testing.T) {
	for _, name := range []string{"requests", "status_5xx", "recv_sub_time", "hit_ratio", "error_ratio", "client_error_ratio", "rate_limited_ratio", "bandwidth", "bandwidth_bits", "miss_latency_p99"} {
		m, ok := Lookup(name)
		require.True(t, ok, name)
		assert.True(t, m.SupportsRealtime(), name)
	}
	for _, name := range []string{"pipe", "blacklist"} {
		m, ok := Lookup(name)
		require.True(t, ok, "%s is a Historical Stats field", name)
		assert.False(t, m.SupportsRealtime(), "%s is not in real-time answers", name)
	}
	p, _ := Lookup("miss_latency_p95")
	assert.NotContains(t, p.QueryTypes, queryTypeStats, "percentiles need the real-time histogram")
	assert.Equal(t, 0.95, p.Percentile)
	assert.Equal(t, UnitMilliseconds, p.Unit)
}

func TestRealtimeBandwidthAddsTheByteFieldsHistoricalBandwidthAdds(t *testing.T) {
	m, ok := ForRealtime("bandwidth")
	require.True(t, ok)
	hist, _ := Lookup("bandwidth")
	assert.Equal(t, hist.Unit, m.Unit, "same unit in both query types")
	assert.Len(t, m.Inputs, 16)
	for _, in := range m.Inputs {
		assert.Contains(t, hist.Description, in, "the historical description lists %s", in)
	}
	in := make([]float64, len(m.Inputs))
	for i := range in {
		in[i] = float64(i + 1)
	}
	v, ok := m.Compute(in)
	assert.True(t, ok)
	assert.Equal(t, 136.0, v)
	bits, _ := ForRealtime("bandwidth_bits")
	v, _ = bits.Compute(in)
	assert.Equal(t, 1088.0, v)
}

func TestRealtimeHitRatioIsComputedLikeStats(t *testing.T) {
	m, ok := ForRealtime("hit_ratio")
	require.True(t, ok)
	assert.Equal(t, []string{"hits", "miss"}, m.Inputs)
	v, ok := m.Compute([]float64{3, 1})
	assert.True(t, ok)
	assert.Equal(t, 0.75, v)
	_, ok = m.Compute([]float64{0, 0})
	assert.False(t, ok, "nothing to divide is empty, not 0")
	_, ok = ForRealtime("pipe")
	assert.False(t, ok)
}

func TestRealtimeStatusRatiosAreTheStatsDefinitions(t *testing.T) {
	for _, name := range []string{"error_ratio", "client_error_ratio", "rate_limited_ratio"} {
		rt, ok := ForRealtime(name)
		require.True(t, ok, name)
		hist, _ := Lookup(name)
		assert.Equal(t, hist.Inputs, rt.Inputs, "%s: same inputs in both query types", name)
		assert.Equal(t, hist.Unit, rt.Unit, name)
		v, ok := rt.Compute([]float64{3, 60})
		assert.True(t, ok, name)
		assert.Equal(t, 0.05, v, name)
		_, ok = rt.Compute([]float64{0, 0})
		assert.False(t, ok, "%s: no requests is empty, not 0", name)
	}
}
