package plugin

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serviceDashboard is the bundled service dashboard.
func serviceDashboard(t *testing.T) bundledDashboard {
	t.Helper()
	for _, d := range loadDashboards(t) {
		if d.file == "service.json" {
			return d
		}
	}
	t.Fatal("no service dashboard")
	return bundledDashboard{}
}

// purgeAnnotation is the dashboard's annotation query of purge-all events.
func purgeAnnotation(t *testing.T, d bundledDashboard) json.RawMessage {
	t.Helper()
	for _, a := range d.annotationQueries() {
		if q := target(t, a.Target); q.QueryType == "events" && slices.Equal(q.EventTypes, []string{"service.purge_all"}) {
			return a.Target
		}
	}
	t.Fatal("no purge annotation")
	return nil
}

// hitRatioTarget is the query of the dashboard's time-series panel that draws hit_ratio.
func hitRatioTarget(t *testing.T, d bundledDashboard) json.RawMessage {
	t.Helper()
	for _, p := range d.allPanels() {
		for _, raw := range p.Targets {
			if q := target(t, raw); p.Type == "timeseries" && q.QueryType == "stats" && slices.Contains(q.Metrics, "hit_ratio") {
				return raw
			}
		}
	}
	t.Fatal("no hit ratio panel")
	return nil
}

// inRange is q over [from, to), with the interval Grafana gives a panel 1,000 points wide.
func inRange(q backend.DataQuery, from, to time.Time) backend.DataQuery {
	q.TimeRange = backend.TimeRange{From: from, To: to}
	q.Interval = max(time.Second, to.Sub(from)/time.Duration(q.MaxDataPoints))
	return q
}

// hitRatioSeries is the hit_ratio frame's times and values.
func hitRatioSeries(t *testing.T, res backend.DataResponse) ([]time.Time, []float64) {
	t.Helper()
	for _, f := range res.Frames {
		if f.Name != "hit_ratio" {
			continue
		}
		var times []time.Time
		var values []float64
		for i := 0; i < f.Rows(); i++ {
			v, ok := f.Fields[1].ConcreteAt(i)
			require.True(t, ok, "minute %v has a hit ratio", f.Fields[0].At(i))
			times = append(times, f.Fields[0].At(i).(time.Time))
			values = append(values, v.(float64))
		}
		return times, values
	}
	t.Fatal("no hit_ratio frame")
	return nil, nil
}

// A dip is a minute whose hit ratio is more than dipDepth below each of the dipBaseline minutes before it; these
// services' hit ratios otherwise stay within a couple of points from minute to minute.
const (
	dipDepth    = 0.05
	dipBaseline = 10
)

// dipStarts are the minutes a dip starts in: dips whose previous minute is none.
func dipStarts(times []time.Time, values []float64) []time.Time {
	var out []time.Time
	previous := false
	for i := dipBaseline; i < len(values); i++ {
		dip := values[i] < slices.Min(values[i-dipBaseline:i])-dipDepth
		if dip && !previous {
			out = append(out, times[i])
		}
		previous = dip
	}
	return out
}

// TestServiceDashboardPurgeMarkersExplainTheHitRatioDips runs the service dashboard's purge annotation and its hit
// ratio panel against the simulator over a week: around every purge marker, a dip starts in the marker's minute,
// and every dip that starts there has a marker in its minute.
func TestServiceDashboardPurgeMarkersExplainTheHitRatioDips(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	dash := serviceDashboard(t)
	checked := 0
	for _, name := range []string{"www.example.com", "static.example.com", "img.example.com"} {
		vars := variableValues(dash, sim)
		vars["service"] = []string{simService(t, sim, name).ID}
		res, ok := queryDashboard(t, d, dashboardQuery(t, purgeAnnotation(t, dash), vars, 7*24*time.Hour), name+" purges")
		require.True(t, ok)
		require.Len(t, res.Frames, 1)
		var marked []time.Time
		for _, row := range annotationRows(t, res.Frames[0], eventFields...) {
			marked = append(marked, row.time.Truncate(time.Minute))
		}
		panel := dashboardQuery(t, hitRatioTarget(t, dash), vars, time.Hour)
		for _, m := range marked {
			to := m.Add(30 * time.Minute)
			if to.After(testNow.Add(-5 * time.Minute)) {
				continue // not published yet
			}
			// A dashboard opened on this purge: the hour before it and the half hour after, on a fresh datasource.
			fresh := newTestDatasource(t, srv.URL, simToken)
			res, ok := queryDashboard(t, fresh, inRange(panel, m.Add(-time.Hour), to), name+" hit ratio")
			require.True(t, ok)
			times, values := hitRatioSeries(t, res)
			require.Equal(t, 90, len(times), "one point a minute")
			starts := dipStarts(times, values)
			assert.Contains(t, starts, m, "%s: a dip starts in the minute of the purge marker at %v", name, m)
			for _, start := range starts {
				assert.Contains(t, marked, start, "%s: the dip starting at %v has a purge marker", name, start)
			}
			checked++
		}
	}
	assert.GreaterOrEqual(t, checked, 3, "the simulator purges these services during the week")
}
