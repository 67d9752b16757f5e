package simulator

import (
	"testing"
	"time"
)

// benchmarkAnswer serves path on a simulator with serviceCount services and reports the body size.
func benchmarkAnswer(b *testing.B, serviceCount int, path string) {
	sim := New(Config{Now: func() time.Time { return testNow }, ServiceCount: serviceCount})
	size := 0
	b.ReportAllocs()
	for b.Loop() {
		size = serveOK(b, sim, path).Body.Len()
	}
	b.ReportMetric(float64(size), "body-bytes")
}

// BenchmarkEventsAllTime serves the last page of 100 of the whole account's event log: every event of every service
// is generated and sorted, the worst case of an unfiltered /events.
func BenchmarkEventsAllTime(b *testing.B) {
	benchmarkAnswer(b, 25, "/events?page%5Bsize%5D=100&page%5Bnumber%5D=50")
}

// BenchmarkEventsOneServiceOneDay serves what a deploy annotation asks: one service's activations over a day.
func BenchmarkEventsOneServiceOneDay(b *testing.B) {
	sim := New(Config{Now: func() time.Time { return testNow }})
	benchmarkAnswer(b, 25, "/events?filter%5Bevent_type%5D=version.activate&filter%5Bservice_id%5D="+sim.Services()[0].ID+
		"&filter%5Bcreated_at%5D%5Bgte%5D=2024-03-11T15:54:42Z&page%5Bsize%5D=100")
}

// BenchmarkAlertHistoryAllTime serves the first page of the whole account's alert history, every incident window of
// every service's life scanned.
func BenchmarkAlertHistoryAllTime(b *testing.B) {
	benchmarkAnswer(b, 25, "/alerts/history?limit=100")
}
