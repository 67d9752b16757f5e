package plugin

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type statsModel struct {
	QueryType   string   `json:"queryType,omitempty"`
	Services    []string `json:"services"`
	Metrics     []string `json:"metrics"`
	Granularity string   `json:"granularity,omitempty"`
	Region      string   `json:"region,omitempty"`
	GroupBy     string   `json:"groupBy,omitempty"`
	PerSecond   bool     `json:"perSecond,omitempty"`
}

func lastHour() (time.Time, time.Time) { return testNow.Add(-time.Hour), testNow }

func TestStatsQueryMatchesFastlyGroundTruth(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0]
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{svc.ID}, Metrics: []string{"requests", "hit_ratio"}, Granularity: "minute"}, from, to))

	res := resp.Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 2)
	requests, ratio := res.Frames[0], res.Frames[1]
	assert.Equal(t, data.FrameTypeTimeSeriesMulti, requests.Meta.Type)
	assert.Contains(t, requests.Meta.ExecutedQueryString, "/stats/service/"+svc.ID+"/field/requests")
	assert.Equal(t, data.Labels{"service_id": svc.ID, "service_name": svc.Name}, requests.Fields[1].Labels)
	assert.Equal(t, "short", requests.Fields[1].Config.Unit)
	assert.Equal(t, "percentunit", ratio.Fields[1].Config.Unit)

	newest := sim.NewestPublished("minute")
	times := requests.Fields[0]
	require.Equal(t, int(newest.Sub(from)/time.Minute)+1, times.Len(), "every minute from the start to the newest published one")
	for i := 0; i < times.Len(); i++ {
		ts := times.At(i).(time.Time)
		assert.Equal(t, time.UTC, ts.Location())
		assert.Equal(t, from.Add(time.Duration(i)*time.Minute), ts)
		want, _ := sim.Value(svc.ID, "requests", "", "minute", ts)
		assert.Equal(t, want, *requests.Fields[1].At(i).(*float64), "requests at %s", ts)
		hits, _ := sim.Value(svc.ID, "hits", "", "minute", ts)
		miss, _ := sim.Value(svc.ID, "miss", "", "minute", ts)
		got := ratio.Fields[1].At(i).(*float64)
		if hits+miss == 0 {
			assert.Nil(t, got)
		} else {
			assert.InDelta(t, hits/(hits+miss), *got, 1e-12)
		}
	}
}

func TestSumOverAllServicesInARegion(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "", statsModel{Metrics: []string{"requests"}, Granularity: "minute", Region: "europe", GroupBy: "none"}, from, to))
	res := resp.Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 1)
	field := res.Frames[0].Fields[1]
	assert.Nil(t, field.Labels, "the sum is not labelled with a service")
	assert.Equal(t, "Requests (sum of 6 services)", field.Config.DisplayNameFromDS)
	ts := res.Frames[0].Fields[0].At(5).(time.Time)
	var want float64
	for _, s := range sim.Services() {
		v, _ := sim.Value(s.ID, "requests", "europe", "minute", ts)
		want += v
	}
	assert.Equal(t, want, *field.At(5).(*float64))
}

func TestEachRefIDGetsItsOwnResultOrError(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	svc := sim.Services()[1].ID
	resp := runQueries(t, d,
		dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}}, from, to),
		dataQuery("B", "stats", statsModel{Services: []string{svc}, Metrics: []string{"reqests"}}, from, to),
		dataQuery("C", "stats", statsModel{Services: []string{"ZZZZZZZZZZZZZZZZZZZZZZ"}, Metrics: []string{"requests"}}, from, to),
		dataQuery("D", "flux", statsModel{Metrics: []string{"requests"}}, from, to),
		dataQuery("E", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}, Granularity: "minute"}, testNow.Add(-40*24*time.Hour), to),
	)
	require.NoError(t, resp.Responses["A"].Error)
	assert.NotEmpty(t, resp.Responses["A"].Frames)

	assertQueryError(t, resp.Responses["B"], backend.StatusBadRequest, backend.ErrorSourcePlugin, `unknown metric "reqests": did you mean "requests"?`)
	assertQueryError(t, resp.Responses["C"], backend.StatusNotFound, backend.ErrorSourceDownstream, "service ZZZZZZZZZZZZZZZZZZZZZZ was not found or is not visible to this token")
	assertQueryError(t, resp.Responses["D"], backend.StatusBadRequest, backend.ErrorSourcePlugin, `unknown query type "flux": this plugin supports alerts, domains, events, insights, logMetrics, logVolume, logs, origins, realtime, services, stats, usage, versions`)
	assertQueryError(t, resp.Responses["E"], backend.StatusBadRequest, backend.ErrorSourcePlugin, "Fastly keeps minute data for 35 days only")
}

func assertQueryError(t *testing.T, res backend.DataResponse, status backend.Status, source backend.ErrorSource, msg string) {
	t.Helper()
	require.Error(t, res.Error)
	assert.Contains(t, res.Error.Error(), msg)
	assert.Equal(t, status, res.Status)
	assert.Equal(t, source, res.ErrorSource)
}

func TestPartialCurrentDayIsNotShownAsComplete(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}, Granularity: "day"}, testNow.Add(-7*24*time.Hour), testNow))
	res := resp.Responses["A"]
	require.NoError(t, res.Error)
	times := res.Frames[0].Fields[0]
	last := times.At(times.Len() - 1).(time.Time)
	assert.Equal(t, time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), last, "today (2026-11-26) has not ended")
	require.Len(t, res.Frames[0].Meta.Notices, 1)
	assert.Contains(t, res.Frames[0].Meta.Notices[0].Text, "2026-11-26 00:00 UTC has not ended")
	want, _ := sim.Value(svc, "requests", "", "day", last)
	assert.Equal(t, want, *res.Frames[0].Fields[1].At(times.Len() - 1).(*float64))
}

func TestPerSecondUsesBucketLength(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID
	from := testNow.Add(-6 * time.Hour)
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"bandwidth_bits"}, Granularity: "hour", PerSecond: true}, from, testNow))
	res := resp.Responses["A"]
	require.NoError(t, res.Error)
	field := res.Frames[0].Fields[1]
	assert.Equal(t, "bps", field.Config.Unit)
	ts := res.Frames[0].Fields[0].At(0).(time.Time)
	bytes, _ := sim.Value(svc, "bandwidth", "", "hour", ts)
	assert.InDelta(t, bytes*8/3600, *field.At(0).(*float64), 1e-9)
}

func TestMissingTokenIsAClearErrorPerQuery(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, "")
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Metrics: []string{"requests"}}, from, to))
	assertQueryError(t, resp.Responses["A"], backend.StatusBadRequest, backend.ErrorSourcePlugin, "no Fastly API token is configured")
}

func TestRejectedTokenIsDownstream(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, "wrong-token-abcdef")
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Metrics: []string{"requests"}}, from, to))
	res := resp.Responses["A"]
	assertQueryError(t, res, backend.StatusUnauthorized, backend.ErrorSourceDownstream, "Fastly rejected the API token (401 Unauthorized: Provided credentials are missing or invalid")
	assert.NotContains(t, res.Error.Error(), "wrong-token-abcdef")
}
