package simulator

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegionsEndpointListsTheStatsRegions(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	var env statsEnvelope[[]string]
	getJSON(t, srv, "/stats/regions", &env)
	assert.Equal(t, []string{"africa_std", "anzac", "asia", "asia_india", "asia_southkorea", "europe", "mexico",
		"southamerica_std", "usa"}, env.Data)
	assert.Equal(t, sim.Regions(), env.Data)
	assert.Equal(t, "success", env.Status)
	assert.Nil(t, env.Msg)
	assert.Equal(t, "all", env.Meta["region"])
	assert.Equal(t, "2024-03-12 15:54:42 UTC", env.Meta["to"])
}

func TestServiceStatsRowsCarryEveryServedField(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	svc := serviceNamed(t, sim, "www.example.com")
	var env statsEnvelope[[]row]
	getJSON(t, srv, statsPath("/stats/service/"+svc.ID, "minute", testNow.Add(-15*time.Minute), testNow), &env)

	assert.Equal(t, map[string]string{"from": "2024-03-12 15:39:42 UTC", "to": "2024-03-12 15:54:42 UTC",
		"by": "minute", "region": "all"}, env.Meta)
	require.NotEmpty(t, env.Data)
	for _, r := range env.Data {
		assert.Len(t, r, len(sim.Fields())+2)
		assert.Equal(t, svc.ID, r["service_id"])
		for _, name := range sim.Fields() {
			require.Contains(t, r, name)
		}
		for _, name := range integerFields() {
			integer(t, r, name)
		}
	}
	assert.Subset(t, sim.Fields(), []string{"requests", "hits", "miss", "pass", "synth", "errors", "restarts",
		"uncacheable", "hits_time", "miss_time", "pass_time", "hit_ratio", "bandwidth", "status_5xx", "status_429",
		"edge_requests", "origin_offload", "shield_fetches", "http3", "compute_execution_time_ms",
		"compute_resp_status_5xx", "all_status_5xx", "recv_sub_time", "deliver_sub_time", "blacklist",
		"orig_req_header_size"})
}

func TestFieldRowsKeepTheRealKeyOrder(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	svc := serviceNamed(t, sim, "www.example.com")
	from := testNow.Add(-10 * time.Minute)

	_, body := get(t, srv, statsPath("/stats/service/"+svc.ID+"/field/bandwidth", "minute", from, testNow))
	assert.True(t, strings.HasPrefix(string(body), `{"data":[{"bandwidth":`), string(body))
	assert.Contains(t, string(body), `,"service_id":"`+svc.ID+`","start_time":`)

	_, body = get(t, srv, statsPath("/stats/field/bandwidth", "minute", from, testNow))
	assert.Contains(t, string(body), `:[{"service_id":"`+svc.ID+`","start_time":`)
}

func TestPerServiceFieldEndpointServesAnArrayOfThreeKeyRows(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	svc := serviceNamed(t, sim, "shop.example.com")
	rows := serviceRows(t, srv, statsPath("/stats/service/"+svc.ID+"/field/requests", "hour",
		testNow.Add(-6*time.Hour), testNow))
	require.Len(t, rows, 5)
	for _, r := range rows {
		assert.ElementsMatch(t, []string{"requests", "service_id", "start_time"}, keys(r))
	}
}

func TestAllServicesStatsIsAnObjectKeyedByServiceID(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	var env statsEnvelope[map[string][]row]
	getJSON(t, srv, statsPath("/stats", "hour", testNow.Add(-3*time.Hour), testNow), &env)

	require.Len(t, env.Data, len(sim.Services()))
	for _, svc := range sim.Services() {
		rows := env.Data[svc.ID]
		require.NotEmpty(t, rows, svc.Name)
		for _, r := range rows {
			assert.Equal(t, svc.ID, r["service_id"])
			assert.Len(t, r, len(sim.Fields())+2)
		}
	}
}

func TestAllServicesStatsHonoursTheServicesFilter(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www, shop := serviceNamed(t, sim, "www.example.com"), serviceNamed(t, sim, "shop.example.com")
	var env statsEnvelope[map[string][]row]
	getJSON(t, srv, statsPath("/stats", "hour", testNow.Add(-3*time.Hour), testNow,
		"services", www.ID+","+shop.ID+",unknownServiceId00000"), &env)
	assert.ElementsMatch(t, []string{www.ID, shop.ID}, keysOf(env.Data))
}

func TestAllServicesFieldEndpointServesEveryServiceAndIgnoresServicesParam(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	var env statsEnvelope[map[string][]row]
	getJSON(t, srv, statsPath("/stats/field/requests", "hour", testNow.Add(-3*time.Hour), testNow,
		"services", sim.Services()[0].ID), &env)
	require.Len(t, env.Data, len(sim.Services()))
	for id, rows := range env.Data {
		for _, r := range rows {
			assert.ElementsMatch(t, []string{"requests", "service_id", "start_time"}, keys(r))
			assert.Equal(t, id, r["service_id"])
		}
	}
}

func TestAggregateSumsEveryServiceWithoutServiceID(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	rows := serviceRows(t, srv, statsPath("/stats/aggregate", "hour", testNow.Add(-6*time.Hour), testNow,
		"region", "usa"))
	require.Len(t, rows, 5)
	for _, r := range rows {
		assert.NotContains(t, r, "service_id")
		assert.Len(t, r, len(sim.Fields())+1)
		for _, name := range []string{"requests", "compute_requests", "bandwidth", "status_5xx"} {
			var want float64
			for _, svc := range sim.Services() {
				want += valueOrZero(sim, svc.ID, name, "usa", "hour", startTime(t, r))
			}
			assert.Equal(t, want, number(t, r, name), name)
		}
	}
}

func TestEmptyResultsAreNullAnEmptyArrayOrObject(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	from, to := testNow.Add(time.Hour), testNow.Add(2*time.Hour)
	_, body := get(t, srv, statsPath("/stats/service/"+sim.Services()[0].ID, "minute", from, to))
	assert.True(t, strings.HasPrefix(string(body), `{"data":null,"meta":`), "a window with no published minute: %s", body)
	_, body = get(t, srv, statsPath("/stats/field/requests", "minute", from, to))
	assert.True(t, strings.HasPrefix(string(body), `{"data":{},"meta":`), string(body))
	_, body = get(t, srv, statsPath("/stats/service/"+sim.Services()[0].ID, "minute", testNow.Add(-time.Hour), testNow.Add(-time.Hour+time.Minute)))
	assert.True(t, strings.HasPrefix(string(body), `{"data":[`), "a published window: %s", body)
}

func TestValueAgreesWithWhatTheEndpointsServe(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	windows := []struct {
		by   string
		from time.Time
	}{
		{"minute", testNow.Add(-40 * time.Minute)},
		{"hour", testNow.Add(-12 * time.Hour)},
		{"day", testNow.Add(-5 * 24 * time.Hour)},
	}
	for _, svc := range sim.Services() {
		for _, w := range windows {
			for _, region := range []string{"", "europe"} {
				path := statsPath("/stats/service/"+svc.ID, w.by, w.from, testNow)
				if region != "" {
					path += "&region=" + region
				}
				rows := serviceRows(t, srv, path)
				assertRowsMatchValue(t, sim, svc.ID, region, w.by, w.from, rows)
			}
		}
	}
}

// assertRowsMatchValue checks every field of every row against Value, and that buckets without rows have no Value.
func assertRowsMatchValue(t *testing.T, sim *Simulator, serviceID, region, by string, from time.Time, rows []row) {
	t.Helper()
	present := map[int64]bool{}
	for _, r := range rows {
		start := startTime(t, r)
		present[start.Unix()] = true
		for _, name := range sim.Fields() {
			v, ok := sim.Value(serviceID, name, region, by, start)
			if r[name] == nil {
				assert.False(t, ok, "%s %s is null but Value has %v", start, name, v)
				continue
			}
			require.True(t, ok, "%s %s %s has no Value", serviceID, start, name)
			assert.Equal(t, v, number(t, r, name), "%s %s %s", serviceID, start, name)
		}
	}
	step := granularities[by].step
	for start := granularities[by].firstBucket(from.Unix()); start < testNow.Unix(); start += step {
		_, ok := sim.Value(serviceID, "requests", region, by, time.Unix(start, 0))
		assert.Equal(t, present[start], ok, "bucket %s", time.Unix(start, 0).UTC())
	}
}

func TestPublicationLagHidesRecentBuckets(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	want := map[string]time.Time{
		"minute": time.Date(2024, 3, 12, 15, 50, 0, 0, time.UTC),
		"hour":   time.Date(2024, 3, 12, 14, 0, 0, 0, time.UTC),
		"day":    time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC),
	}
	for by, newest := range want {
		assert.Equal(t, newest, sim.NewestPublished(by), by)
		step := time.Duration(granularities[by].step) * time.Second
		rows := serviceRows(t, srv, statsPath("/stats/service/"+www.ID, by, testNow.Add(-10*step),
			testNow.Add(48*time.Hour)))
		require.NotEmpty(t, rows)
		assert.Equal(t, newest, startTime(t, rows[len(rows)-1]), by)
		_, ok := sim.Value(www.ID, "requests", "", by, newest.Add(step))
		assert.False(t, ok, "%s after the newest published bucket", by)
	}
}

func TestCurrentDayIsServedAsAPartialBucket(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	rows := serviceRows(t, srv, statsPath("/stats/service/"+www.ID+"/field/requests", "day",
		testNow.Add(-3*24*time.Hour), testNow))
	require.Len(t, rows, 3, "first midnight after from, yesterday and today")
	today, yesterday := rows[2], rows[1]
	midnight := time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC)
	assert.Equal(t, midnight, startTime(t, today))
	assert.Less(t, number(t, today, "requests"), 0.9*number(t, yesterday, "requests"))

	var elapsed float64
	for hour := midnight; hour.Before(sim.NewestPublished("hour").Add(time.Hour)); hour = hour.Add(time.Hour) {
		elapsed += mustValue(t, sim, www.ID, "requests", "", "hour", hour)
	}
	for minute := sim.NewestPublished("hour").Add(time.Hour); !minute.After(sim.NewestPublished("minute")); minute = minute.Add(time.Minute) {
		elapsed += mustValue(t, sim, www.ID, "requests", "", "minute", minute)
	}
	assert.Equal(t, elapsed, number(t, today, "requests"), "today covers exactly the published minutes")
}

func TestStatsErrors(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	id := sim.Services()[0].ID
	from, to := strconv.FormatInt(testNow.Add(-time.Hour).Unix(), 10), strconv.FormatInt(testNow.Unix(), 10)
	window := "?by=hour&from=" + from + "&to=" + to
	days := func(n int) string { return strconv.FormatInt(testNow.Add(-time.Duration(n)*24*time.Hour).Unix(), 10) }
	cases := []struct {
		name, path string
		status     int
		body       string
	}{
		{"unknown well-formed service", "/stats/service/AAAAAAAAAAAAAAAAAAAAAA" + window, http.StatusNotFound,
			`{"msg":"Record not found","detail":"Couldn't find Service 'AAAAAAAAAAAAAAAAAAAAAA'"}`},
		{"malformed service", "/stats/service/not-an-id/field/requests" + window, http.StatusNotFound,
			`{"msg":"Record not found","detail":"Couldn't find Service 'not-an-id'"}`},
		{"unknown field", "/stats/service/" + id + "/field/miss_histogram" + window, http.StatusBadRequest,
			`{"status":"error","msg":"Unknown field: miss_histogram"}`},
		{"unknown field for all services", "/stats/field/nope" + window, http.StatusBadRequest,
			`{"status":"error","msg":"Unknown field: nope"}`},
		{"unknown region", "/stats/aggregate" + window + "&region=latam", http.StatusBadRequest,
			`{"status":"error","msg":"Invalid region"}`},
		{"non-numeric from", "/stats?by=day&from=yesterday&to=" + to, http.StatusBadRequest,
			`{"status":"error","msg":"Invalid 'from' parameter"}`},
		{"missing to", "/stats?by=day&from=" + from, http.StatusBadRequest,
			`{"status":"error","msg":"Invalid 'to' parameter"}`},
		{"invalid by", "/stats?by=month&from=" + from + "&to=" + to, http.StatusBadRequest,
			`{"status":"error","msg":"Invalid 'by' parameter"}`},
	}
	for _, c := range cases {
		resp, body := get(t, srv, c.path)
		assert.Equal(t, c.status, resp.StatusCode, c.name)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"), c.name)
		assert.JSONEq(t, c.body, string(body), c.name)
	}

	for by, limits := range map[string][2]int{"minute": {34, 36}, "hour": {374, 376}} {
		resp, _ := get(t, srv, "/stats/service/"+id+"?by="+by+"&from="+days(limits[0])+"&to="+days(limits[0]-1))
		assert.Equal(t, http.StatusOK, resp.StatusCode, by)
		resp, body := get(t, srv, "/stats/service/"+id+"?by="+by+"&from="+days(limits[1])+"&to="+to)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, by)
		var e statsError
		require.NoError(t, json.Unmarshal(body, &e))
		assert.Equal(t, "error", e.Status)
		assert.Contains(t, e.Msg, "retention")
		assert.Contains(t, e.Msg, strconv.Itoa(limits[1]-1)+" days")
		assert.Contains(t, e.Msg, by)
		_, ok := sim.Value(id, "requests", "", by, time.Unix(floorTo(testNow.Unix()-int64(limits[1])*secondsPerDay, 3600), 0))
		assert.False(t, ok, "Value is not served past %s retention", by)
	}
}

func TestWeekOfMinuteRowsStreamsQuickly(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	from := testNow.Add(-7 * 24 * time.Hour)
	started := time.Now()
	_, body := get(t, srv, statsPath("/stats/service/"+www.ID, "minute", from, testNow))
	assert.Less(t, time.Since(started), 3*time.Second)
	first := time.Unix(granularities["minute"].firstBucket(from.Unix()), 0)
	wantRows := int(sim.NewestPublished("minute").Sub(first)/time.Minute) + 1
	assert.Equal(t, wantRows, strings.Count(string(body), `"start_time":`))
}

func keysOf[V any](m map[string]V) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	return names
}
