package simulator

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// purgesOf are the purge-all times of a service the simulator's /events lists in [from, to].
func purgesOf(t *testing.T, srv *httptest.Server, serviceID string, from, to time.Time) []time.Time {
	t.Helper()
	var out []time.Time
	for _, e := range allEvents(t, srv, eventQuery("filter[event_type]", "service.purge_all", "filter[service_id]", serviceID,
		"filter[created_at][gte]", from.Format(time.RFC3339), "filter[created_at][lte]", to.Format(time.RFC3339))) {
		out = append(out, eventTime(t, e))
	}
	return out
}

// Minutes around a purge at P, counted from its minute m (0): the ten before, the dip, and after the recovery.
const (
	minutesBefore = 10
	recoveredFrom = 16 // P + 15 minutes falls in minute 15
	minutesAfter  = 30
)

// purgeMinutes are the stats minute rows of a service from ten minutes before the minute of P to thirty after it.
type purgeMinutes struct {
	minute time.Time
	rows   []row // rows[minutesBefore] is the purge's minute
}

func readPurgeMinutes(t *testing.T, srv *httptest.Server, serviceID string, p time.Time) purgeMinutes {
	t.Helper()
	m := p.Truncate(time.Minute)
	rows := serviceRows(t, srv, statsPath("/stats/service/"+serviceID, "minute", m.Add(-minutesBefore*time.Minute), m.Add(minutesAfter*time.Minute)))
	require.Equal(t, minutesBefore+minutesAfter, len(rows), "every minute around the purge at %v is published with traffic", p)
	return purgeMinutes{minute: m, rows: rows}
}

// at is the row of minute i after the purge's minute (negative: before it).
func (pm purgeMinutes) at(i int) row { return pm.rows[minutesBefore+i] }

// values are a field's values in minutes [from, to) relative to the purge's minute.
func (pm purgeMinutes) values(t *testing.T, field string, from, to int) []float64 {
	t.Helper()
	var out []float64
	for i := from; i < to; i++ {
		out = append(out, number(t, pm.at(i), field))
	}
	return out
}

// purgedServices are the VCL services with steady traffic whose purges the tests follow over the last three days.
var purgedServices = []string{"www.example.com", "static.example.com", "shop.example.com", "img.example.com"}

func TestPurgeDipsTheHitRatioAndItRecovers(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	last := sim.NewestPublished("minute").Add(-minutesAfter * time.Minute)
	checked := 0
	for _, name := range purgedServices {
		svc := serviceNamed(t, sim, name)
		for _, p := range purgesOf(t, srv, svc.ID, testNow.Add(-72*time.Hour), last) {
			pm := readPurgeMinutes(t, srv, svc.ID, p)
			where := fmt.Sprintf("%s purged at %v", name, p)
			before := pm.values(t, "hit_ratio", -minutesBefore, 0)
			low, high := slices.Min(before), slices.Max(before)
			hitRatio := func(i int) float64 { return number(t, pm.at(i), "hit_ratio") }

			assert.Less(t, hitRatio(0), low, "%s: the dip starts in the purge's minute", where)
			for i := 1; i <= 3; i++ {
				assert.Less(t, hitRatio(i), low-0.25, "%s: minute %d is clearly lower", where, i)
			}
			assert.Less(t, hitRatio(1), hitRatio(5), "%s: recovering", where)
			assert.Less(t, hitRatio(5), hitRatio(9), "%s: recovering", where)
			assert.Less(t, hitRatio(8), low, "%s: still cold after 8 minutes", where)
			recovered := mean(pm.values(t, "hit_ratio", recoveredFrom, minutesAfter))
			assert.GreaterOrEqual(t, recovered, low, "%s: recovered after the dip window", where)
			assert.LessOrEqual(t, recovered, high, "%s: recovered after the dip window", where)

			fetchesBefore := mean(pm.values(t, "origin_fetches", -minutesBefore, 0))
			for i := 1; i <= 3; i++ {
				assert.Greater(t, number(t, pm.at(i), "origin_fetches"), 2*fetchesBefore, "%s: origin fetches surge in minute %d", where, i)
			}
			checked++
		}
	}
	assert.GreaterOrEqual(t, checked, 4, "the schedule purges the services in these three days")
}

// TestAPurgeTurnsHitsIntoMissesOnly holds the random draws of a minute fixed and cools its cache: requests and the
// other outcomes stay, hits become misses, origin fetches and their bytes follow, a miss takes as long as before.
func TestAPurgeTurnsHitsIntoMissesOnly(t *testing.T) {
	p := &buildProfiles(1)[0]
	minute := func(cold float64) counters {
		var c counters
		addDeliveryMinute(&c, p, 10000, 0, cold, &rng{state: 42})
		return c
	}
	warm, cold := minute(0), minute(0.6)
	for _, k := range []counter{cRequests, cPass, cSynth, cErrors, cRespBodyBytes} {
		assert.Equal(t, warm[k], cold[k], "counter %d", k)
	}
	assert.Equal(t, warm[cHits]+warm[cMiss], cold[cHits]+cold[cMiss], "the same cacheable requests")
	assert.Greater(t, cold[cMiss], 5*warm[cMiss])
	assert.Equal(t, cold[cMiss]-warm[cMiss], cold[cOriginFetches]-warm[cOriginFetches])
	assert.Greater(t, cold[cBereqHeaderBytes], 4*warm[cBereqHeaderBytes])
	for _, c := range []counters{warm, cold} {
		perMiss := float64(c[cMissTimeMicros]) / float64(c[cMiss])
		assert.True(t, perMiss >= 90000 && perMiss <= 150000, "a miss takes 90–150 ms: %v µs", perMiss)
	}
}

func TestColdShareFollowsTheScheduleOnly(t *testing.T) {
	profiles := buildProfiles(6)
	www, api := &profiles[0], &profiles[1]
	var purges []int64
	for day := floorTo(testNow.Unix(), secondsPerDay) - 30*secondsPerDay; len(purges) < 3; day += secondsPerDay {
		ps, n := purgesOfDay(www, day)
		for _, q := range ps[:n] {
			purges = append(purges, q.at)
		}
	}
	for _, at := range purges {
		assert.Zero(t, coldShare(www, at-secondsPerMinute, at), "nothing before the purge")
		assert.InDelta(t, purgeColdDepth, coldShare(www, at, at+1), 0.01, "cold at once")
		assert.Zero(t, coldShare(www, at+purgeRecovery, at+purgeRecovery+secondsPerMinute), "recovered")
		assert.Zero(t, coldShare(api, at, at+secondsPerMinute), "a Compute service has no cache here")
		whole := coldShare(www, at-secondsPerHour, at+secondsPerHour) * 2 * secondsPerHour
		assert.InDelta(t, purgeColdDepth*purgeRecovery/3, whole, 1, "the area of one recovery")
	}
}

func TestPurgeRaisesOriginInspectorFetchesAndLowersTheDomainHitRatio(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{Token: testToken})
	www := serviceNamed(t, sim, "www.example.com")
	purges := purgesOf(t, srv, www.ID, testNow.Add(-72*time.Hour), sim.NewestPublished("minute").Add(-minutesAfter*time.Minute))
	require.NotEmpty(t, purges)
	for _, p := range purges {
		m := p.Truncate(time.Minute)
		responses := inspectorMinutes(t, srv, "origins", www.ID, "responses", m)
		before := slices.Max(responses[:minutesBefore])
		for i := 1; i <= 3; i++ {
			assert.Greater(t, responses[minutesBefore+i], 3*before, "purge at %v: origin responses surge in minute %d", p, i)
		}
		assert.LessOrEqual(t, mean(responses[minutesBefore+recoveredFrom:]), before, "purge at %v: back to usual", p)

		hits := inspectorMinutes(t, srv, "domains", www.ID, "edge_hit_requests", m)
		requests := inspectorMinutes(t, srv, "domains", www.ID, "edge_requests", m)
		hitRatio := func(i int) float64 { return hits[minutesBefore+i] / requests[minutesBefore+i] }
		low := 1.0
		for i := -minutesBefore; i < 0; i++ {
			low = min(low, hitRatio(i))
		}
		for i := 1; i <= 3; i++ {
			assert.Less(t, hitRatio(i), low-0.25, "purge at %v: domain hit ratio dips in minute %d", p, i)
		}
	}
}

// inspectorMinutes is a metric of every cell of a service summed per minute, from ten minutes before m to thirty after.
func inspectorMinutes(t *testing.T, srv *httptest.Server, collection, serviceID, metric string, m time.Time) []float64 {
	t.Helper()
	start := m.Add(-minutesBefore * time.Minute)
	var page struct {
		Data []inspectorSeriesJSON `json:"data"`
	}
	getJSON(t, srv, "/metrics/"+collection+"/services/"+serviceID+"?start="+unix(start)+"&end="+unix(m.Add(minutesAfter*time.Minute))+
		"&downsample=minute&metric="+metric, &page)
	require.Len(t, page.Data, 1, "no group_by: one series")
	out := make([]float64, minutesBefore+minutesAfter)
	for _, v := range page.Data[0].Values {
		out[(v["timestamp"]-start.Unix())/secondsPerMinute] = float64(v[metric])
	}
	return out
}

// logHitShare is the share of Log Explorer records of [from, to) with is_cache_hit, and how many records there are.
func logHitShare(t *testing.T, srv *httptest.Server, serviceID string, from, to time.Time) (float64, int) {
	t.Helper()
	records := allExplorerRecords(t, srv, logsParams(serviceID, "start", "end", from, to))
	hits := 0
	for _, rec := range records {
		if rec["is_cache_hit"] == true {
			hits++
		}
	}
	return float64(hits) / float64(len(records)), len(records)
}

// statsHitShare is the share of requests answered from cache (hits and synthetic answers) in [from, to) of stats.
func statsHitShare(t *testing.T, srv *httptest.Server, serviceID string, from, to time.Time) float64 {
	t.Helper()
	var hits, requests float64
	for _, r := range serviceRows(t, srv, statsPath("/stats/service/"+serviceID, "minute", from, to)) {
		hits += number(t, r, "hits") + number(t, r, "synth")
		requests += number(t, r, "requests")
	}
	return hits / requests
}

func TestPurgeLowersTheLogsCacheHitShareLikeStats(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	purges := purgesOf(t, srv, www.ID, testNow.Add(-72*time.Hour), sim.NewestPublished("minute").Add(-minutesAfter*time.Minute))
	require.NotEmpty(t, purges)
	for _, p := range purges {
		m := p.Truncate(time.Minute)
		windows := map[string][2]time.Time{"before": {m.Add(-minutesBefore * time.Minute), m}, "dip": {m.Add(time.Minute), m.Add(6 * time.Minute)}}
		shares := map[string]float64{}
		for name, w := range windows {
			share, n := logHitShare(t, srv, www.ID, w[0], w[1])
			require.Positive(t, n)
			expected := statsHitShare(t, srv, www.ID, w[0], w[1])
			sd := sqrt(expected * (1 - expected) / float64(n))
			assert.InDelta(t, expected, share, 4*sd+0.01, "purge at %v, %s: sampled records follow stats (%d records)", p, name, n)
			shares[name] = share
		}
		assert.Less(t, shares["dip"], shares["before"]-0.3, "purge at %v: fewer cache hits in the logs", p)
	}
}

func TestRealtimeAgreesWithStatsInThePurgeDip(t *testing.T) {
	now := testNow
	sim, srv := newTestSimulator(t, Config{Now: func() time.Time { return now }})
	sim.SetLongPoll(0)
	www := serviceNamed(t, sim, "www.example.com")
	purges := purgesOf(t, srv, www.ID, testNow.Add(-72*time.Hour), sim.NewestPublished("minute").Add(-minutesAfter*time.Minute))
	require.NotEmpty(t, purges)
	p := purges[len(purges)-1]
	m := p.Truncate(time.Minute)

	// The 120 seconds of history then hold minutes 3 and 4 after the purge's minute whole.
	now = m.Add(5*time.Minute + aggregateDelay*time.Second)
	h := getRealtime(t, srv.URL, "/v1/channel/"+www.ID+"/ts/h")
	live := map[int64]map[string]float64{}
	for _, rec := range h.Data {
		minute := floorTo(rec.Recorded, secondsPerMinute)
		if live[minute] == nil {
			live[minute] = map[string]float64{}
		}
		for _, f := range []string{"requests", "hits", "miss"} {
			live[minute][f] += mustFloat(t, rec.Aggregated[f])
		}
		live[minute]["seconds"]++
	}
	require.Equal(t, float64(secondsPerMinute), live[m.Add(3*time.Minute).Unix()]["seconds"])
	require.Equal(t, float64(secondsPerMinute), live[m.Add(4*time.Minute).Unix()]["seconds"])

	now = m.Add(minutesAfter*time.Minute + minutePublishDelay*time.Second)
	pm := readPurgeMinutes(t, srv, www.ID, p)
	low := slices.Min(pm.values(t, "hit_ratio", -minutesBefore, 0))
	for _, i := range []int{3, 4} {
		minute := m.Add(time.Duration(i) * time.Minute).Unix()
		for _, f := range []string{"requests", "hits", "miss"} {
			assert.Equal(t, number(t, pm.at(i), f), live[minute][f], "minute %d after the purge: %s", i, f)
		}
		rtHitRatio := live[minute]["hits"] / (live[minute]["hits"] + live[minute]["miss"])
		assert.Less(t, rtHitRatio, low-0.25, "minute %d after the purge: real time shows the dip", i)
	}
}

// Two purges drawn at the same second are one purge: one event and one recovery.
func TestPurgesAtTheSameSecondCountOnce(t *testing.T) {
	www := &buildProfiles(1)[0]
	day := sameSecondPurgesDay(www)
	require.NotZero(t, day, "a day whose two purges are drawn at the same second")
	ps, n := purgesOfDay(www, day)
	require.Equal(t, 1, n, "day %d", day)
	at := ps[0].at
	whole := coldShare(www, at-secondsPerHour, at+secondsPerHour) * 2 * secondsPerHour
	assert.InDelta(t, purgeColdDepth*purgeRecovery/3, whole, 1, "the area of one recovery")
}

// sameSecondPurgesDay replays purgesOfDay's draws to find a day with two purges drawn at the same second, or 0.
func sameSecondPurgesDay(p *serviceProfile) int64 {
	for day := int64(secondsPerDay); day < 10_000_000*secondsPerDay; day += secondsPerDay {
		r := rng{state: hash3(p.seed^purgeStream, 0, uint64(day))}
		if r.next()%(maxPurgesPerDay+1) != 2 {
			continue
		}
		first := r.next() % purgeWindowLength
		r.next() // the first purge's admin draw
		if r.next()%purgeWindowLength == first {
			return day
		}
	}
	return 0
}
