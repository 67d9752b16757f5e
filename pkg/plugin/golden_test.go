package plugin

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/require"
)

// updateGolden rewrites testdata/*.jsonc; flip it locally only, after checking the new output by eye.
const updateGolden = false

// goldenCase is one query whose whole response is pinned in testdata/<name>.jsonc.
type goldenCase struct {
	name      string
	queryType string
	model     any
	from      time.Duration // how long before testNow the range starts
}

// goldenCases covers every query type; services are picked by name so the files do not depend on the list order.
func goldenCases(t *testing.T, sim *simulator.Simulator) []goldenCase {
	www := simService(t, sim, "www.example.com").ID
	shop := simService(t, sim, "shop.example.com").ID
	api := simService(t, sim, "api.example.com").ID
	services := sim.Services()
	const day = 24 * time.Hour
	return []goldenCase{
		{"stats_per_service_minute", "stats", statsModel{Services: []string{services[0].ID, services[5].ID}, Metrics: []string{"requests", "hit_ratio"}, Granularity: "minute"}, 15 * time.Minute},
		{"stats_sum_per_second", "stats", statsModel{Metrics: []string{"bandwidth_bits", "error_ratio"}, Granularity: "minute", GroupBy: "none", PerSecond: true}, 15 * time.Minute},
		{"realtime_sum", "realtime", map[string]any{"services": []string{www, shop}, "metrics": []string{"requests", "bandwidth", "hit_ratio", "miss_latency_p95"}}, 30 * time.Second},
		{"realtime_per_pop", "realtime", map[string]any{"services": []string{www}, "metrics": []string{"requests", "status_5xx"}, "groupBy": "datacenter", "datacenters": []string{"LHR", "AMS"}}, 30 * time.Second},
		{"realtime_top_pops", "realtime", map[string]any{"services": []string{www}, "metrics": []string{"requests"}, "groupBy": "datacenter",
			"topN": map[string]any{"metric": "requests", "limit": 3}}, 30 * time.Second},
		{"origins_by_host_hour", "origins", map[string]any{"services": []string{www}, "metrics": []string{"responses", "status_5xx", "latency_p95"}, "groupBy": []string{"host"},
			"granularity": "hour", "source": "historical"}, 4 * time.Hour},
		{"origins_latency_histogram", "origins", map[string]any{"services": []string{api}, "metrics": []string{"latency_histogram"}, "granularity": "hour", "source": "historical"}, 3 * time.Hour},
		{"domains_by_domain_hour", "domains", map[string]any{"services": []string{www}, "metrics": []string{"edge_requests", "edge_hit_ratio"}, "groupBy": []string{"domain"},
			"granularity": "hour", "source": "historical"}, 3 * time.Hour},
		{"usage_by_region", "usage", map[string]any{"usageBy": "region"}, 3 * day},
		{"usage_by_service", "usage", map[string]any{"usageBy": "service", "region": "usa"}, 2 * day},
		{"usage_by_month", "usage", map[string]any{"usageBy": "month"}, time.Hour},
		// Every region: billable units are fractions, so the sum over regions must be taken in one order.
		{"usage_by_month_billable", "usage", map[string]any{"usageBy": "month", "month": "2026-10", "billableUnits": true}, time.Hour},
		{"services", "services", map[string]any{}, time.Hour},
		{"insights_top_pages", "insights", map[string]any{"services": []string{www}, "visualization": "top-url-by-requests", "limit": 5}, time.Hour},
		{"insights_countries", "insights", map[string]any{"services": []string{www}, "visualization": "country-statistics", "limit": 3}, time.Hour},
		{"logs_5xx", "logs", map[string]any{"services": []string{www}, "limit": 5,
			"filters": []map[string]any{{"field": "response_status", "operator": "gte", "value": "500"}}}, time.Hour},
		{"log_metrics_p95_per_pop", "logMetrics", map[string]any{"services": []string{www}, "metrics": []string{"response_time_p95", "response_bytes_body_avg"},
			"groupBy": "fastly_pop", "limit": 5}, time.Hour},
		{"log_metrics_timeseries", "logMetrics", map[string]any{"services": []string{api}, "metrics": []string{"response_time_p95"},
			"format": "timeseries", "legendFormat": "p95 {{service_name}}"}, 10 * time.Minute},
		{"log_volume_stats", "logVolume", map[string]any{"services": []string{shop}}, 15 * time.Minute},
	}
}

// TestGoldenFrames pins the exact frames (names, labels, units, display names, meta) a panel receives.
func TestGoldenFrames(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	for _, c := range goldenCases(t, sim) {
		t.Run(c.name, func(t *testing.T) {
			d := newTestDatasource(t, srv.URL, simToken) // its own caches and pollers: the calls listed are the cold ones
			resp := runQueries(t, d, dataQuery("A", c.queryType, c.model, testNow.Add(-c.from), testNow))
			res := resp.Responses["A"]
			require.NoError(t, res.Error)
			experimental.CheckGoldenJSONResponse(t, "testdata", c.name, &res, updateGolden)
		})
	}
}

// fillGoldenChanges gives f an event log and alert history for the simulator's services, fixed so the files are stable.
func fillGoldenChanges(t *testing.T, sim *simulator.Simulator, f *fakeChanges) {
	www := simService(t, sim, "www.example.com").ID
	shop := simService(t, sim, "shop.example.com").ID
	at := func(d time.Duration) time.Time { return testNow.Add(-d) }
	f.events = []fakeEvent{
		{ID: "ev1", Type: "version.activate", Service: www, User: "4Ghm2cIbjVSXPRvuVL3l0A", At: at(5*time.Hour + 13*time.Second),
			Description: "Version '14' was activated", Metadata: map[string]any{"version": 14}},
		{ID: "ev2", Type: "version.activate", Service: shop, Admin: true, At: at(2*time.Hour + 47*time.Second),
			Description: "Version '7' was activated"},
		{ID: "ev3", Type: "service.purge_all", Service: www, User: "4Ghm2cIbjVSXPRvuVL3l0A", At: at(3 * time.Hour), Description: "Purged all"},
		{ID: "ev4", Type: "vcl.update", Service: shop, User: "4Ghm2cIbjVSXPRvuVL3l0A", At: at(150 * time.Minute),
			Description: "VCL 'main' was updated on Version '8'"},
	}
	f.alerts = []fakeAlert{
		{ID: "al1", Service: www, Name: "5xx above 50/min", Status: "resolved", Metric: "status_5xx", Start: at(3*time.Hour - 5*time.Minute), End: at(2*time.Hour + 40*time.Minute)},
		{ID: "al2", Service: shop, Name: "Hit ratio drop", Status: "active", Metric: "hit_ratio", Start: at(20 * time.Minute)},
	}
}

// TestGoldenAnnotations pins the annotation frames of versions (from the event log and its fallback), events and
// alerts, served by a fixed event log and alert history in front of the simulator.
func TestGoldenAnnotations(t *testing.T) {
	const day = 24 * time.Hour
	cases := []struct {
		name, queryType string
		model           any
		closedEventLog  bool
	}{
		{"versions_from_events", "versions", map[string]any{}, false},
		{"versions_fallback_last_week", "versions", map[string]any{}, true},
		{"events_default_types", "events", map[string]any{}, false},
		{"events_vcl_updates", "events", map[string]any{"eventTypes": []string{"vcl.update"}}, false},
		{"alerts_all_statuses", "alerts", map[string]any{"status": ""}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := &fakeChanges{}
			sim, srv := newChangesSim(t, simulator.Config{}, f)
			fillGoldenChanges(t, sim, f)
			if c.closedEventLog {
				f.eventsStatus = []int{403}
			}
			d := newTestDatasource(t, srv.URL, simToken)
			resp := runQueries(t, d, dataQuery("A", c.queryType, c.model, testNow.Add(-7*day), testNow))
			res := resp.Responses["A"]
			require.NoError(t, res.Error)
			experimental.CheckGoldenJSONResponse(t, "testdata", c.name, &res, updateGolden)
		})
	}
}
