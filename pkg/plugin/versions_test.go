package plugin

import (
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

// expectedDeploys is the ground truth from the simulator's /service list: active or deployed versions updated in
// [from, to], sorted by time.
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

func annotationRows(t *testing.T, f *data.Frame) []annotationRow {
	t.Helper()
	var names []string
	for _, field := range f.Fields {
		names = append(names, field.Name)
	}
	require.Equal(t, []string{"time", "title", "text", "tags"}, names)
	assert.Equal(t, data.FieldTypeTime, f.Fields[0].Type())
	for _, field := range f.Fields[1:] {
		assert.Equal(t, data.FieldTypeString, field.Type())
	}
	var rows []annotationRow
	for i := 0; i < f.Rows(); i++ {
		ts := f.Fields[0].At(i).(time.Time)
		assert.Equal(t, time.UTC, ts.Location())
		rows = append(rows, annotationRow{ts, f.Fields[1].At(i).(string), f.Fields[2].At(i).(string), f.Fields[3].At(i).(string)})
	}
	return rows
}

func TestVersionsAnnotationsInTheLastDay(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{ServiceCount: 7})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := testNow.Add(-24*time.Hour), testNow
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{}}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 1)
	got := annotationRows(t, res.Frames[0])

	want := expectedDeploys(t, simServiceList(t, srv), nil, from, to)
	require.NotEmpty(t, want, "the simulator deploys services 0 and 5 within the last day")
	assert.Equal(t, want, got)
	services := sim.Services()
	assert.Len(t, got, 2)
	for _, row := range got {
		assert.True(t, strings.HasPrefix(row.title, services[0].Name+" v") || strings.HasPrefix(row.title, services[5].Name+" v"), row.title)
		assert.True(t, strings.HasSuffix(row.title, " activated"))
		assert.Equal(t, "Deployed from CI", row.text)
	}
	for _, s := range services {
		assert.Contains(t, res.Frames[0].Meta.ExecutedQueryString, "GET /service/"+s.ID+"/version")
	}
}

func TestVersionsAnnotationsFollowTheRangeAndServices(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{ServiceCount: 7})
	d := newTestDatasource(t, srv.URL, simToken)
	items := simServiceList(t, srv)
	services := sim.Services()

	// A week: older activations appear too, sorted by time.
	from, to := testNow.Add(-7*24*time.Hour), testNow
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	week := annotationRows(t, res.Frames[0])
	assert.Equal(t, expectedDeploys(t, items, nil, from, to), week)
	assert.Greater(t, len(week), 2)
	for i := 1; i < len(week); i++ {
		assert.False(t, week[i].time.Before(week[i-1].time), "sorted by time")
	}

	// The range bounds are inclusive, and a range that ends before the deploy excludes it.
	first := week[0].time
	res = runQueries(t, d, dataQuery("A", "versions", map[string]any{}, first, first)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, week[:1], annotationRows(t, res.Frames[0])[:1])
	res = runQueries(t, d, dataQuery("A", "versions", map[string]any{}, first.Add(-time.Hour), first.Add(-time.Second))).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, 0, res.Frames[0].Rows())
	assert.Len(t, res.Frames[0].Fields, 4, "an empty answer keeps the annotation fields")

	// Selected services only (comma-separated entries accepted), one call each.
	sim.ResetRequests()
	ids := []string{services[0].ID + "," + services[2].ID}
	res = runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": ids}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, expectedDeploys(t, items, map[string]bool{services[0].ID: true, services[2].ID: true}, from, to), annotationRows(t, res.Frames[0]))
	var versionCalls []string
	for _, r := range sim.Requests() {
		if strings.HasSuffix(r, "/version") {
			versionCalls = append(versionCalls, r)
		}
	}
	assert.ElementsMatch(t, []string{"GET /service/" + services[0].ID + "/version", "GET /service/" + services[2].ID + "/version"}, versionCalls)
}

func TestVersionsOfAnInvisibleServiceIsAnError(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{"ZZZZZZZZZZZZZZZZZZZZZZ"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, backend.StatusNotFound, backend.ErrorSourceDownstream, "service ZZZZZZZZZZZZZZZZZZZZZZ was not found")
	res = runQueries(t, d, dataQuery("A", "versions", map[string]any{"services": []string{"$service"}}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, backend.StatusBadRequest, backend.ErrorSourcePlugin, "template variable $service was not replaced")
}
