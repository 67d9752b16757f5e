package telemetry

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gaugeValues gathers the live-instance gauges as "name{label}" → value.
func gaugeValues(t *testing.T, m *Metrics) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, reg.Register(m.live))
	families, err := reg.Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, f := range families {
		for _, metric := range f.GetMetric() {
			key := f.GetName()
			for _, l := range metric.GetLabel() {
				key += "{" + l.GetValue() + "}"
			}
			out[key] = metric.GetGauge().GetValue()
		}
	}
	return out
}

func TestGaugesSumTheRunningInstancesAndDropADisposedOne(t *testing.T) {
	m := New()
	assert.Equal(t, map[string]float64{
		"fastly_datasource_instances": 0, "fastly_datasource_realtime_pollers": 0, "fastly_datasource_realtime_services": 0,
		"fastly_datasource_realtime_buffer_bytes{summed}": 0, "fastly_datasource_realtime_buffer_bytes{pop_detail}": 0,
		"fastly_datasource_realtime_buffer_bytes{region_sums}": 0, "fastly_datasource_stats_cache_bytes": 0,
		"fastly_datasource_logs_cache_bytes": 0,
	}, gaugeValues(t, m), "every gauge exists before any instance")

	untrackA := m.Track(func() Holdings {
		return Holdings{Pollers: 2, Services: 1, SummedBytes: 100, DetailBytes: 1000, RegionBytes: 50, CacheBytes: 7, LogsCacheBytes: 40}
	})
	untrackB := m.Track(func() Holdings {
		return Holdings{Pollers: 1, Services: 1, SummedBytes: 10, DetailBytes: 20, RegionBytes: 5, CacheBytes: 3, LogsCacheBytes: 2}
	})
	got := gaugeValues(t, m)
	assert.Equal(t, 2.0, got["fastly_datasource_instances"])
	assert.Equal(t, 3.0, got["fastly_datasource_realtime_pollers"])
	assert.Equal(t, 2.0, got["fastly_datasource_realtime_services"])
	assert.Equal(t, 110.0, got["fastly_datasource_realtime_buffer_bytes{summed}"])
	assert.Equal(t, 1020.0, got["fastly_datasource_realtime_buffer_bytes{pop_detail}"])
	assert.Equal(t, 55.0, got["fastly_datasource_realtime_buffer_bytes{region_sums}"])
	assert.Equal(t, 10.0, got["fastly_datasource_stats_cache_bytes"])
	assert.Equal(t, 42.0, got["fastly_datasource_logs_cache_bytes"], "the log answers are not counted as stats cache")

	untrackA()
	untrackA()
	got = gaugeValues(t, m)
	assert.Equal(t, 1.0, got["fastly_datasource_instances"], "untracking twice removes one instance once")
	assert.Equal(t, 1.0, got["fastly_datasource_realtime_pollers"])
	assert.Equal(t, 20.0, got["fastly_datasource_realtime_buffer_bytes{pop_detail}"])
	untrackB()
	assert.Equal(t, 0.0, gaugeValues(t, m)["fastly_datasource_stats_cache_bytes"])
	assert.Equal(t, 8, testutil.CollectAndCount(m.live))
}
