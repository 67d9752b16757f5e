package simulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func getAlerts(t *testing.T, srv *httptest.Server, q url.Values) alertHistoryResponse {
	t.Helper()
	var page alertHistoryResponse
	getJSON(t, srv, "/alerts/history?"+q.Encode(), &page)
	return page
}

// allAlerts follows meta.next_cursor from the first page of q.
func allAlerts(t *testing.T, srv *httptest.Server, q url.Values) []alertHistoryJSON {
	t.Helper()
	var entries []alertHistoryJSON
	for pages := 0; ; pages++ {
		require.Less(t, pages, 1000, "next_cursor never ends")
		page := getAlerts(t, srv, q)
		entries = append(entries, page.Data...)
		if page.Meta.NextCursor == "" {
			return entries
		}
		q.Set("cursor", page.Meta.NextCursor)
	}
}

func alertSpan(t *testing.T, e alertHistoryJSON) (start, end time.Time) {
	t.Helper()
	start, err := time.Parse(time.RFC3339, e.Start)
	require.NoError(t, err)
	require.NotNil(t, e.End, "%s is resolved", e.ID)
	end, err = time.Parse(time.RFC3339, *e.End)
	require.NoError(t, err)
	return start, end
}

func TestAlertHistoryHasTheRecordedShape(t *testing.T) {
	recordedDefinitions := recorded.Body(t, "go-fastly-main-5141097/alerts/list_alert_definitions.yaml")
	recordedHistory := recorded.Body(t, "go-fastly-main-5141097/alerts/list_alert_history.yaml")
	_, srv := newTestSimulator(t, Config{})
	resp, body := get(t, srv, "/alerts/history?limit=1")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))

	var want, got struct {
		Data []struct {
			Definition json.RawMessage `json:"definition"`
		} `json:"data"`
		Meta json.RawMessage `json:"meta"`
	}
	require.NoError(t, json.Unmarshal(recordedDefinitions, &want))
	require.NoError(t, json.Unmarshal(body, &got))
	require.Len(t, got.Data, 1)
	assert.Equal(t, memberNames(t, recordedDefinitions), memberNames(t, body))
	assert.Equal(t, memberNames(t, want.Meta), memberNames(t, got.Meta))
	var recordedDefinition struct {
		Data []json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(recordedDefinitions, &recordedDefinition))
	assert.Equal(t, memberNames(t, recordedDefinition.Data[0]), memberNames(t, got.Data[0].Definition))

	var entry map[string]json.RawMessage
	var page struct {
		Data []json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(body, &page))
	require.NoError(t, json.Unmarshal(page.Data[0], &entry))
	assert.Equal(t, []string{"definition", "definition_id", "end", "id", "object", "start", "status"}, memberNames(t, page.Data[0]))
	assert.JSONEq(t, `{"data":[],"meta":{"next_cursor":"","limit":10,"sort":"-start","total":0}}`, string(recordedHistory))
}

// TestAlertsFireOverTheSimulatedIncidents: while an alert is resolved-listed, the service's 5xx share is above the
// definition's threshold; in the 20 minutes before and after it, below.
func TestAlertsFireOverTheSimulatedIncidents(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	checked := 0
	for _, name := range []string{"www.example.com", "api.example.com", "static.example.com", "shop.example.com", "img.example.com"} {
		svc := serviceNamed(t, sim, name)
		requests, errors := "requests", "status_5xx"
		if svc.Type == "wasm" {
			requests, errors = "compute_requests", "compute_resp_status_5xx"
		}
		share := func(from, to time.Time) float64 {
			var n, e float64
			for m := from; m.Before(to); m = m.Add(time.Minute) {
				n += valueOrZero(sim, svc.ID, requests, "", "minute", m)
				e += valueOrZero(sim, svc.ID, errors, "", "minute", m)
			}
			require.Positive(t, n, "%s has traffic from %s", name, from)
			return 100 * e / n
		}
		entries := allAlerts(t, srv, url.Values{"service_id": {svc.ID}, "after": {formatTime(testNow.Add(-30 * 24 * time.Hour))}, "status": {"resolved"}})
		for _, e := range entries {
			start, end := alertSpan(t, e)
			threshold := e.Definition.EvaluationStrategy.Threshold
			assert.Equal(t, svc.ID, e.Definition.ServiceID)
			assert.Equal(t, "resolved", e.Status)
			assert.Greater(t, share(start, end), threshold, "%s %s–%s", name, start, end)
			assert.Less(t, share(start.Add(-20*time.Minute), start), threshold, "%s before %s", name, start)
			assert.Less(t, share(end, end.Add(20*time.Minute)), threshold, "%s after %s", name, end)
			checked++
		}
	}
	assert.GreaterOrEqual(t, checked, 5, "about one incident a week for each service")
}

// incidentInProgress finds the first incident of service i after from, and a clock inside it.
func incidentInProgress(t *testing.T, sim *Simulator, i int, from time.Time) time.Time {
	t.Helper()
	p := &sim.model.profiles[i]
	for w := from.Unix() / incidentLength; w < from.Unix()/incidentLength+100_000; w++ {
		if _, ok := incidentRate(p, w); ok {
			return time.Unix(w*incidentLength+7*secondsPerMinute, 0).UTC()
		}
	}
	t.Fatal("no incident found")
	return time.Time{}
}

func TestAnAlertIsActiveDuringItsIncidentAndFiltersByStatus(t *testing.T) {
	probe := New(Config{Now: func() time.Time { return testNow }})
	during := incidentInProgress(t, probe, 0, testNow)
	sim, srv := newTestSimulator(t, Config{Now: func() time.Time { return during }})
	www := sim.Services()[0].ID

	active := allAlerts(t, srv, url.Values{"status": {"active"}, "service_id": {www}})
	require.Len(t, active, 1)
	assert.Equal(t, "active", active[0].Status)
	assert.Nil(t, active[0].End, "an active alert has no end yet")
	started, err := time.Parse(time.RFC3339, active[0].Start)
	require.NoError(t, err)
	assert.Equal(t, during.Add(-7*time.Minute), started)

	resolved := allAlerts(t, srv, url.Values{"status": {"resolved"}, "service_id": {www}})
	all := allAlerts(t, srv, url.Values{"service_id": {www}})
	assert.Len(t, all, len(resolved)+1)
	for _, e := range resolved {
		assert.Equal(t, "resolved", e.Status)
		assert.NotNil(t, e.End)
	}

	later := New(Config{Now: func() time.Time { return during.Add(time.Hour) }})
	page := serveOK(t, later, "/alerts/history?status=active&service_id="+www).Body.String()
	assert.Contains(t, page, `"data":[]`, "an hour later the incident is over and the alert resolved")
}

func TestAlertHistoryCursorVisitsEveryEntryOnceInStartOrder(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	q := url.Values{"after": {formatTime(testNow.Add(-120 * 24 * time.Hour))}, "limit": {"3"}}
	walked := allAlerts(t, srv, q)
	whole := getAlerts(t, srv, url.Values{"after": q["after"], "limit": {"100"}})
	require.Greater(t, len(walked), 6, "several pages of 3")
	assert.Equal(t, whole.Data, walked)
	assert.Equal(t, len(walked), whole.Meta.Total)
	assert.Equal(t, "-start", whole.Meta.Sort)
	for i := 1; i < len(walked); i++ {
		assert.GreaterOrEqual(t, walked[i-1].Start, walked[i].Start, "newest first by default")
	}

	oldest := allAlerts(t, srv, url.Values{"after": q["after"], "sort": {"start"}})
	require.Len(t, oldest, len(walked))
	assert.Equal(t, walked[0], oldest[len(oldest)-1])
}

func TestAlertHistoryFiltersByTimeServiceAndDefinition(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	after, before := testNow.Add(-200*24*time.Hour), testNow.Add(-100*24*time.Hour)
	entries := allAlerts(t, srv, url.Values{"after": {formatTime(after)}, "before": {formatTime(before)}})
	require.NotEmpty(t, entries)
	services := map[string]bool{}
	for _, e := range entries {
		start, end := alertSpan(t, e)
		assert.False(t, end.Before(after) || start.After(before), "%s–%s outside the range", start, end)
		services[e.Definition.ServiceID] = true
	}
	assert.Greater(t, len(services), 1)

	shop := serviceNamed(t, sim, "shop.example.com").ID
	byService := allAlerts(t, srv, url.Values{"after": {formatTime(after)}, "before": {formatTime(before)}, "service_id": {shop}})
	require.NotEmpty(t, byService)
	for _, e := range byService {
		assert.Equal(t, shop, e.Definition.ServiceID)
		assert.Equal(t, "High 5xx rate on shop.example.com", e.Definition.Name)
	}
	byDefinition := allAlerts(t, srv, url.Values{"after": {formatTime(after)}, "before": {formatTime(before)}, "definition_id": {byService[0].DefinitionID}})
	assert.Equal(t, byService, byDefinition)
}

func TestAlertHistoryRejectsBadParametersNamingThem(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for param, value := range map[string]string{"status": "firing", "sort": "end", "after": "today", "cursor": "bm9wZQ", "limit": "0"} {
		resp, body := get(t, srv, "/alerts/history?"+url.Values{param: {value}}.Encode())
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, param)
		assert.Equal(t, "application/problem+json", resp.Header.Get("Content-Type"))
		var p problem
		decodeJSON(t, body, &p)
		assert.Contains(t, p.Detail, param)
		assert.Equal(t, http.StatusBadRequest, p.Status)
	}
}
