package simulator

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testNow is the pinned clock of most tests: the moment the real aggregate recording was made.
var testNow = time.Date(2024, 3, 12, 15, 54, 42, 0, time.UTC)

const testToken = "sim-token"

type row = map[string]any

func newTestSimulator(t *testing.T, cfg Config) (*Simulator, *httptest.Server) {
	t.Helper()
	if cfg.Now == nil {
		cfg.Now = func() time.Time { return testNow }
	}
	sim := New(cfg)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	return sim, srv
}

func serviceNamed(t *testing.T, sim *Simulator, name string) Service {
	t.Helper()
	for _, svc := range sim.Services() {
		if svc.Name == name {
			return svc
		}
	}
	t.Fatalf("no service named %s", name)
	return Service{}
}

func request(t *testing.T, method, rawURL, token string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, nil)
	require.NoError(t, err)
	if token != "" {
		req.Header.Set("Fastly-Key", token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}

func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, []byte) {
	t.Helper()
	return request(t, http.MethodGet, srv.URL+path, testToken)
}

// getJSON fetches path and decodes its 200 body into v, keeping numbers as json.Number.
func getJSON(t *testing.T, srv *httptest.Server, path string, v any) {
	t.Helper()
	resp, body := get(t, srv, path)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	decodeJSON(t, body, v)
}

func decodeJSON(t *testing.T, body []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	require.NoError(t, dec.Decode(v), string(body))
}

// statsEnvelope is a decoded historical stats response.
type statsEnvelope[T any] struct {
	Data   T                 `json:"data"`
	Meta   map[string]string `json:"meta"`
	Status string            `json:"status"`
	Msg    *string           `json:"msg"`
}

func statsPath(path, by string, from, to time.Time, extra ...string) string {
	q := url.Values{}
	q.Set("by", by)
	q.Set("from", strconv.FormatInt(from.Unix(), 10))
	q.Set("to", strconv.FormatInt(to.Unix(), 10))
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return path + "?" + q.Encode()
}

func serviceRows(t *testing.T, srv *httptest.Server, path string) []row {
	t.Helper()
	var env statsEnvelope[[]row]
	getJSON(t, srv, path, &env)
	require.Equal(t, "success", env.Status)
	return env.Data
}

func number(t *testing.T, r row, key string) float64 {
	t.Helper()
	n, ok := r[key].(json.Number)
	require.True(t, ok, "%s is %v, not a number", key, r[key])
	v, err := n.Float64()
	require.NoError(t, err)
	return v
}

func integer(t *testing.T, r row, key string) int64 {
	t.Helper()
	n, ok := r[key].(json.Number)
	require.True(t, ok, "%s is %v, not a number", key, r[key])
	v, err := n.Int64()
	require.NoError(t, err, "%s must be a JSON integer", key)
	return v
}

func startTime(t *testing.T, r row) time.Time {
	t.Helper()
	return time.Unix(integer(t, r, "start_time"), 0).UTC()
}

// integerFields lists the served fields whose values are counters.
func integerFields() []string {
	var names []string
	for _, f := range fields {
		if f.kind == integerField {
			names = append(names, f.name)
		}
	}
	return names
}

func mustValue(t *testing.T, sim *Simulator, serviceID, field, region, by string, start time.Time) float64 {
	t.Helper()
	v, ok := sim.Value(serviceID, field, region, by, start)
	require.True(t, ok, "%s %s %s %s %s has no value", serviceID, field, region, by, start)
	return v
}

// valueOrZero is the ground truth with absent buckets counted as zero.
func valueOrZero(sim *Simulator, serviceID, field, region, by string, start time.Time) float64 {
	v, _ := sim.Value(serviceID, field, region, by, start)
	return v
}

// serveOK serves one authorised GET of path in process and fails unless it answers 200.
func serveOK(tb testing.TB, sim *Simulator, path string) *httptest.ResponseRecorder {
	tb.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Fastly-Key", defaultToken)
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		tb.Fatal(w.Code, w.Body.String())
	}
	return w
}
