package plugin

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func checkHealth(t *testing.T, d *Datasource) *backend.CheckHealthResult {
	t.Helper()
	res, err := d.CheckHealth(context.Background(), &backend.CheckHealthRequest{})
	require.NoError(t, err)
	return res
}

func TestHealthReportsTokenAndServices(t *testing.T) {
	expires := testNow.Add(90 * 24 * time.Hour)
	_, srv := newSim(t, simulator.Config{TokenExpiresAt: &expires})
	res := checkHealth(t, newTestDatasource(t, srv.URL, simToken))
	assert.Equal(t, backend.HealthStatusOk, res.Status)
	assert.Contains(t, res.Message, `Token "Grafana read-only (simulator)" is valid (scope global:read)`)
	assert.Contains(t, res.Message, "expires 2027-02-24 12:00 UTC (in 90 days)")
	assert.Contains(t, res.Message, "It can see 6 services.")
	assert.NotContains(t, res.Message, "EXPIRES SOON")
}

func TestHealthWarnsBeforeExpiry(t *testing.T) {
	expires := testNow.Add(3 * 24 * time.Hour)
	_, srv := newSim(t, simulator.Config{TokenExpiresAt: &expires})
	res := checkHealth(t, newTestDatasource(t, srv.URL, simToken))
	assert.Equal(t, backend.HealthStatusOk, res.Status)
	assert.Contains(t, res.Message, "EXPIRES SOON: 2026-11-29 12:00 UTC (in 3 days)")
}

func TestHealthFailures(t *testing.T) {
	expired := testNow.Add(-time.Hour)
	_, expiredSrv := newSim(t, simulator.Config{TokenExpiresAt: &expired})
	_, srv := newSim(t, simulator.Config{})
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"msg":"Internal Server Error","detail":"database unavailable"}`))
	}))
	t.Cleanup(failing.Close)

	cases := []struct {
		name string
		d    *Datasource
		want string
	}{
		{"no token", newTestDatasource(t, srv.URL, ""), "no Fastly API token is configured"},
		{"invalid token", newTestDatasource(t, srv.URL, "not-the-token-xyz"), "Fastly rejected the API token (403 Forbidden"},
		{"expired token", newTestDatasource(t, expiredSrv.URL, simToken), "Fastly rejected the API token (401 Unauthorized: Token expired). It is invalid or has expired"},
		{"unexpected status", newTestDatasource(t, failing.URL, simToken), "Fastly answered an unexpected 500 Internal Server Error to /tokens/self: Internal Server Error: database unavailable"},
		{"connection refused", newTestDatasource(t, "http://127.0.0.1:1", simToken), "Could not reach Fastly at 127.0.0.1:1"},
		{"DNS failure", newTestDatasourceWithClient(t, "https://api.fastly.example", simToken, dnsFailingClient()), "Could not resolve the Fastly host api.fastly.example (no such host)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := checkHealth(t, c.d)
			assert.Equal(t, backend.HealthStatusError, res.Status)
			assert.Contains(t, res.Message, c.want)
			assert.NotContains(t, res.Message, simToken)
			assert.NotContains(t, res.Message, "not-the-token-xyz")
		})
	}
}

// dnsFailingClient fails every dial the way a resolver does for an unknown host.
func dnsFailingClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: func(_ context.Context, _, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}}
	}}}
}
