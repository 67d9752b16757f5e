package plugin

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simUsage is the ground truth: the sum of a field's day buckets from the first UTC midnight at or after from up to
// to, for the services in region ("" = all).
func simUsage(sim *simulator.Simulator, ids []string, field, region string, from, to time.Time) float64 {
	var sum float64
	first := from.Truncate(24 * time.Hour)
	if first.Before(from) {
		first = first.Add(24 * time.Hour)
	}
	for day := first; day.Before(to); day = day.Add(24 * time.Hour) {
		for _, id := range ids {
			v, _ := sim.Value(id, field, region, "day", day)
			sum += v
		}
	}
	return sum
}

func allIDs(sim *simulator.Simulator) []string {
	var ids []string
	for _, s := range sim.Services() {
		ids = append(ids, s.ID)
	}
	return ids
}

func fieldNames(f *data.Frame) []string {
	var names []string
	for _, field := range f.Fields {
		names = append(names, field.Name)
	}
	return names
}

func TestUsageByRegionFiltersInThePlugin(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := testNow.Add(-3*24*time.Hour), testNow

	res := runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "region"}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	all := res.Frames[0]
	assert.Equal(t, []string{"region", "bandwidth", "requests", "compute_requests"}, fieldNames(all))
	assert.Equal(t, data.FrameTypeTable, all.Meta.Type)
	assert.Equal(t, len(sim.Regions()), all.Rows())
	assert.Equal(t, "decbytes", all.Fields[1].Config.Unit)
	assert.Equal(t, "short", all.Fields[2].Config.Unit)

	sim.ResetRequests()
	res = runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "region", "region": "europe"}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	f := res.Frames[0]
	require.Equal(t, 1, f.Rows(), "only the chosen region, though Fastly answers every region")
	assert.Equal(t, "europe", f.Fields[0].At(0))
	ids := allIDs(sim)
	assert.Equal(t, simUsage(sim, ids, "bandwidth", "europe", from, to), f.Fields[1].At(0))
	assert.Equal(t, simUsage(sim, ids, "requests", "europe", from, to), f.Fields[2].At(0))
	assert.Equal(t, simUsage(sim, ids, "compute_requests", "europe", from, to), f.Fields[3].At(0))
	assert.Positive(t, f.Fields[1].At(0).(float64))
	for _, r := range sim.Requests() {
		assert.NotContains(t, r, "region=", "region is not sent: Fastly ignores it")
	}

	res = runQueries(t, d, dataQuery("A", "usage", map[string]any{"region": "atlantis"}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, 0, res.Frames[0].Rows())
	require.Len(t, res.Frames[0].Meta.Notices, 1)
	assert.Contains(t, res.Frames[0].Meta.Notices[0].Text, `no usage for region "atlantis"`)
}

func TestUsageByServiceResolvesNames(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := testNow.Add(-2*24*time.Hour), testNow
	res := runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "service", "region": "usa"}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	f := res.Frames[0]
	assert.Equal(t, []string{"service_id", "service_name", "bandwidth", "requests", "compute_requests"}, fieldNames(f))
	assert.Contains(t, f.Meta.ExecutedQueryString, "GET /stats/usage_by_service?from=")
	byID := map[string]simulator.Service{}
	for _, s := range sim.Services() {
		byID[s.ID] = s
	}
	require.Equal(t, len(byID), f.Rows())
	for i := 0; i < f.Rows(); i++ {
		id := f.Fields[0].At(i).(string)
		assert.Equal(t, byID[id].Name, f.Fields[1].At(i), "service name resolved")
		if i > 0 {
			assert.Less(t, f.Fields[1].At(i-1).(string), f.Fields[1].At(i).(string), "sorted by name")
		}
		assert.Equal(t, simUsage(sim, []string{id}, "requests", "usa", from, to), f.Fields[3].At(i), byID[id].Name)
		assert.Equal(t, simUsage(sim, []string{id}, "compute_requests", "usa", from, to), f.Fields[4].At(i), byID[id].Name)
	}
	require.Len(t, f.Fields[1].Config.Links, 2)
	assert.Equal(t, "/d/fastly-service?var-service=${__data.fields.service_id}", f.Fields[1].Config.Links[1].URL)
}

func TestUsageByMonthBoundaries(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := sim.Services()[0]
	october := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	november := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

	// Default month: the month of the range end, even when the range starts in the previous month.
	cases := []struct {
		name       string
		model      map[string]any
		from, to   time.Time
		call       string
		monthStart time.Time
		monthEnd   time.Time
	}{
		{"range end in November", map[string]any{"usageBy": "month"}, october.Add(-time.Hour), testNow,
			"year=2026", november, testNow},
		{"range end on the last second of October", map[string]any{"usageBy": "month"}, october, november.Add(-time.Second),
			"month=10", october, november},
		{"explicit month wins over the range", map[string]any{"usageBy": "month", "month": "2026-10", "region": "asia"}, testNow.Add(-time.Hour), testNow,
			"month=10", october, november},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := runQueries(t, d, dataQuery("A", "usage", c.model, c.from, c.to)).Responses["A"]
			require.NoError(t, res.Error)
			f := res.Frames[0]
			assert.Contains(t, f.Meta.ExecutedQueryString, "GET /stats/usage_by_month?")
			assert.Contains(t, f.Meta.ExecutedQueryString, c.call)
			assert.Equal(t, "usage "+c.monthStart.Format("2006-01"), f.Name)
			region, _ := c.model["region"].(string)
			for i := 0; i < f.Rows(); i++ {
				if f.Fields[0].At(i) == svc.ID {
					assert.Equal(t, svc.Name, f.Fields[1].At(i))
					assert.Equal(t, simUsage(sim, []string{svc.ID}, "requests", region, c.monthStart, c.monthEnd), f.Fields[3].At(i))
					return
				}
			}
			t.Fatalf("no row for %s", svc.Name)
		})
	}
}

func TestUsageByMonthBillableUnits(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	res := runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "month", "month": "2026-10", "billableUnits": true}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	f := res.Frames[0]
	assert.Contains(t, f.Meta.ExecutedQueryString, "billable_units=true")
	assert.Equal(t, "suffix: GB", f.Fields[2].Config.Unit)
	assert.Equal(t, "Requests (×10,000)", f.Fields[3].Config.DisplayNameFromDS)
	svc := sim.Services()[0]
	october, november := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < f.Rows(); i++ {
		if f.Fields[0].At(i) == svc.ID {
			assert.InDelta(t, simUsage(sim, []string{svc.ID}, "requests", "", october, november)/10_000, f.Fields[3].At(i), 1e-6)
		}
	}

	res = runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "region", "billableUnits": true}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	require.NoError(t, res.Error)
	require.NotEmpty(t, res.Frames[0].Meta.Notices)
	assert.Contains(t, res.Frames[0].Meta.Notices[0].Text, "Billable units apply to usage by month only")
	res = runQueries(t, d, dataQuery("A", "usage", map[string]any{"usageBy": "month", "month": "26-10"}, testNow.Add(-time.Hour), testNow)).Responses["A"]
	assertQueryError(t, res, 400, "plugin", "invalid month")
}
