package plugin

import (
	"encoding/json"
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
	logger := newRecordingLogger()
	previous := backend.Logger
	backend.Logger = logger
	t.Cleanup(func() { backend.Logger = previous })

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
