package simulator

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// generatedValue sums a field of the matching cells straight from the generator, bypassing the cell cache.
func generatedValue(sim *Simulator, product string, service int, field string, g granularity, t int64, pop string) int64 {
	total := int64(0)
	for name := range sim.InspectorNames(product, sim.services[service].ID) {
		for p := range pops {
			if pop == "" || pops[p].Code == pop {
				total += sim.inspectorCellValues(product, service, inspectorCell{name: name, pop: p}, g, t)[field]
			}
		}
	}
	return total
}

func TestCachedInspectorValuesEqualTheGenerator(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 30, 0, time.UTC)
	sim := New(Config{Now: func() time.Time { return now }})
	www := sim.Services()[0].ID
	minute, hour := granularities["minute"], granularities["hour"]
	published := now.Add(-20 * time.Minute).Truncate(time.Minute)
	from := published.Add(-time.Duration(inspectorCacheBuckets+20) * time.Minute)
	checked := 0
	for ts := from; ts.Before(published); ts = ts.Add(time.Minute) {
		filtered := sim.InspectorValue(productOrigins, www, "all_responses", "minute", ts, map[string]string{"datacenter": "AMS"})
		assert.Equal(t, float64(generatedValue(sim, productOrigins, 0, "all_responses", minute, ts.Unix(), "AMS")), filtered, ts)
		all := sim.InspectorValue(productOrigins, www, "all_responses", "minute", ts, nil)
		assert.Equal(t, float64(generatedValue(sim, productOrigins, 0, "all_responses", minute, ts.Unix(), "")), all, ts)
		checked++
	}
	hourStart := now.Add(-3 * time.Hour).Truncate(time.Hour)
	assert.Equal(t, float64(generatedValue(sim, productOrigins, 0, "waf_status_2xx", hour, hourStart.Unix(), "")),
		sim.InspectorValue(productOrigins, www, "waf_status_2xx", "hour", hourStart, nil), "same start, other granularity")
	assert.Equal(t, float64(generatedValue(sim, productDomains, 0, "edge_requests", minute, from.Unix(), "")),
		sim.InspectorValue(productDomains, www, "edge_requests", "minute", from, nil), "evicted bucket generated again")
	assert.Zero(t, sim.InspectorValue(productOrigins, www, "no_such_field", "minute", from, nil))
	assert.Greater(t, checked, inspectorCacheBuckets, "the range outgrows the cache")
	assert.LessOrEqual(t, len(sim.cellCache.buckets), inspectorCacheBuckets)
}

func TestRealtimeInspectorSecondsAddUpToTheCachedMinute(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 30, 0, time.UTC)
	sim := New(Config{Now: func() time.Time { return now }})
	www := sim.Services()[0].ID
	minute := now.Add(-5 * time.Minute).Truncate(time.Minute)
	var sum float64
	for ts := minute; ts.Before(minute.Add(time.Minute)); ts = ts.Add(time.Second) {
		sum += sim.InspectorRealtimeValue(productDomains, www, "edge_requests", ts, nil)
	}
	assert.NotZero(t, sum)
	assert.Equal(t, float64(generatedValue(sim, productDomains, 0, "edge_requests", granularities["minute"], minute.Unix(), "")), sum)
}
