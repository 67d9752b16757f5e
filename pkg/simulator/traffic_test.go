package simulator

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowsByServiceAndStart fetches /stats and indexes its rows by service id and start time.
func rowsByServiceAndStart(t *testing.T, srv *httptest.Server, path string) map[string]map[int64]row {
	t.Helper()
	var env statsEnvelope[map[string][]row]
	getJSON(t, srv, path, &env)
	indexed := map[string]map[int64]row{}
	for id, rows := range env.Data {
		indexed[id] = map[int64]row{}
		for _, r := range rows {
			indexed[id][startTime(t, r).Unix()] = r
		}
	}
	return indexed
}

func TestQuietServiceMinutesAreMostlyAbsent(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	quiet := serviceNamed(t, sim, "quiet.example.com")
	from := testNow.Add(-6 * time.Hour)
	rows := serviceRows(t, srv, statsPath("/stats/service/"+quiet.ID, "minute", from, testNow))

	assert.NotEmpty(t, rows)
	assert.Less(t, len(rows), 6*60/2, "most minutes of the quiet service have no row")
	for _, r := range rows {
		assert.Positive(t, integer(t, r, "requests"))
	}
	assertRowsMatchValue(t, sim, quiet.ID, "", "minute", from, rows)
}

func TestRegionsSumToAll(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	from, to := testNow.Add(-6*time.Hour), testNow
	all := rowsByServiceAndStart(t, srv, statsPath("/stats", "hour", from, to))
	sums := map[string]map[int64]map[string]int64{}
	for _, region := range sim.Regions() {
		for id, rows := range rowsByServiceAndStart(t, srv, statsPath("/stats", "hour", from, to, "region", region)) {
			addRows(t, sums, id, rekey(rows, secondsPerHour))
		}
	}
	assertSumsEqualRows(t, sums, all)
}

func TestHourIsTheSumOfItsMinutes(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	from, to := time.Date(2024, 3, 12, 11, 0, 0, 0, time.UTC), time.Date(2024, 3, 12, 14, 0, 0, 0, time.UTC)
	hours := rowsByServiceAndStart(t, srv, statsPath("/stats", "hour", from, to))
	sums := map[string]map[int64]map[string]int64{}
	for id, rows := range rowsByServiceAndStart(t, srv, statsPath("/stats", "minute", from, to)) {
		addRows(t, sums, id, rekey(rows, secondsPerHour))
	}
	assertSumsEqualRows(t, sums, hours)
}

func TestDayIsTheSumOfItsHours(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	from, to := time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)
	days := rowsByServiceAndStart(t, srv, statsPath("/stats", "day", from, to, "region", "asia"))
	sums := map[string]map[int64]map[string]int64{}
	for id, rows := range rowsByServiceAndStart(t, srv, statsPath("/stats", "hour", from, to, "region", "asia")) {
		addRows(t, sums, id, rekey(rows, secondsPerDay))
	}
	assertSumsEqualRows(t, sums, days)
}

// rekey groups rows under the start of the coarser bucket of size step that holds them.
func rekey(rows map[int64]row, step int64) map[int64][]row {
	grouped := map[int64][]row{}
	for start, r := range rows {
		grouped[floorTo(start, step)] = append(grouped[floorTo(start, step)], r)
	}
	return grouped
}

// addRows adds the integer fields of each group of rows into sums[id][start].
func addRows(t *testing.T, sums map[string]map[int64]map[string]int64, id string, groups map[int64][]row) {
	t.Helper()
	if sums[id] == nil {
		sums[id] = map[int64]map[string]int64{}
	}
	for start, group := range groups {
		if sums[id][start] == nil {
			sums[id][start] = map[string]int64{}
		}
		for _, r := range group {
			for _, name := range integerFields() {
				sums[id][start][name] += integer(t, r, name)
			}
		}
	}
}

// assertSumsEqualRows checks sums against the rows of want, which must hold at least one row.
func assertSumsEqualRows(t *testing.T, sums map[string]map[int64]map[string]int64, want map[string]map[int64]row) {
	t.Helper()
	rows := 0
	for _, byStart := range want {
		rows += len(byStart)
	}
	require.Positive(t, rows, "no rows to compare")
	require.Equal(t, len(want), len(sums))
	for id, rows := range want {
		require.Equal(t, len(rows), len(sums[id]), id)
		for start, r := range rows {
			for _, name := range integerFields() {
				require.Equal(t, integer(t, r, name), sums[id][start][name], "%s %d %s", id, start, name)
			}
		}
	}
}

func TestMinuteRowsAreInternallyConsistent(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	rows := rowsByServiceAndStart(t, srv, statsPath("/stats", "minute", testNow.Add(-90*time.Minute), testNow))
	for _, byStart := range rows {
		for _, r := range byStart {
			assertConsistentRow(t, r)
		}
	}
}

func assertConsistentRow(t *testing.T, r row) {
	t.Helper()
	v := func(name string) int64 { return integer(t, r, name) }
	requests := v("requests")
	assert.Equal(t, requests, v("hits")+v("miss")+v("pass")+v("synth")+v("errors"))
	assert.Equal(t, requests, v("status_1xx")+v("status_2xx")+v("status_3xx")+v("status_4xx")+v("status_5xx"))
	assert.LessOrEqual(t, v("status_200")+v("status_204")+v("status_206"), v("status_2xx"))
	assert.LessOrEqual(t, v("status_301")+v("status_302")+v("status_304"), v("status_3xx"))
	assert.LessOrEqual(t, v("status_400")+v("status_401")+v("status_403")+v("status_404")+v("status_416")+v("status_429"), v("status_4xx"))
	assert.LessOrEqual(t, v("status_500")+v("status_501")+v("status_502")+v("status_503")+v("status_504")+v("status_505"), v("status_5xx"))
	assert.Equal(t, v("bandwidth"), v("resp_header_bytes")+v("resp_body_bytes")+v("bereq_header_bytes")+v("bereq_body_bytes")+
		v("compute_resp_header_bytes")+v("compute_resp_body_bytes")+v("compute_bereq_header_bytes")+v("compute_bereq_body_bytes"))
	assert.Equal(t, requests, v("edge_requests"))
	assert.Equal(t, v("resp_header_bytes"), v("header_size"))
	assert.Equal(t, v("resp_body_bytes"), v("body_size"))
	for _, class := range []string{"1xx", "2xx", "3xx", "4xx", "5xx"} {
		assert.Equal(t, v("status_"+class)+v("compute_resp_status_"+class), v("all_status_"+class))
	}
	if hitsAndMisses := v("hits") + v("miss"); hitsAndMisses == 0 {
		assert.Nil(t, r["hit_ratio"])
	} else {
		assert.Equal(t, float64(v("hits"))/float64(hitsAndMisses), number(t, r, "hit_ratio"))
	}
	if edge := v("edge_resp_body_bytes") + v("edge_resp_header_bytes"); edge == 0 {
		assert.Nil(t, r["origin_offload"])
	} else {
		origin := v("origin_fetch_resp_body_bytes") + v("origin_fetch_resp_header_bytes")
		assert.Equal(t, float64(edge-origin)/float64(edge), number(t, r, "origin_offload"))
	}
}

func TestComputeServiceCountsComputeRequestsNotRequests(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	api := serviceNamed(t, sim, "api.example.com")
	rows := serviceRows(t, srv, statsPath("/stats/service/"+api.ID, "minute", testNow.Add(-30*time.Minute), testNow))
	require.NotEmpty(t, rows)
	for _, r := range rows {
		assert.Zero(t, integer(t, r, "requests"))
		assert.Positive(t, integer(t, r, "compute_requests"))
		assert.Positive(t, number(t, r, "compute_execution_time_ms"))
		assert.Positive(t, integer(t, r, "bandwidth"))
		assert.Nil(t, r["hit_ratio"])
		assertConsistentRow(t, r)
	}
}

func TestTrafficFollowsTheTimeOfDayAndServiceSize(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{})
	day := time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC)
	requestsOf := func(name string) float64 {
		svc := serviceNamed(t, sim, name)
		return mustValue(t, sim, svc.ID, "requests", "", "day", day)
	}
	assert.Greater(t, requestsOf("www.example.com"), requestsOf("img.example.com"))
	assert.Greater(t, requestsOf("img.example.com"), requestsOf("static.example.com"))
	assert.Greater(t, requestsOf("static.example.com"), requestsOf("shop.example.com"))
	assert.Greater(t, requestsOf("shop.example.com"), 100*requestsOf("quiet.example.com"))

	www := serviceNamed(t, sim, "www.example.com")
	lowest, highest := 1e18, 0.0
	for hour := day; hour.Before(day.Add(24 * time.Hour)); hour = hour.Add(time.Hour) {
		v := mustValue(t, sim, www.ID, "requests", "usa", "hour", hour)
		lowest, highest = min(lowest, v), max(highest, v)
	}
	assert.Greater(t, highest, 2*lowest, "diurnal curve")
}

func TestServerErrorsComeInOccasionalBursts(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	start := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC)
	burstMinutes, minutes := 0, 0
	for _, region := range sim.Regions() {
		for minute := start; minute.Before(start.Add(7 * 24 * time.Hour)); minute = minute.Add(time.Minute) {
			requests := valueOrZero(sim, www.ID, "requests", region, "minute", minute)
			if requests < 20 {
				continue
			}
			minutes++
			if valueOrZero(sim, www.ID, "status_5xx", region, "minute", minute) > 0.04*requests {
				burstMinutes++
			}
		}
	}
	assert.Positive(t, burstMinutes)
	assert.Less(t, float64(burstMinutes), 0.02*float64(minutes))
}

func TestValueRejectsUnknownInputsAndMisalignedStarts(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{})
	id := sim.Services()[0].ID
	hour := time.Date(2024, 3, 12, 10, 0, 0, 0, time.UTC)
	_, ok := sim.Value(id, "requests", "", "hour", hour)
	assert.True(t, ok)
	for name, args := range map[string][4]string{
		"service": {"AAAAAAAAAAAAAAAAAAAAAA", "requests", "", "hour"},
		"field":   {id, "nope", "", "hour"},
		"region":  {id, "requests", "mars", "hour"},
		"by":      {id, "requests", "", "week"},
	} {
		_, ok := sim.Value(args[0], args[1], args[2], args[3], hour)
		assert.False(t, ok, name)
	}
	_, ok = sim.Value(id, "requests", "", "hour", hour.Add(time.Minute))
	assert.False(t, ok, "misaligned")
}
