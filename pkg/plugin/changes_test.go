package plugin

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var eventFields = []string{"time", "title", "text", "tags"}

func TestEventsQueryDefaultsToActivationsAndPurges(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 3}, f)
	www := sim.Services()[0]
	f.events = []fakeEvent{
		{ID: "p1", Type: "service.purge_all", Service: www.ID, User: "user9", At: testNow.Add(-30 * time.Minute), Description: "Purged all objects"},
		{ID: "a1", Type: "version.activate", Service: www.ID, User: "user9", At: testNow.Add(-40 * time.Minute), Description: "Version '12' was activated"},
		{ID: "v1", Type: "vcl.update", Service: www.ID, At: testNow.Add(-35 * time.Minute), Description: "VCL main was updated"},
	}
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "events", map[string]any{"services": []string{www.ID}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 1)
	assert.Equal(t, "events", res.Frames[0].Name)
	assert.Equal(t, []annotationRow{
		{testNow.Add(-40 * time.Minute), "Version activated: " + www.Name, "Version '12' was activated (by user user9)", "version.activate," + www.Name},
		{testNow.Add(-30 * time.Minute), "Purge all: " + www.Name, "Purged all objects (by user user9)", "service.purge_all," + www.Name},
	}, annotationRows(t, res.Frames[0], eventFields...))
	var types []string
	for _, c := range f.calls() {
		q := callParams(t, c)
		types = append(types, q.Get("filter[event_type]"))
		assert.Equal(t, www.ID, q.Get("filter[service_id]"))
	}
	assert.ElementsMatch(t, []string{"version.activate", "service.purge_all"}, types)

	res = runQueries(t, d, dataQuery("A", "events", map[string]any{"eventTypes": []string{"vcl.update"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, []annotationRow{{testNow.Add(-35 * time.Minute), "VCL updated: " + www.Name, "VCL main was updated", "vcl.update," + www.Name}},
		annotationRows(t, res.Frames[0], eventFields...))
}

func TestUnknownEventTypeOrStatusFailsBeforeAnyCall(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{}, f)
	d := newTestDatasource(t, srv.URL, simToken)
	resp := runQueries(t, d,
		dataQuery("A", "events", map[string]any{"eventTypes": []string{"service.purge_all", "service.purge"}}, testNow.Add(-time.Hour), testNow),
		dataQuery("B", "alerts", map[string]any{"status": "firing"}, testNow.Add(-time.Hour), testNow),
		dataQuery("C", "events", map[string]any{"eventTypes": "version.activate"}, testNow.Add(-time.Hour), testNow),
	)
	assertQueryError(t, resp.Responses["A"], backend.StatusBadRequest, backend.ErrorSourcePlugin, `unknown event type "service.purge"`)
	assertQueryError(t, resp.Responses["B"], backend.StatusBadRequest, backend.ErrorSourcePlugin, `unknown alert status "firing"`)
	assertQueryError(t, resp.Responses["C"], backend.StatusBadRequest, backend.ErrorSourcePlugin, "not valid JSON for an events query")
	assert.Empty(t, f.calls())
	assert.Empty(t, sim.Requests(), "not even the services list is read")
}

func TestEventsWithAClosedEventLogIsAnError(t *testing.T) {
	f := &fakeChanges{eventsStatus: []int{403, 403}}
	_, srv := newChangesSim(t, simulator.Config{}, f)
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "events", map[string]any{"eventTypes": []string{"service.purge_all"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, backend.StatusForbidden, backend.ErrorSourceDownstream, "This token may not read the event log")
}

func TestAlertsQueryIsRegions(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 3}, f)
	www, api := sim.Services()[0], sim.Services()[1]
	f.alerts = []fakeAlert{
		{ID: "h1", Service: www.ID, Name: "5xx spike", Status: "resolved", Metric: "status_5xx", Start: testNow.Add(-50 * time.Minute), End: testNow.Add(-35 * time.Minute)},
		{ID: "h2", Service: api.ID, Name: "Origin latency", Status: "active", Metric: "origin_latency", Start: testNow.Add(-10 * time.Minute)},
	}
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "alerts", map[string]any{"services": []string{}, "status": ""}, testNow.Add(-time.Hour), testNow.Add(time.Hour))).Responses["A"]
	require.NoError(t, res.Error)
	frame := res.Frames[0]
	assert.Equal(t, "alerts", frame.Name)
	assert.Equal(t, []annotationRow{
		{testNow.Add(-50 * time.Minute), "5xx spike", "status_5xx from stats above 50 for 5m", "resolved," + www.Name},
		{testNow.Add(-10 * time.Minute), "Origin latency", "origin_latency from stats above 50 for 5m", "active," + api.Name},
	}, annotationRows(t, frame, "time", "timeEnd", "title", "text", "tags"))
	assert.Equal(t, testNow.Add(-35*time.Minute), frame.Fields[1].At(0))
	assert.Equal(t, testNow, frame.Fields[1].At(1), "an active alert ends now, not at the range's future end")
	calls := f.calls()
	require.Len(t, calls, 1)
	q := callParams(t, calls[0])
	assert.Equal(t, "", q.Get("service_id"))
	assert.Equal(t, "start", q.Get("sort"))

	res = runQueries(t, d, dataQuery("A", "alerts", map[string]any{"services": []string{www.ID}, "status": "active"}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, 0, res.Frames[0].Rows(), "www has no active alert")
	q = callParams(t, f.calls()[1])
	assert.Equal(t, www.ID, q.Get("service_id"))
	assert.Equal(t, "active", q.Get("status"))
}

func TestEventTypesResource(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	for _, token := range []string{simToken, ""} {
		d := newTestDatasource(t, srv.URL, token)
		status, body := callResource(t, d, "event-types")
		require.Equal(t, http.StatusOK, status, token)
		var got []query.EventType
		require.NoError(t, json.Unmarshal(body, &got))
		require.NotEmpty(t, got)
		assert.Equal(t, query.EventType{Value: "version.activate", Label: "Version activated",
			Description: "A service version went live: the moment a deploy takes effect"}, got[0])
		assert.Equal(t, query.EventTypes(), got)
	}
}

// simAlertHistory reads the simulator's own alert history of [from, to] (one page of 100).
func simAlertHistory(t *testing.T, srv string, from, to time.Time) []fakeAlert {
	t.Helper()
	q := url.Values{"after": {from.Format(time.RFC3339)}, "before": {to.Format(time.RFC3339)}, "limit": {"100"}, "sort": {"start"}}
	var doc struct {
		Data []struct {
			Status     string     `json:"status"`
			Start      time.Time  `json:"start"`
			End        *time.Time `json:"end"`
			Definition struct {
				Name string `json:"name"`
			} `json:"definition"`
		} `json:"data"`
		Meta struct {
			NextCursor string `json:"next_cursor"`
		} `json:"meta"`
	}
	getSimJSON(t, srv+"/alerts/history?"+q.Encode(), &doc)
	require.Empty(t, doc.Meta.NextCursor, "one page holds the simulator's alerts")
	var out []fakeAlert
	for _, d := range doc.Data {
		a := fakeAlert{Name: d.Definition.Name, Status: d.Status, Start: d.Start.UTC()}
		if d.End != nil {
			a.End = d.End.UTC()
		}
		out = append(out, a)
	}
	return out
}

// TestAlertsEqualTheSimulatorsHistory checks every alert region against the simulator's alert history: the same
// start, end (the range's end while active), name and status.
func TestAlertsEqualTheSimulatorsHistory(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	from, to := testNow.Add(-7*24*time.Hour), testNow
	history := simAlertHistory(t, srv.URL, from, to)
	require.NotEmpty(t, history)
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "alerts", map[string]any{}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	frame := res.Frames[0]
	rows := annotationRows(t, frame, "time", "timeEnd", "title", "text", "tags")
	require.Len(t, rows, len(history), "one region per firing")
	for i, row := range rows {
		h := history[i]
		end := h.End
		if h.Status == "active" {
			end = to
		}
		assert.Equal(t, h.Start, row.time)
		assert.Equal(t, end, frame.Fields[1].At(i), "region end")
		assert.Equal(t, h.Name, row.title)
		assert.True(t, strings.HasPrefix(row.tags, h.Status+","), row.tags)
	}
}
