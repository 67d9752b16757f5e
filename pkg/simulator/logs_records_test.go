package simulator

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestRecordResponseTimesFollowStatsHitTime(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	start := logsHour.Add(-5 * time.Hour)
	var hitTimes []float64
	statsTime, statsHits := 0.0, 0.0
	for hour := start; hour.Before(logsHour.Add(time.Hour)); hour = hour.Add(time.Hour) {
		statsTime += mustValue(t, sim, www.ID, "hits_time", "", "hour", hour)
		statsHits += mustValue(t, sim, www.ID, "hits", "", "hour", hour)
	}
	for _, r := range allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", start, logsHour.Add(time.Hour), "filter[is_cache_hit]", "true")) {
		if text(t, r, "response_state") == "HIT" {
			hitTimes = append(hitTimes, number(t, r, "response_time"))
		}
	}
	// The records' mean hit time estimates stats' hits_time / hits: 4 standard errors of the sample mean bound it.
	m := mean(hitTimes)
	variance := 0.0
	for _, v := range hitTimes {
		variance += (v - m) * (v - m)
	}
	standardError := math.Sqrt(variance/float64(len(hitTimes)-1)) / math.Sqrt(float64(len(hitTimes)))
	assert.InDelta(t, statsTime/statsHits, m, 4*standardError, "%d hit records", len(hitTimes))
}
