package fastlyapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestClient(t *testing.T, h http.HandlerFunc) *Client {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := NewClient("secret-token", srv.URL, srv.Client())
	require.NoError(t, err)
	return c
}

func TestNewClientRejectsNonHTTPURLs(t *testing.T) {
	for _, u := range []string{"ftp://api.fastly.com", "api.fastly.com", "https://", "::"} {
		_, err := NewClient("t", u, http.DefaultClient)
		assert.Error(t, err, u)
	}
}

func TestStatsRequestPathsAndParams(t *testing.T) {
	from, to := time.Unix(600, 0), time.Unix(1200, 0)
	cases := []struct {
		req  StatsRequest
		want string
	}{
		{StatsRequest{ServiceID: "abc", Field: "requests", From: from, To: to, By: "minute"}, "GET /stats/service/abc/field/requests?by=minute&from=600&to=1200"},
		{StatsRequest{ServiceID: "abc", From: from, To: to, By: "hour", Region: "europe"}, "GET /stats/service/abc?by=hour&from=600&region=europe&to=1200"},
		{StatsRequest{Field: "bandwidth", Services: []string{"a"}, From: from, To: to, By: "day"}, "GET /stats/field/bandwidth?by=day&from=600&to=1200"},
		{StatsRequest{Services: []string{"a", "b"}, From: from, To: to, By: "day"}, "GET /stats?by=day&from=600&services=a%2Cb&to=1200"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.req.String())
	}
}

func TestStatsSendsTokenHeaderAndDecodes(t *testing.T) {
	var gotKey, gotPath, gotQuery string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		gotKey, gotPath, gotQuery = r.Header.Get("Fastly-Key"), r.URL.Path, r.URL.RawQuery
		_, _ = w.Write([]byte(`{"data":[{"start_time":60,"requests":3}],"status":"success"}`))
	})
	res, err := c.Stats(context.Background(), StatsRequest{ServiceID: "abc", Field: "requests", Fields: []string{"requests"},
		From: time.Unix(0, 0), To: time.Unix(120, 0), By: "minute"})
	require.NoError(t, err)
	assert.Equal(t, "secret-token", gotKey)
	assert.Equal(t, "/stats/service/abc/field/requests", gotPath)
	assert.Equal(t, "by=minute&from=0&to=120", gotQuery)
	assert.Equal(t, [][]float64{{3}}, res.ByService["abc"].Values)
}

func TestErrorsCarryFastlysMessage(t *testing.T) {
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		want        string
	}{
		{"legacy", 404, "application/json", `{"msg":"Record not found","detail":"Couldn't find Service 'x'"}`, "Record not found: Couldn't find Service 'x'"},
		{"problem", 400, "application/problem+json", `{"title":"no product on service","status":400,"detail":""}`, "no product on service"},
		{"html from a proxy", 502, "text/html", `<html><body><h1>502 Bad Gateway</h1></body></html>`, "an HTML page instead of a Fastly API response"},
		{"empty body", 503, "text/plain", ``, "empty response body"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", tc.contentType)
				w.Header().Set("Fastly-RateLimit-Reset", "1700000000")
				w.WriteHeader(tc.status)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := c.Regions(context.Background())
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tc.want)
			require.NotNil(t, apiErr.RateLimitReset)
			assert.Equal(t, int64(1700000000), apiErr.RateLimitReset.Unix())
		})
	}
}

func TestTransportErrorNamesHost(t *testing.T) {
	c, err := NewClient("t", "http://127.0.0.1:1", http.DefaultClient)
	require.NoError(t, err)
	_, err = c.Regions(context.Background())
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "127.0.0.1:1", te.Host)
}

func TestServicesFollowsRecordedLinkPagination(t *testing.T) {
	srv := recorded.Server(t, "go-fastly-v16.0.1/services/list.yaml")
	c, err := NewClient("t", srv.URL, srv.Client())
	require.NoError(t, err)
	services, err := c.Services(context.Background())
	require.NoError(t, err)
	// 100 + 100 + 58 rows over three recorded pages; one service shifted onto two pages while recording.
	assert.Len(t, services, 257)
	ids := map[string]bool{}
	for _, s := range services {
		assert.False(t, ids[s.ID], "service %s listed twice", s.ID)
		ids[s.ID] = true
		assert.NotEmpty(t, s.Name)
	}
}

func TestRecordedTokenSelfAndDatacenters(t *testing.T) {
	tok := recorded.Server(t, "go-fastly-v16.0.1/tokens/get_self.yaml")
	c, err := NewClient("t", tok.URL, tok.Client())
	require.NoError(t, err)
	self, err := c.TokenSelf(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "TempTokenForGoFastlyTests", self.Name)
	assert.Nil(t, self.ExpiresAt)

	dcs := recorded.Server(t, "go-fastly-v16.0.1/datacenters/list.yaml")
	c, err = NewClient("t", dcs.URL, dcs.Client())
	require.NoError(t, err)
	list, err := c.POPs(context.Background())
	require.NoError(t, err)
	assert.Len(t, list, 89)
	assert.Equal(t, "AMS", list[0].Code)
	assert.InDelta(t, 52.308613, list[0].Coordinates.Latitude, 1e-9)
}

func TestNextPage(t *testing.T) {
	link := `<https://api.fastly.com/service?page=2&per_page=100>; rel="next", <https://api.fastly.com/service?page=3&per_page=100>; rel="last"`
	page, ok := nextPage(link)
	assert.True(t, ok)
	assert.Equal(t, 2, page)
	_, ok = nextPage(`<https://api.fastly.com/service?page=1>; rel="first"`)
	assert.False(t, ok)
}

func TestRejectsTokenIsOnly401And403(t *testing.T) {
	for status, want := range map[int]bool{401: true, 403: true, 400: false, 404: false, 429: false, 500: false} {
		assert.Equal(t, want, (&Error{StatusCode: status}).RejectsToken(), "status %d", status)
	}
}

func TestCallsKeepTheBaseURLsPathAndRepeatedParameters(t *testing.T) {
	var got *url.URL
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.URL
		assert.Equal(t, "secret-token", r.Header.Get("Fastly-Key"))
		_, _ = w.Write([]byte(`{"data":[]}`))
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient("secret-token", srv.URL+"/fastly-api/", srv.Client())
	require.NoError(t, err)
	_, err = c.LogAggregations(context.Background(), LogAggregationsRequest{ServiceID: "SVC", Series: []string{"a", "b"}})
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, "/fastly-api/observability/aggregations", got.Path)
	assert.Equal(t, []string{"a", "b"}, got.Query()["series"])
}
