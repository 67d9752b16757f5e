package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newDatasourceWithRetries builds a datasource whose settings allow maxRetries retries per Fastly call.
func newDatasourceWithRetries(t *testing.T, apiURL string, maxRetries int) *Datasource {
	t.Helper()
	s := instanceSettings(apiURL, simToken)
	s.JSONData, _ = json.Marshal(map[string]any{"apiUrl": apiURL, "realtimeUrl": apiURL, "maxRetries": maxRetries})
	settings, err := LoadSettings(s)
	require.NoError(t, err)
	d, err := newDatasource(settings, &http.Client{Timeout: 10 * time.Second}, fixedNow)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	return d
}

// statsOnPath counts the recorded requests whose path starts with prefix.
func statsOnPath(sim *simulator.Simulator, prefix string) int {
	n := 0
	for _, r := range sim.Requests() {
		if strings.HasPrefix(r, "GET "+prefix) {
			n++
		}
	}
	return n
}

// requireGroundTruth checks every point of a per-service minute requests frame against the simulator.
func requireGroundTruth(t *testing.T, sim *simulator.Simulator, serviceID string, res backend.DataResponse) {
	t.Helper()
	require.NoError(t, res.Error)
	require.NotEmpty(t, res.Frames)
	times, values := res.Frames[0].Fields[0], res.Frames[0].Fields[1]
	require.Positive(t, times.Len())
	for i := 0; i < times.Len(); i++ {
		ts := times.At(i).(time.Time)
		want, _ := sim.Value(serviceID, "requests", "", "minute", ts)
		require.Equal(t, want, *values.At(i).(*float64), "requests at %s", ts)
	}
}

func TestTransientRateLimitAndServerErrorsAreRetried(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{
		{Kind: simulator.FaultRateLimit, PathPrefix: "/stats/service/", Every: 1, Limit: 1, RetryAfter: time.Second},
		{Kind: simulator.FaultServerError, PathPrefix: "/stats/service/", Every: 1, Limit: 1, Status: 502},
		{Kind: simulator.FaultTruncate, PathPrefix: "/stats/service/", Every: 1, Limit: 1},
	}})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}, Granularity: "minute"}, from, to))
	requireGroundTruth(t, sim, svc, resp.Responses["A"])
	assert.Equal(t, []int{1, 1, 1}, sim.InjectedFaults(), "a 429, a 502 and a cut body were answered first")
	assert.Equal(t, 4, statsOnPath(sim, "/stats/service/"), "three retries, then the answer")
}

func TestExhaustedRetriesGiveTheClassifiedErrorOfThatRefID(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultServerError, PathPrefix: "/stats/service/", Every: 1, Status: 503}}})
	d := newDatasourceWithRetries(t, srv.URL, 2)
	svc := sim.Services()[0].ID
	from, to := lastHour()
	resp := runQueries(t, d,
		dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}, Granularity: "minute"}, from, to),
		dataQuery("B", "services", map[string]any{}, from, to))
	assertQueryError(t, resp.Responses["A"], backend.StatusBadGateway, backend.ErrorSourceDownstream,
		"Fastly answered 503 Service Unavailable for /stats/service/"+svc+"/field/requests: an HTML page instead of a Fastly API response")
	assert.Equal(t, 3, statsOnPath(sim, "/stats/service/"), "the first attempt and two retries")
	require.NoError(t, resp.Responses["B"].Error, "the other refId is answered")
}

func TestRateLimitBeyondTheDeadlineFailsAtOnceSayingWhenItResets(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultRateLimit, PathPrefix: "/stats", Every: 1, RetryAfter: 10 * time.Minute}}})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID
	from, to := lastHour()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	resp, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}}, from, to)}})
	require.NoError(t, err)
	assertQueryError(t, resp.Responses["A"], backend.StatusTooManyRequests, backend.ErrorSourceDownstream,
		"Fastly's rate limit was reached (Too many requests: Rate limit exceeded, try again later); it resets at 2026-11-26T12:10:00Z")
	assert.Equal(t, 1, statsOnPath(sim, "/stats"), "no retry can finish before the deadline")
}

func TestGarbageFromAProxyIsAClearDownstreamError(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultGarbage, PathPrefix: "/stats", Every: 1}}})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID
	from, to := lastHour()
	resp := runQueries(t, d,
		dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}}, from, to),
		dataQuery("B", "usage", map[string]any{"usageBy": "region"}, from, to))
	for _, ref := range []string{"A", "B"} {
		res := resp.Responses[ref]
		require.Error(t, res.Error, ref)
		assert.Equal(t, backend.ErrorSourceDownstream, res.ErrorSource, ref)
		assert.Contains(t, res.Error.Error(), "could not be read", ref)
		assert.Empty(t, res.Frames, "no numbers from a page that is not Fastly's answer")
	}
}

func TestCutBodiesThatNeverRecoverSayTheConnectionFailed(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultTruncate, PathPrefix: "/stats/service/", Every: 1}}})
	d := newDatasourceWithRetries(t, srv.URL, 1)
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{sim.Services()[0].ID}, Metrics: []string{"requests"}}, from, to))
	assertQueryError(t, resp.Responses["A"], backend.StatusBadGateway, backend.ErrorSourceDownstream, "unexpected EOF")
}

func TestCancelledPanelCancelsItsUpstreamCall(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultDelay, PathPrefix: "/stats/service/", Every: 1, Delay: time.Minute}}})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan *backend.QueryDataResponse, 1)
	go func() {
		resp, _ := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{
			dataQuery("A", "stats", statsModel{Services: []string{sim.Services()[0].ID}, Metrics: []string{"requests"}}, from, to)}})
		done <- resp
	}()
	require.Eventually(t, func() bool { return statsOnPath(sim, "/stats/service/") > 0 }, 10*time.Second, time.Millisecond)
	cancel()
	select {
	case resp := <-done:
		assertQueryError(t, resp.Responses["A"], backend.StatusTimeout, backend.ErrorSourceDownstream, "cancelled")
	case <-time.After(20 * time.Second):
		t.Fatal("the query kept waiting for Fastly after the panel was cancelled")
	}
	assert.Equal(t, 1, statsOnPath(sim, "/stats/service/"), "a cancelled call is not retried")
}

func TestEveryQueryTypeSurvivesMixedFaults(t *testing.T) {
	faults := []simulator.Fault{
		{Kind: simulator.FaultGarbage, Ratio: 0.1, Seed: 1},
		{Kind: simulator.FaultTruncate, Ratio: 0.1, Seed: 2},
		{Kind: simulator.FaultServerError, Ratio: 0.1, Seed: 3},
	}
	sim, srv := newSim(t, simulator.Config{Faults: faults})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0].ID // has Log Explorer & Insights, so the log queries reach Fastly
	from, to := lastHour()
	var queries []backend.DataQuery
	for i, q := range mixedQueries(svc) {
		q.RefID = string(rune('A' + i))
		q.TimeRange = backend.TimeRange{From: from, To: to}
		queries = append(queries, q)
	}
	for round := 0; round < 5; round++ {
		resp := runQueries(t, d, queries...)
		require.Len(t, resp.Responses, len(queries), "every refId is answered")
		for ref, res := range resp.Responses {
			if res.Error != nil {
				assert.Equal(t, backend.ErrorSourceDownstream, res.ErrorSource, "%s: %v", ref, res.Error)
				assert.NotContains(t, res.Error.Error(), "internal error", ref)
			}
		}
		if res := resp.Responses["A"]; res.Error == nil {
			requireGroundTruth(t, sim, svc, res)
		}
	}
	assert.NotZero(t, sim.InjectedFaults()[0]+sim.InjectedFaults()[1]+sim.InjectedFaults()[2])
}

// mixedQueries is one query of every type over the last hour; the first is a per-service minute requests query.
func mixedQueries(serviceID string) []backend.DataQuery {
	from, to := lastHour()
	return []backend.DataQuery{
		dataQuery("", "stats", statsModel{Services: []string{serviceID}, Metrics: []string{"requests"}, Granularity: "minute"}, from, to),
		dataQuery("", "stats", statsModel{Metrics: []string{"requests", "hit_ratio"}, GroupBy: "none", Granularity: "minute"}, from, to),
		dataQuery("", "stats", map[string]any{"metrics": []string{"bandwidth"}, "topN": map[string]any{"metric": "bandwidth", "limit": 2}}, from, to),
		dataQuery("", "services", map[string]any{}, from, to),
		dataQuery("", "versions", map[string]any{"services": []string{serviceID}}, from, to),
		dataQuery("", "usage", map[string]any{"usageBy": "service"}, from, to),
		dataQuery("", "usage", map[string]any{"usageBy": "month", "month": "2026-10"}, from, to),
		dataQuery("", "events", map[string]any{"services": []string{serviceID}, "eventTypes": []string{"service.purge_all"}}, from, to),
		dataQuery("", "alerts", map[string]any{"services": []string{serviceID}}, from, to),
		dataQuery("", "insights", map[string]any{"services": []string{serviceID}, "visualization": "top-url-by-requests"}, from, to),
		dataQuery("", "logs", map[string]any{"services": []string{serviceID}, "limit": 300}, from, to),
		dataQuery("", "logMetrics", map[string]any{"services": []string{serviceID}, "metrics": []string{"response_time_p95"}, "groupBy": "fastly_pop"}, from, to),
	}
}

func TestMaxRetriesZeroMakesOneAttempt(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{{Kind: simulator.FaultServerError, PathPrefix: "/stats/service/", Every: 1, Status: 503}}})
	d := newDatasourceWithRetries(t, srv.URL, 0)
	from, to := lastHour()
	resp := runQueries(t, d, dataQuery("A", "stats", statsModel{Services: []string{sim.Services()[0].ID}, Metrics: []string{"requests"}, Granularity: "minute"}, from, to))
	require.Error(t, resp.Responses["A"].Error)
	assert.Equal(t, 1, statsOnPath(sim, "/stats/service/"), "maxRetries 0: no retry")
}
