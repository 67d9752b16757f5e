package metrics

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogueUnitsAndCategories(t *testing.T) {
	cases := map[string]struct{ unit, category string }{
		"requests":                  {UnitCount, CategoryTraffic},
		"hits":                      {UnitCount, CategoryCache},
		"status_503":                {UnitCount, CategoryStatus},
		"all_status_5xx":            {UnitCount, CategoryStatus},
		"bandwidth":                 {UnitBytes, CategoryBytes},
		"resp_body_bytes":           {UnitBytes, CategoryBytes},
		"hits_time":                 {UnitSeconds, CategoryTiming},
		"recv_sub_time":             {UnitSeconds, CategoryTiming},
		"object_size_1k":            {UnitCount, CategoryOther},
		"compute_requests":          {UnitCount, CategoryCompute},
		"hit_ratio":                 {UnitRatio, CategoryDerived},
		"error_ratio":               {UnitRatio, CategoryDerived},
		"client_error_ratio":        {UnitRatio, CategoryDerived},
		"rate_limited_ratio":        {UnitRatio, CategoryDerived},
		"bandwidth_bits":            {UnitBits, CategoryDerived},
		"origin_offload":            {UnitRatio, CategoryDerived},
		"compute_execution_time_ms": {UnitMilliseconds, CategoryCompute},
	}
	for name, want := range cases {
		m, ok := Lookup(name)
		require.True(t, ok, name)
		assert.Equal(t, want.unit, m.Unit, name)
		assert.Equal(t, want.category, m.Category, name)
	}
}

func TestEveryMetricIsDescribedAndFetchable(t *testing.T) {
	all := All()
	assert.Greater(t, len(all), 270)
	for _, m := range all {
		assert.NotEmpty(t, m.Label, m.Name)
		assert.NotEmpty(t, m.Description, m.Name)
		if m.Percentile == 0 {
			assert.Contains(t, m.QueryTypes, queryTypeStats, m.Name)
		}
		for _, in := range m.Inputs {
			in, ok := Lookup(in)
			require.True(t, ok)
			assert.Equal(t, []string{in.Name}, in.Inputs, "inputs of %s must be raw Fastly fields", m.Name)
		}
	}
	assert.Equal(t, CategoryTraffic, all[0].Category, "listed in category order")
}

func TestDerivedMetricsRecomputeFromCounters(t *testing.T) {
	cases := []struct {
		name string
		in   []float64
		want float64
		ok   bool
	}{
		{"hit_ratio", []float64{90, 10}, 0.9, true},
		{"hit_ratio", []float64{0, 0}, 0, false},
		{"error_ratio", []float64{5, 200}, 0.025, true},
		{"error_ratio", []float64{0, 0}, 0, false},
		{"client_error_ratio", []float64{30, 200}, 0.15, true},
		{"client_error_ratio", []float64{0, 0}, 0, false},
		{"rate_limited_ratio", []float64{2, 400}, 0.005, true},
		{"rate_limited_ratio", []float64{0, 0}, 0, false},
		{"bandwidth_bits", []float64{1000}, 8000, true},
		{"origin_offload", []float64{800, 200, 100, 50}, 0.85, true},
		{"origin_offload", []float64{0, 0, 0, 0}, 0, false},
		{"requests", []float64{42}, 42, true},
	}
	for _, c := range cases {
		m, _ := Lookup(c.name)
		v, ok := m.Compute(c.in)
		assert.Equal(t, c.ok, ok, c.name)
		assert.InDelta(t, c.want, v, 1e-12, c.name)
	}
}

func TestStatusRatiosDivideTheirStatusCounterByRequests(t *testing.T) {
	for name, status := range map[string]string{"error_ratio": "status_5xx", "client_error_ratio": "status_4xx", "rate_limited_ratio": "status_429"} {
		m, ok := Lookup(name)
		require.True(t, ok, name)
		assert.Equal(t, []string{status, "requests"}, m.Inputs, name)
		assert.False(t, m.IsRate(), "%s is a ratio: per second leaves it alone", name)
		assert.Contains(t, m.Description, "Empty when there were no requests", name)
	}
}

func TestRateUnits(t *testing.T) {
	for name, want := range map[string]string{"requests": "reqps", "hits": "cps", "bandwidth": "Bps", "bandwidth_bits": "bps"} {
		m, _ := Lookup(name)
		assert.True(t, m.IsRate(), name)
		assert.Equal(t, want, m.RateUnit(), name)
	}
	for _, name := range []string{"hit_ratio", "hits_time"} {
		m, _ := Lookup(name)
		assert.False(t, m.IsRate(), name)
	}
}

func TestClosest(t *testing.T) {
	assert.Equal(t, "requests", Closest("reqests"))
	assert.Equal(t, "status_5xx", Closest("status_5XX"))
	assert.Equal(t, "", Closest("completely-unrelated-thing-xyz"))
}

func TestPerSecondScalesCountersOnly(t *testing.T) {
	requests, _ := Lookup("requests")
	divisor, unit := requests.PerSecond(time.Minute)
	assert.Equal(t, 60.0, divisor)
	assert.Equal(t, "reqps", unit)
	ratio, _ := Lookup("client_error_ratio")
	divisor, unit = ratio.PerSecond(time.Hour)
	assert.Equal(t, 1.0, divisor)
	assert.Equal(t, UnitRatio, unit)
}
