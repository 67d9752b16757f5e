package plugin

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logCalls counts the simulator's requests to the log data endpoints (not enablement).
func logCalls(sim *simulator.Simulator) int {
	n := 0
	for _, r := range sim.Requests() {
		if strings.Contains(r, "/observability/") {
			n++
		}
	}
	return n
}

func TestLogQueriesAnswerFromTheSimulator(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	www := simService(t, sim, "www.example.com").ID
	d := newTestDatasource(t, srv.URL, simToken)
	from := testNow.Add(-time.Hour)

	resp := runQueries(t, d,
		dataQuery("I", "insights", map[string]any{"services": []string{www}, "visualization": "top-url-by-requests"}, from, testNow),
		dataQuery("L", "logs", map[string]any{"services": []string{www}, "limit": 150,
			"filters": []map[string]any{{"field": "response_status", "operator": "gte", "value": "200"}}}, from, testNow),
		dataQuery("M", "logMetrics", map[string]any{"services": []string{www}, "metrics": []string{"response_time_p95"}, "groupBy": "fastly_pop"}, from, testNow),
		dataQuery("T", "logMetrics", map[string]any{"services": []string{www}, "metrics": []string{"response_time_avg"}, "format": "timeseries"}, from, testNow),
		dataQuery("V", "logVolume", map[string]any{"services": []string{www}}, from, testNow),
	)
	for ref, r := range resp.Responses {
		require.NoError(t, r.Error, ref)
		require.NotEmpty(t, r.Frames, ref)
	}
	insights := resp.Responses["I"].Frames[0]
	assert.Equal(t, data.FrameTypeTable, insights.Meta.Type)
	assert.Positive(t, insights.Rows())
	assert.Contains(t, insights.Meta.Notices[len(insights.Meta.Notices)-1].Text, "estimates")

	lines := resp.Responses["L"].Frames[0]
	assert.Equal(t, data.FrameTypeLogLines, lines.Meta.Type)
	assert.Equal(t, 150, lines.Rows())

	assert.Positive(t, resp.Responses["M"].Frames[0].Rows())
	assert.Equal(t, data.FrameTypeTimeSeriesMulti, resp.Responses["T"].Frames[0].Meta.Type)
	levels := map[string]bool{}
	for _, f := range resp.Responses["V"].Frames {
		levels[f.Fields[1].Labels["level"]] = true
	}
	assert.Equal(t, map[string]bool{"error": true, "warning": true, "info": true}, levels)
}

func TestLogQueriesOfAServiceWithoutTheProductSaySo(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	static := simService(t, sim, "static.example.com").ID
	d := newTestDatasource(t, srv.URL, simToken)

	resp := runQueries(t, d,
		dataQuery("I", "insights", map[string]any{"services": []string{static}, "visualization": "top-url-by-requests"}, testNow.Add(-time.Hour), testNow),
		dataQuery("L", "logs", map[string]any{"services": []string{static}}, testNow.Add(-time.Hour), testNow))
	for _, ref := range []string{"I", "L"} {
		r := resp.Responses[ref]
		require.Error(t, r.Error, ref)
		assert.Equal(t, backend.StatusForbidden, r.Status)
		assert.Contains(t, r.Error.Error(), "Log Explorer & Insights is not enabled for service static.example.com")
		assert.Empty(t, r.Frames, "no frame: a service without the product is not drawn as no traffic")
	}
	assert.Zero(t, logCalls(sim))
}

func TestBadLogQueriesFailAloneBeforeAnyCall(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	www := simService(t, sim, "www.example.com").ID
	d := newTestDatasource(t, srv.URL, simToken)
	from := testNow.Add(-time.Hour)

	resp := runQueries(t, d,
		dataQuery("A", "insights", map[string]any{"services": []string{www}, "visualization": "top-url-by-duration-sum"}, from, testNow),
		dataQuery("B", "logs", map[string]any{"services": []string{www}, "filters": []map[string]any{{"field": "fastly_is_cache_hit", "value": "true"}}}, from, testNow),
		dataQuery("C", "logMetrics", map[string]any{"services": []string{www}, "metrics": []string{"response_time_avg"}, "groupBy": "response_status"}, from, testNow),
		dataQuery("D", "logs", map[string]any{"services": []string{www}}, testNow.Add(-9*24*time.Hour), testNow.Add(-8*24*time.Hour)),
		dataQuery("E", "stats", map[string]any{"services": []string{www}, "metrics": []string{"requests"}, "granularity": "minute"}, from, testNow),
	)
	want := map[string]string{
		"A": "use top-url-by-duration", "B": "use is_cache_hit", "C": "Fastly cannot group by response_status",
		"D": "Fastly keeps sampled logs for 7 days",
	}
	for ref, msg := range want {
		assertQueryError(t, resp.Responses[ref], backend.StatusBadRequest, backend.ErrorSourcePlugin, msg)
	}
	require.NoError(t, resp.Responses["E"].Error, "a bad log query breaks nothing else")
	assert.Zero(t, logCalls(sim))
}

func TestInsightsAndLogMetricsMakeOneCallAndFinishedWindowsNone(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	www := simService(t, sim, "www.example.com").ID
	d := newTestDatasource(t, srv.URL, simToken)
	queries := finishedWindowLogQueries(www)
	runQueries(t, d, queries...)
	assert.Equal(t, 2, logCalls(sim), "one call per query")
	sim.ResetRequests()
	resp := runQueries(t, d, queries...)
	require.NoError(t, resp.Responses["I"].Error)
	assert.Empty(t, sim.Requests(), "a refresh of a finished window makes no call")
}

func TestLogsCacheSizeZeroReadsAFinishedWindowAgain(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	www := simService(t, sim, "www.example.com").ID
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	require.NoError(t, err)
	settings.LogsCacheSizeMB = 0
	d, err := newDatasource(settings, &http.Client{Timeout: time.Minute}, fixedNow)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	queries := finishedWindowLogQueries(www)
	runQueries(t, d, queries...)
	sim.ResetRequests()
	resp := runQueries(t, d, queries...)
	require.NoError(t, resp.Responses["I"].Error)
	assert.Equal(t, 2, logCalls(sim), "without a cache, every refresh asks Fastly")
}

// finishedWindowLogQueries are an insights and a logMetrics query over an hour that ended an hour ago.
func finishedWindowLogQueries(service string) []backend.DataQuery {
	from, to := testNow.Add(-2*time.Hour), testNow.Add(-time.Hour)
	return []backend.DataQuery{
		dataQuery("I", "insights", map[string]any{"services": []string{service}, "visualization": "top-5xx-urls"}, from, to),
		dataQuery("M", "logMetrics", map[string]any{"services": []string{service}, "metrics": []string{"response_time_p95"}}, from, to),
	}
}

func TestLogResources(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)

	status, body := callResource(t, d, "log-visualizations")
	require.Equal(t, 200, status)
	var vis []map[string]string
	require.NoError(t, json.Unmarshal(body, &vis))
	assert.Len(t, vis, 15)
	assert.Equal(t, map[string]string{"value": "top-url-by-requests", "label": "Top pages by requests",
		"description": "Paths with the largest share of sampled requests"}, vis[0])

	status, body = callResource(t, d, "log-fields")
	require.Equal(t, 200, status)
	var fields struct {
		Fields    []map[string]any    `json:"fields"`
		Operators []map[string]string `json:"operators"`
	}
	require.NoError(t, json.Unmarshal(body, &fields))
	assert.Contains(t, fields.Fields, map[string]any{"value": "response_status", "label": "Response status", "type": "number",
		"filterable": true, "groupable": false})
	assert.Contains(t, fields.Operators, map[string]string{"value": "neq", "label": "!="})

	status, body = callResource(t, d, "metrics?queryType=logMetrics")
	require.Equal(t, 200, status)
	var ms []map[string]any
	require.NoError(t, json.Unmarshal(body, &ms))
	assert.Len(t, ms, 20)
	assert.Equal(t, "response_time_avg", ms[0]["name"])
	assert.Equal(t, "s", ms[0]["unit"])
}
