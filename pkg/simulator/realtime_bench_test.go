package simulator

import (
	"testing"
	"time"
)

// benchmarkHistoryBody serves /ts/h of the www service in the given shape and reports the body size.
func benchmarkHistoryBody(b *testing.B, cfg Config) {
	cfg.Now = func() time.Time { return testNow }
	sim := New(cfg)
	path := "/v1/channel/" + sim.Services()[0].ID + "/ts/h"
	size := 0
	b.ReportAllocs()
	for b.Loop() {
		w := serveOK(b, sim, path)
		size = w.Body.Len()
	}
	b.ReportMetric(float64(size), "body-bytes")
}

// BenchmarkFastlySizedHistoryBody generates one Fastly-sized /ts/h body (120 s, up to 94 POPs × 39 fields).
func BenchmarkFastlySizedHistoryBody(b *testing.B) {
	benchmarkHistoryBody(b, Config{FastlySized: true})
}

// BenchmarkCompactHistoryBody generates the same /ts/h body in the default compact shape.
func BenchmarkCompactHistoryBody(b *testing.B) { benchmarkHistoryBody(b, Config{}) }
