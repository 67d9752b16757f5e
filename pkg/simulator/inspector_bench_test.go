package simulator

import (
	"testing"
	"time"
)

// benchInspector is a simulator on a pinned clock and the www service's id.
func benchInspector() (*Simulator, string, time.Time) {
	now := time.Date(2026, 11, 26, 12, 0, 30, 0, time.UTC)
	sim := New(Config{Now: func() time.Time { return now }})
	return sim, sim.Services()[0].ID, now
}

// BenchmarkOriginsMinuteHourServed serves one hour of per-minute origin responses, as the load test's origins query asks.
func BenchmarkOriginsMinuteHourServed(b *testing.B) {
	sim, id, now := benchInspector()
	path := "/metrics/origins/services/" + id + "?start=" + unix(now.Add(-time.Hour)) + "&end=" + unix(now) + "&downsample=minute&metric=responses"
	b.ReportAllocs()
	for b.Loop() {
		serveOK(b, sim, path)
	}
}

// BenchmarkOriginsMinuteHourGroundTruth computes the ground truth of the same hour, one InspectorValue per minute.
func BenchmarkOriginsMinuteHourGroundTruth(b *testing.B) {
	sim, id, now := benchInspector()
	from := now.Add(-time.Hour).Truncate(time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		for ts := from; ts.Before(now); ts = ts.Add(time.Minute) {
			sim.InspectorValue(productOrigins, id, "all_responses", "minute", ts, nil)
		}
	}
}

// BenchmarkDomainsRealtimeMinuteGroundTruth computes one minute of real-time domain ground truth, one value per second.
func BenchmarkDomainsRealtimeMinuteGroundTruth(b *testing.B) {
	sim, id, now := benchInspector()
	b.ReportAllocs()
	for b.Loop() {
		for ts := now.Add(-time.Minute); ts.Before(now); ts = ts.Add(time.Second) {
			sim.InspectorRealtimeValue(productDomains, id, "edge_requests", ts, nil)
		}
	}
}
