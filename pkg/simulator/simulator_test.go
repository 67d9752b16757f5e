package simulator

import (
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthRejectsMissingAndWrongKeys(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for _, token := range []string{"", "wrong-token"} {
		resp, body := request(t, http.MethodGet, srv.URL+"/service", token)
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		assert.JSONEq(t, `{"msg":"Provided credentials are missing or invalid","detail":""}`, string(body))
	}
}

func TestTokenSelfRejectsUnknownTokenWith403(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	resp, body := request(t, http.MethodGet, srv.URL+"/tokens/self", "wrong-token")
	assert.Equal(t, http.StatusForbidden, resp.StatusCode)
	assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"msg":"Provided credentials are missing or invalid"}`, string(body))
}

func TestExpiredTokenIsRejected(t *testing.T) {
	expired := testNow.Add(-time.Hour)
	_, srv := newTestSimulator(t, Config{TokenExpiresAt: &expired})

	resp, body := get(t, srv, "/tokens/self")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	assert.JSONEq(t, `{"msg":"Token expired"}`, string(body))

	resp, _ = get(t, srv, "/service")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestTokenSelfDescribesAReadOnlyToken(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	var token map[string]any
	getJSON(t, srv, "/tokens/self", &token)
	assert.Equal(t, "Grafana read-only (simulator)", token["name"])
	assert.Equal(t, []any{"global:read"}, token["scopes"])
	assert.Equal(t, "global:read", token["scope"])
	assert.Equal(t, []any{}, token["services"])
	assert.Nil(t, token["expires_at"])
	assert.Nil(t, token["service_id"])
	assert.Equal(t, "2024-03-12T15:54:42Z", token["last_used_at"])
	for _, key := range []string{"id", "user_id", "customer_id"} {
		assert.Regexp(t, fastlyIDPattern, token[key])
	}
}

func TestTokenSelfServesAFutureExpiry(t *testing.T) {
	expires := testNow.Add(30 * 24 * time.Hour)
	_, srv := newTestSimulator(t, Config{TokenExpiresAt: &expires})
	var token map[string]any
	getJSON(t, srv, "/tokens/self", &token)
	assert.Equal(t, "2024-04-11T15:54:42Z", token["expires_at"])
}

func TestCustomTokenIsTheOnlyOneAccepted(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Token: "custom"})
	resp, _ := request(t, http.MethodGet, srv.URL+"/datacenters", "custom")
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	resp, _ = request(t, http.MethodGet, srv.URL+"/datacenters", testToken)
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestOnlyGetAndHeadAreAllowed(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		resp, body := request(t, method, srv.URL+"/service", testToken)
		assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode, method)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		assert.Contains(t, string(body), `"msg"`)
	}
	resp, body := request(t, http.MethodHead, srv.URL+"/service", testToken)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Empty(t, body)
}

func TestUnknownPathIs404(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for _, path := range []string{"/nope", "/stats/service/", "/service/abc/extra"} {
		resp, body := get(t, srv, path)
		assert.Equal(t, http.StatusNotFound, resp.StatusCode, path)
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		assert.JSONEq(t, `{"msg":"Record not found","detail":"Unknown path"}`, string(body), path)
	}
}

var fastlyIDPattern = regexp.MustCompile(`^[0-9A-Za-z]{22}$`)

func TestServicesHaveFastlyShapedIDsAndTheDefaultNames(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{})
	var names []string
	for _, svc := range sim.Services() {
		assert.Regexp(t, fastlyIDPattern, svc.ID)
		names = append(names, svc.Name)
		wantType := "vcl"
		if svc.Name == "api.example.com" {
			wantType = "wasm"
		}
		assert.Equal(t, wantType, svc.Type, svc.Name)
	}
	assert.Equal(t, []string{"www.example.com", "api.example.com", "static.example.com", "shop.example.com",
		"img.example.com", "quiet.example.com"}, names)
}

func TestMoreServicesGetGeneratedNamesAndDistinctIDs(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{ServiceCount: 40})
	services := sim.Services()
	require.Len(t, services, 40)
	assert.Equal(t, "site-40.example.com", services[39].Name)
	ids := map[string]bool{}
	for _, svc := range services {
		ids[svc.ID] = true
	}
	assert.Len(t, ids, 40)
}

func TestSameConfigServesTheSameData(t *testing.T) {
	_, first := newTestSimulator(t, Config{})
	_, second := newTestSimulator(t, Config{})
	from, to := testNow.Add(-2*time.Hour), testNow
	for _, path := range []string{
		"/service?per_page=3",
		"/datacenters",
		statsPath("/stats", "minute", from, to),
		statsPath("/stats/aggregate", "hour", from.Add(-24*time.Hour), to, "region", "europe"),
	} {
		_, a := get(t, first, path)
		_, b := get(t, second, path)
		assert.Equal(t, string(a), string(b), path)
	}
}

func TestRequestsRecordsEveryCallWithSortedQuery(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	svc := sim.Services()[0]
	request(t, http.MethodGet, srv.URL+"/stats/service/"+svc.ID+"?to=20&from=10&by=minute", testToken)
	request(t, http.MethodGet, srv.URL+"/tokens/self", "bad-token")
	request(t, http.MethodPost, srv.URL+"/service", testToken)
	request(t, http.MethodGet, srv.URL+"/stats?services=b,a&by=day&from=1&to=2", testToken)

	assert.Equal(t, []string{
		"GET /stats/service/" + svc.ID + "?by=minute&from=10&to=20",
		"GET /tokens/self",
		"POST /service",
		"GET /stats?by=day&from=1&services=b%2Ca&to=2",
	}, sim.Requests())

	sim.ResetRequests()
	assert.Empty(t, sim.Requests())
}
