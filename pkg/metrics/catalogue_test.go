package metrics

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCatalogueUnitsAndGroups(t *testing.T) {
	cases := map[string]struct{ unit, group string }{
		"requests":                  {UnitCount, GroupTraffic},
		"hits":                      {UnitCount, GroupCache},
		"status_503":                {UnitCount, GroupStatus},
		"all_status_5xx":            {UnitCount, GroupStatus},
		"bandwidth":                 {UnitBytes, GroupBytes},
		"resp_body_bytes":           {UnitBytes, GroupBytes},
		"hits_time":                 {UnitSeconds, GroupTiming},
		"recv_sub_time":             {UnitSeconds, GroupTiming},
		"object_size_1k":            {UnitCount, GroupOther},
		"compute_requests":          {UnitCount, GroupCompute},
		"hit_ratio":                 {UnitRatio, GroupDerived},
		"error_ratio":               {UnitRatio, GroupDerived},
		"client_error_ratio":        {UnitRatio, GroupDerived},
		"rate_limited_ratio":        {UnitRatio, GroupDerived},
		"bandwidth_bits":            {UnitBits, GroupDerived},
		"origin_offload":            {UnitRatio, GroupDerived},
		"compute_execution_time_ms": {UnitMilliseconds, GroupCompute},
	}
	for name, want := range cases {
		m, ok := Lookup(name)
		require.True(t, ok, name)
		assert.Equal(t, want.unit, m.Unit, name)
		assert.Equal(t, want.group, m.Group, name)
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
	assert.Equal(t, GroupTraffic, all[0].Group, "listed in group order")
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
