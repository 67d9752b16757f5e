package simulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func inspectorGet(t *testing.T, sim *Simulator, path string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Fastly-Key", "tok")
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	body, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(body)
}

func TestEnablementAnswersLikeFastly(t *testing.T) {
	sim := New(Config{Token: "tok", Now: func() time.Time { return time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC) }})
	byName := map[string]string{}
	for _, s := range sim.Services() {
		byName[s.Name] = s.ID
	}
	code, body := inspectorGet(t, sim, "/enabled-products/v1/origin_inspector/services/"+byName["www.example.com"])
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"id":"origin_inspector"`)
	code, body = inspectorGet(t, sim, "/enabled-products/v1/domain_inspector/services/"+byName["shop.example.com"])
	assert.Equal(t, http.StatusBadRequest, code)
	assert.JSONEq(t, `{"type":"","title":"no product on service","status":400,"errors":null,"detail":""}`, body)
}

func TestInspectorMetricsArePagedAndSparse(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	sim := New(Config{Token: "tok", Now: func() time.Time { return now }})
	id := sim.Services()[0].ID
	path := "/metrics/origins/services/" + id + "?start=" + unix(now.Add(-3*time.Hour)) + "&end=" + unix(now) +
		"&downsample=hour&metric=responses,status_5xx,compute_responses&group_by=host,datacenter&limit=40"
	var seen, pages int
	cursor := ""
	for {
		code, body := inspectorGet(t, sim, path+"&cursor="+cursor)
		require.Equal(t, http.StatusOK, code, body)
		var page struct {
			Data []struct {
				Dimensions map[string]string  `json:"dimensions"`
				Values     []map[string]int64 `json:"values"`
			} `json:"data"`
			Meta struct {
				NextCursor string `json:"next_cursor"`
				Limit      int    `json:"limit"`
			} `json:"meta"`
		}
		require.NoError(t, json.Unmarshal([]byte(body), &page))
		assert.LessOrEqual(t, len(page.Data), 40)
		for _, s := range page.Data {
			assert.Len(t, s.Dimensions, 2)
			for _, rec := range s.Values {
				assert.NotContains(t, rec, "compute_responses", "a delivery service has no compute traffic: the key is left out")
				for k, v := range rec {
					assert.NotZero(t, v, k)
				}
			}
		}
		seen += len(page.Data)
		pages++
		if cursor = page.Meta.NextCursor; cursor == "" {
			break
		}
	}
	assert.Greater(t, pages, 1)
	assert.Equal(t, len(sim.inspectorSeries(inspectorQuery{product: productOrigins, service: 0, start: now.Add(-3 * time.Hour).Unix(),
		end: now.Unix(), g: granularities["hour"], metrics: []string{"responses"}, groupBy: []string{"host", "datacenter"},
		filters: map[string]map[string]bool{}, now: now.Unix()})), seen)
	assert.True(t, strings.HasPrefix(sim.InspectorNames("domain_inspector", id)[0], "www."))
}

func unix(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) }
