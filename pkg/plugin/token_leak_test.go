package plugin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secretToken = "SECRET-fastly-token-do-not-leak-42"

// echoingFastly answers every request with an error body that repeats the request's headers, as a
// misbehaving proxy might.
func echoingFastly(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"msg": "bad request", "detail": "headers: Fastly-Key=" + r.Header.Get("Fastly-Key")})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTokenNeverLeavesThePlugin(t *testing.T) {
	logger := recordLogs(t)

	sim, simSrv := newSim(t, simulator.Config{Token: secretToken})
	var outputs []string
	for _, url := range []string{simSrv.URL, echoingFastly(t).URL} {
		d := newTestDatasource(t, url, secretToken)
		outputs = append(outputs, checkHealth(t, d).Message)
		from := testNow.Add(-2 * time.Hour)
		resp := runQueries(t, d,
			dataQuery("A", "stats", statsModel{Services: []string{sim.Services()[0].ID}, Metrics: []string{"requests", "hit_ratio"}}, from, testNow),
			dataQuery("B", "stats", statsModel{Metrics: []string{"nope"}}, from, testNow),
			dataQuery("C", "stats", statsModel{Metrics: []string{"requests"}, GroupBy: "none"}, from, testNow))
		raw, err := json.Marshal(resp)
		require.NoError(t, err)
		outputs = append(outputs, string(raw))
		for _, path := range []string{"services", "metrics", "regions", "datacenters", "nope"} {
			_, body := callResource(t, d, path)
			outputs = append(outputs, string(body))
		}
	}
	assert.Contains(t, outputs[len(outputs)/2], "[redacted]", "the echoing upstream's message is shown with the token removed")
	logs := logger.String()
	assert.Contains(t, logs, "Fastly query failed", "the failures were logged")
	for _, out := range append(outputs, logs) {
		assert.False(t, strings.Contains(out, secretToken), "token found in: %.300s", out)
	}
}

// echoingFaults answer with status and a body that repeats the request's Fastly-Key: JSON errors, a proxy's HTML
// page (also with status 200), and a rate limit that is retried.
var echoingFaults = []struct {
	status      int
	contentType string
	body        string
}{
	{401, "application/json", `{"msg":"Provided credentials are missing or invalid","detail":"key %s"}`},
	{403, "application/problem+json", `{"title":"Forbidden","status":403,"detail":"key %s lacks access"}`},
	{429, "application/json", `{"msg":"Too many requests for %s"}`},
	{500, "application/vnd.api+json", `{"errors":[{"title":"Internal","detail":"key %s"}]}`},
	{502, "text/html", `<html><body>Fastly-Key: %s</body></html>`},
	{503, "text/plain", `upstream said Fastly-Key=%s`},
	{200, "text/html", `<html><body>Fastly-Key: %s</body></html>`},
	{200, "application/json", `{"status":"error","msg":"bad key %s"}`},
}

// echoingFaultServers start one fake Fastly per echoing fault and return their URLs.
func echoingFaultServers(t *testing.T) []string {
	t.Helper()
	var urls []string
	for _, fault := range echoingFaults {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", fault.contentType)
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(fault.status)
			_, _ = fmt.Fprintf(w, fault.body, r.Header.Get("Fastly-Key"))
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	return urls
}

func TestTokenNeverLeavesThePluginOnAnyQueryTypeResourceOrUpstreamError(t *testing.T) {
	logger := recordLogs(t)

	serviceID := simulator.New(simulator.Config{}).Services()[0].ID
	var outputs []string
	for _, url := range echoingFaultServers(t) {
		d := newTestDatasource(t, url, secretToken)
		outputs = append(outputs, checkHealth(t, d).Message, leakProbe(t, d, serviceID))
	}
	logs := logger.String()
	for _, out := range append(outputs, logs) {
		assert.False(t, strings.Contains(out, secretToken), "token found in: %.300s", out)
	}
	assert.Contains(t, strings.Join(outputs, "\n"), "[redacted]", "the echoed token was redacted, not dropped by luck")
}

// leakProbe runs one query of every registered type and calls every resource, returning all output as text.
func leakProbe(t *testing.T, d *Datasource, serviceID string) string {
	t.Helper()
	from := testNow.Add(-time.Hour)
	model := map[string]any{"services": []string{serviceID}, "metrics": []string{"requests"}, "usageBy": "service"}
	var queries []backend.DataQuery
	for i, qt := range d.queryTypes() {
		queries = append(queries, dataQuery(fmt.Sprintf("Q%d", i), qt, model, from, testNow))
	}
	raw, err := json.Marshal(runQueries(t, d, queries...))
	require.NoError(t, err)
	out := []string{string(raw)}
	for _, path := range []string{"services", "metrics", "metrics?queryType=stats", "regions", "datacenters",
		"origins?service=" + serviceID, "domains?service=" + serviceID, "event-types", "log-visualizations", "log-fields", "metrics?queryType=logMetrics", "nope"} {
		_, body := callResource(t, d, path)
		out = append(out, string(body))
	}
	return strings.Join(out, "\n")
}
