package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/require"
)

const simToken = "sim-token-0123456789"

var testNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// newSim starts a simulator with the test clock.
func newSim(t *testing.T, cfg simulator.Config) (*simulator.Simulator, *httptest.Server) {
	t.Helper()
	if cfg.Token == "" {
		cfg.Token = simToken
	}
	cfg.Now = fixedNow
	sim := simulator.New(cfg)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv
}

// newTestDatasource builds a datasource through the instance factory's settings parsing, with the test clock.
func newTestDatasource(t *testing.T, apiURL, token string) *Datasource {
	t.Helper()
	return newTestDatasourceWithClient(t, apiURL, token, &http.Client{Timeout: time.Minute}) // generous: a loaded machine is slow, never wrong
}

func newTestDatasourceWithClient(t *testing.T, apiURL, token string, client *http.Client) *Datasource {
	t.Helper()
	settings, err := LoadSettings(instanceSettings(apiURL, token))
	require.NoError(t, err)
	d, err := newDatasource(settings, client, fixedNow)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	return d
}

func instanceSettings(apiURL, token string) backend.DataSourceInstanceSettings {
	jsonData, _ := json.Marshal(map[string]string{"apiUrl": apiURL, "realtimeUrl": apiURL})
	secure := map[string]string{}
	if token != "" {
		secure["apiToken"] = token
	}
	return backend.DataSourceInstanceSettings{ID: 1, UID: "fastly", Name: "Fastly", JSONData: jsonData, DecryptedSecureJSONData: secure}
}

// dataQuery builds a query over [from, to) the way Grafana sends it.
func dataQuery(refID, queryType string, model any, from, to time.Time) backend.DataQuery {
	raw, _ := json.Marshal(model)
	return backend.DataQuery{
		RefID: refID, QueryType: queryType, JSON: raw,
		TimeRange: backend.TimeRange{From: from, To: to}, Interval: time.Second, MaxDataPoints: 1000,
	}
}

func runQueries(t *testing.T, d *Datasource, queries ...backend.DataQuery) *backend.QueryDataResponse {
	t.Helper()
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: queries})
	require.NoError(t, err)
	return resp
}

// callResource performs a GET resource call and returns status and body.
func callResource(t *testing.T, d *Datasource, path string) (int, []byte) {
	t.Helper()
	var got *backend.CallResourceResponse
	resourcePath, _, _ := strings.Cut(path, "?")
	err := d.CallResource(context.Background(), &backend.CallResourceRequest{Method: http.MethodGet, Path: resourcePath, URL: path},
		backend.CallResourceResponseSenderFunc(func(r *backend.CallResourceResponse) error {
			got = r
			return nil
		}))
	require.NoError(t, err)
	require.NotNil(t, got)
	return got.Status, got.Body
}

// getSimJSON reads one answer of the simulator at url with the simulator's token and decodes it into doc.
func getSimJSON(t *testing.T, url string, doc any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Fastly-Key", simToken)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode, url)
	require.NoError(t, json.NewDecoder(resp.Body).Decode(doc))
}
