package plugin

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type annotationRow struct {
	time              time.Time
	title, text, tags string
}

// expectedDeploys is the ground truth of the fallback from the simulator's /service list: active or deployed
// versions updated in [from, to], sorted by time.
func expectedDeploys(t *testing.T, items []simServiceItem, ids map[string]bool, from, to time.Time) []annotationRow {
	t.Helper()
	var rows []annotationRow
	for _, item := range items {
		if len(ids) > 0 && !ids[item.ID] {
			continue
		}
		for _, v := range item.Versions {
			updated, err := time.Parse(time.RFC3339, v.UpdatedAt)
			require.NoError(t, err)
			if (v.Active || v.Deployed) && !updated.Before(from) && !updated.After(to) {
				text := v.Comment
				if text == "" {
					text = "(no comment)"
				}
				rows = append(rows, annotationRow{updated.UTC(), item.Name + " v" + itoa(v.Number) + " activated", text, item.Name + "," + item.ID})
			}
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].time.Before(rows[j].time) })
	return rows
}

func itoa(n int) string { return strconv.Itoa(n) }

// annotationRows reads an annotation frame with the given fields after time (timeEnd is not compared here).
func annotationRows(t *testing.T, f *data.Frame, fields ...string) []annotationRow {
	t.Helper()
	var names []string
	for _, field := range f.Fields {
		names = append(names, field.Name)
	}
	require.Equal(t, fields, names)
	assert.Equal(t, data.FieldTypeTime, f.Fields[0].Type())
	title, text, tags := indexOf(names, "title"), indexOf(names, "text"), indexOf(names, "tags")
	var rows []annotationRow
	for i := 0; i < f.Rows(); i++ {
		ts := f.Fields[0].At(i).(time.Time)
		assert.Equal(t, time.UTC, ts.Location())
		rows = append(rows, annotationRow{ts, f.Fields[title].At(i).(string), f.Fields[text].At(i).(string), f.Fields[tags].At(i).(string)})
	}
	return rows
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}

var deployFields = []string{"time", "title", "text", "tags", "version"}

// deployVersions is the version column of a deploys frame (0 for null).
func deployVersions(f *data.Frame) []int64 {
	var out []int64
	for i := 0; i < f.Rows(); i++ {
		v, _ := f.Fields[4].ConcreteAt(i)
		n, _ := v.(int64)
		out = append(out, n)
	}
	return out
}

func TestVersionsAreActivationEventsAtTheirSecond(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 7}, f)
	www, shop := sim.Services()[0], sim.Services()[5]
	at := testNow.Add(-3*time.Hour + 17*time.Second)
	f.events = []fakeEvent{
		{ID: "e1", Type: "version.activate", Service: www.ID, User: "user1", At: at, Description: "Version '42' was activated", Metadata: map[string]any{}},
		{ID: "e2", Type: "version.activate", Service: shop.ID, Admin: true, At: at.Add(time.Hour), Description: "Activated by Fastly support",
			Metadata: map[string]any{"version": 7}},
		{ID: "e3", Type: "service.purge_all", Service: www.ID, At: at.Add(time.Minute)},
		{ID: "e4", Type: "version.activate", Service: www.ID, At: testNow.Add(-25 * time.Hour), Description: "Version '41'"},
	}
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{}}, testNow.Add(-24*time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 1)
	frame := res.Frames[0]
	assert.Equal(t, "deploys", frame.Name)
	assert.Equal(t, []annotationRow{
		{at, www.Name + " v42 activated", "Version '42' was activated (by user user1)", www.Name + "," + www.ID},
		{at.Add(time.Hour), shop.Name + " v7 activated", "Activated by Fastly support (by Fastly)", shop.Name + "," + shop.ID},
	}, annotationRows(t, frame, deployFields...))
	assert.Equal(t, []int64{42, 7}, deployVersions(frame))
	assert.Empty(t, frame.Meta.Notices)

	calls := f.calls()
	require.Len(t, calls, 1, "every service: one listing without a service filter")
	q := callParams(t, calls[0])
	assert.Equal(t, "version.activate", q.Get("filter[event_type]"))
	assert.Equal(t, "", q.Get("filter[service_id]"))
	assert.Equal(t, testNow.Add(-24*time.Hour).Format(time.RFC3339), q.Get("filter[created_at][gte]"))
	assert.Equal(t, testNow.Format(time.RFC3339), q.Get("filter[created_at][lte]"))
	assert.Equal(t, "100", q.Get("page[size]"))
	assert.Equal(t, "1", q.Get("page[number]"))
	assert.Contains(t, frame.Meta.ExecutedQueryString, "GET /events?")
	for _, r := range sim.Requests() {
		assert.False(t, strings.HasSuffix(r, "/version"), "no versions list is read: %s", r)
	}
}

func callParams(t *testing.T, call string) url.Values {
	t.Helper()
	_, raw, _ := strings.Cut(call, "?")
	q, err := url.ParseQuery(raw)
	require.NoError(t, err)
	return q
}

func TestVersionsOfSelectedServicesFilterByService(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 7}, f)
	services := sim.Services()
	for i, s := range services {
		f.events = append(f.events, fakeEvent{ID: "e" + itoa(i), Type: "version.activate", Service: s.ID, User: "u",
			At: testNow.Add(-time.Duration(i+1) * time.Minute), Description: "Version '" + itoa(i+2) + "'"})
	}
	d := newTestDatasource(t, srv.URL, simToken)
	ids := []string{services[0].ID + "," + services[2].ID}
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": ids}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	rows := annotationRows(t, res.Frames[0], deployFields...)
	require.Len(t, rows, 2)
	assert.Equal(t, services[2].Name+" v4 activated", rows[0].title, "sorted by time")
	assert.Equal(t, services[0].Name+" v2 activated", rows[1].title)
	var filtered []string
	for _, c := range f.calls() {
		filtered = append(filtered, callParams(t, c).Get("filter[service_id]"))
	}
	assert.ElementsMatch(t, []string{services[0].ID, services[2].ID}, filtered, "one listing per selected service")
}

func TestVersionsFallBackToUpdateTimesWhenTheEventLogIsClosed(t *testing.T) {
	f := &fakeChanges{eventsStatus: []int{403}}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 7}, f)
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := testNow.Add(-24*time.Hour), testNow
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{}}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	got := annotationRows(t, res.Frames[0], deployFields...)
	want := expectedDeploys(t, simServiceList(t, srv), nil, from, to)
	require.NotEmpty(t, want, "the simulator deploys services 0 and 5 within the last day")
	assert.Equal(t, want, got)
	for i, row := range got {
		assert.Equal(t, " v"+strconv.FormatInt(deployVersions(res.Frames[0])[i], 10)+" activated", row.title[strings.LastIndex(row.title, " v"):])
	}
	require.Len(t, res.Frames[0].Meta.Notices, 1)
	assert.Equal(t, data.NoticeSeverityWarning, res.Frames[0].Meta.Notices[0].Severity)
	assert.Contains(t, res.Frames[0].Meta.Notices[0].Text, "403 Forbidden")
	assert.Contains(t, res.Frames[0].Meta.Notices[0].Text, "the times are approximate")
	for _, s := range sim.Services() {
		assert.Contains(t, res.Frames[0].Meta.ExecutedQueryString, "GET /service/"+s.ID+"/version")
	}
}

func TestVersionsFallbackFollowsTheRangeAndServices(t *testing.T) {
	f := &fakeChanges{}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 7}, f)
	d := newTestDatasource(t, srv.URL, simToken)
	items := simServiceList(t, srv)
	services := sim.Services()
	run := func(model map[string]any, from, to time.Time) []annotationRow {
		f.mu.Lock()
		f.eventsStatus = []int{404, 404, 404}
		f.mu.Unlock()
		res := runQueries(t, d, dataQuery("A", "versions", model, from, to)).Responses["A"]
		require.NoError(t, res.Error)
		require.Len(t, res.Frames[0].Meta.Notices, 1)
		return annotationRows(t, res.Frames[0], deployFields...)
	}

	// A week: older activations appear too, sorted by time.
	from, to := testNow.Add(-7*24*time.Hour), testNow
	week := run(map[string]any{}, from, to)
	assert.Equal(t, expectedDeploys(t, items, nil, from, to), week)
	assert.Greater(t, len(week), 2)

	// The range bounds are inclusive, and a range that ends before the deploy excludes it.
	first := week[0].time
	assert.Equal(t, week[:1], run(map[string]any{}, first, first)[:1])
	assert.Empty(t, run(map[string]any{}, first.Add(-time.Hour), first.Add(-time.Second)))

	// Selected services only (comma-separated entries accepted), one versions call each.
	sim.ResetRequests()
	ids := []string{services[0].ID + "," + services[2].ID}
	got := run(map[string]any{"services": ids}, from, to)
	assert.Equal(t, expectedDeploys(t, items, map[string]bool{services[0].ID: true, services[2].ID: true}, from, to), got)
	var versionCalls []string
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r, "/version") {
			versionCalls = append(versionCalls, r)
		}
	}
	assert.ElementsMatch(t, []string{"GET /service/" + services[0].ID + "/version", "GET /service/" + services[2].ID + "/version"}, versionCalls)
}

func TestVersionsRetryAFailingEventLog(t *testing.T) {
	f := &fakeChanges{eventsStatus: []int{503, 429}}
	sim, srv := newChangesSim(t, simulator.Config{ServiceCount: 2}, f)
	f.events = []fakeEvent{{ID: "e1", Type: "version.activate", Service: sim.Services()[0].ID, At: testNow.Add(-time.Minute), Description: "Version '3'"}}
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Len(t, f.calls(), 3, "503 and 429 are retried like every other read")
	assert.Empty(t, res.Frames[0].Meta.Notices, "a retried answer is exact, not the fallback")
	assert.Equal(t, []int64{3}, deployVersions(res.Frames[0]))
}

func TestVersionsOfAnInvisibleServiceIsAnError(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{"ZZZZZZZZZZZZZZZZZZZZZZ"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, backend.StatusNotFound, backend.ErrorSourceDownstream, "service ZZZZZZZZZZZZZZZZZZZZZZ was not found")
	res = runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{"$service"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, backend.StatusBadRequest, backend.ErrorSourcePlugin, "template variable $service was not replaced")
}

// simActivations are the simulator's version activations of every service in [from, to], oldest first.
func simActivations(sim *simulator.Simulator, from, to time.Time) []simulator.Activation {
	var out []simulator.Activation
	for _, svc := range sim.Services() {
		for _, a := range sim.Activations(svc.ID) {
			if !a.At.Before(from) && !a.At.After(to) {
				out = append(out, a)
			}
		}
	}
	slices.SortStableFunc(out, func(a, b simulator.Activation) int { return a.At.Compare(b.At) })
	return out
}

// TestVersionsEqualTheSimulatorsEventLog checks every deploy marker against the simulator's event log: the same
// second, service and version.
func TestVersionsEqualTheSimulatorsEventLog(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{ServiceCount: 7})
	from, to := testNow.Add(-7*24*time.Hour), testNow
	log := simActivations(sim, from, to)
	require.NotEmpty(t, log)
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Empty(t, res.Frames[0].Meta.Notices, "the event log was read: no approximate times")
	rows, versions := annotationRows(t, res.Frames[0], deployFields...), deployVersions(res.Frames[0])
	require.Len(t, rows, len(log), "one marker per activation")
	for i, row := range rows {
		a := log[i]
		assert.Equal(t, a.At.UTC(), row.time, "the activation's second")
		assert.True(t, strings.HasSuffix(row.tags, ","+a.ServiceID), row.tags)
		assert.Equal(t, int64(a.Version), versions[i], "the activated version")
	}
}
