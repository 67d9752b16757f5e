package simulator

import (
	"testing"
	"time"
)

// BenchmarkStatsWeekOfMinutes serves a week of www's minute rows: 10,080 minutes × 9 regions of the traffic model.
func BenchmarkStatsWeekOfMinutes(b *testing.B) {
	sim := New(Config{Now: func() time.Time { return testNow }})
	path := statsPath("/stats/service/"+sim.Services()[0].ID, "minute", testNow.Add(-7*24*time.Hour), testNow)
	b.ReportAllocs()
	for b.Loop() {
		serveOK(b, sim, path)
	}
}

// BenchmarkColdShareMinute is the purge effect's cost for one minute of one region, inside the purge hours.
func BenchmarkColdShareMinute(b *testing.B) {
	p := &buildProfiles(1)[0]
	t := floorTo(testNow.Unix(), secondsPerDay) + 12*secondsPerHour
	for b.Loop() {
		coldShare(p, t, t+secondsPerMinute)
	}
}

// BenchmarkAddMinute is the traffic model's minute of one region of www, inside the purge hours.
func BenchmarkAddMinute(b *testing.B) {
	m := newModel(buildProfiles(1))
	t := floorTo(testNow.Unix(), secondsPerDay) + 12*secondsPerHour
	for b.Loop() {
		var c counters
		m.addMinute(&c, 0, 5, t)
	}
}
