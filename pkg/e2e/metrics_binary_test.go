package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"
)

// pluginMetricFamilies are every metric family the plugin registers.
var pluginMetricFamilies = []string{
	"fastly_datasource_upstream_requests_total", "fastly_datasource_upstream_response_bytes_total",
	"fastly_datasource_upstream_errors_total", "fastly_datasource_upstream_retries_total",
	"fastly_datasource_upstream_rate_limited_total", "fastly_datasource_upstream_request_duration_seconds",
	"fastly_datasource_stats_cache_hits_total", "fastly_datasource_stats_cache_misses_total",
	"fastly_datasource_stats_cache_evictions_total", "fastly_datasource_stats_cache_bytes",
	"fastly_datasource_stats_queries_total", "fastly_datasource_instances", "fastly_datasource_realtime_pollers",
	"fastly_datasource_realtime_services", "fastly_datasource_realtime_buffer_bytes",
}

// TestPluginMetricsOverPluginProtocol runs health checks (one with a wrong token), a stats query twice and a
// real-time panel through the built binary, then reads CollectMetrics as Grafana does: the plugin's families are there with values that match
// what was done and carry no token; after a settings change the disposed instance leaves the gauges.
func TestPluginMetricsOverPluginProtocol(t *testing.T) {
	sim, simURL, p := simulatorAndPlugin(t, simulator.Config{})
	ds := datasource(5, "fastly-metrics", simURL, simToken)

	require.Equal(t, backend.HealthStatusOk, p.checkHealth(t, ds).Status)
	require.Equal(t, backend.HealthStatusError, p.checkHealth(t, datasource(6, "fastly-metrics-wrong", simURL, wrongToken)).Status)
	to := time.Now().UTC().Truncate(time.Minute)
	svc := firstServiceWithTraffic(t, sim, to.Add(-time.Hour))
	stats := backend.DataQuery{RefID: "A", QueryType: "stats", TimeRange: backend.TimeRange{From: to.Add(-time.Hour), To: to},
		Interval: time.Minute, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{
			"queryType": "stats", "services": []string{svc.ID}, "metrics": []string{"requests"}, "granularity": "minute",
		})}
	for range 2 {
		require.NoError(t, p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{stats}}).Responses["A"].Error)
	}
	rtSvc := busiestRealtimeService(t, sim)
	now := time.Now()
	rt := p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{{
		RefID: "R", QueryType: "realtime", TimeRange: backend.TimeRange{From: now.Add(-time.Minute), To: now},
		Interval: time.Second, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{
			"queryType": "realtime", "services": []string{rtSvc.ID}, "metrics": []string{"requests"},
		}),
	}}})
	require.NoError(t, rt.Responses["R"].Error)

	text := p.collectMetrics(t)
	for _, secret := range []string{simToken, wrongToken, svc.ID, rtSvc.ID, simURL} {
		require.NotContains(t, text, secret)
	}
	m := parseMetrics(t, text)
	t.Logf("%d fastly_datasource_ series after the run", countSeries(text))
	for _, family := range pluginMetricFamilies {
		require.Contains(t, m.families, family)
	}
	require.Contains(t, m.families, "go_goroutines", "the plugin's metrics share the SDK's default registry")
	require.Equal(t, 1.0, m.value(`fastly_datasource_upstream_requests_total{class="tokens",status="200"}`), "the health check's /tokens/self")
	require.Equal(t, 1.0, m.value(`fastly_datasource_upstream_errors_total{class="tokens",status="403"}`), "Fastly answers 403 for an unknown token")
	require.Equal(t, 1.0, m.sum("fastly_datasource_upstream_errors_total"))
	statsCalls := m.value(`fastly_datasource_upstream_requests_total{class="stats",status="200"}`)
	require.GreaterOrEqual(t, statsCalls, 1.0)
	require.Equal(t, statsCalls, m.value(`fastly_datasource_upstream_request_duration_seconds_count{class="stats"}`))
	require.Positive(t, m.value(`fastly_datasource_upstream_response_bytes_total{class="stats"}`))
	require.Positive(t, m.value(`fastly_datasource_upstream_requests_total{class="realtime",status="200"}`))
	require.Equal(t, 1.0, m.value(`fastly_datasource_stats_cache_misses_total`), "the first query's one series")
	require.Equal(t, 1.0, m.value(`fastly_datasource_stats_cache_hits_total`), "the repeated query is answered from the cache")
	require.Equal(t, 2.0, m.sum("fastly_datasource_stats_queries_total"))
	require.Zero(t, m.sum("fastly_datasource_upstream_retries_total"))
	require.Equal(t, 2.0, m.value(`fastly_datasource_instances`), "the two datasources")
	require.Equal(t, 1.0, m.value(`fastly_datasource_realtime_pollers`))
	require.Equal(t, 1.0, m.value(`fastly_datasource_realtime_services`))
	require.Positive(t, m.value(`fastly_datasource_realtime_buffer_bytes{mode="summed"}`))
	require.Zero(t, m.value(`fastly_datasource_realtime_buffer_bytes{mode="pop_detail"}`), "a summed panel holds no POP detail")
	require.Positive(t, m.value(`fastly_datasource_stats_cache_bytes`))

	// New settings: the SDK builds a second instance and disposes the first a few seconds later.
	changed := datasource(5, "fastly-metrics", simURL, simToken)
	changed.DataSourceInstanceSettings.Updated = ds.DataSourceInstanceSettings.Updated.Add(time.Hour)
	require.Equal(t, backend.HealthStatusOk, p.checkHealth(t, changed).Status)
	require.Equal(t, 3.0, parseMetrics(t, p.collectMetrics(t)).value(`fastly_datasource_instances`), "the replaced one lives until it is disposed")
	deadline := time.Now().Add(20 * time.Second)
	for {
		after := parseMetrics(t, p.collectMetrics(t))
		if after.value(`fastly_datasource_instances`) == 2 {
			require.Zero(t, after.value(`fastly_datasource_realtime_pollers`), "the disposed instance's poller is gone")
			require.Zero(t, after.value(`fastly_datasource_realtime_buffer_bytes{mode="pop_detail"}`))
			require.Zero(t, after.value(`fastly_datasource_stats_cache_bytes`))
			require.Equal(t, statsCalls, after.value(`fastly_datasource_upstream_requests_total{class="stats",status="200"}`), "counters outlive instances")
			break
		}
		require.True(t, time.Now().Before(deadline), "the replaced instance was never disposed")
		time.Sleep(250 * time.Millisecond)
	}
}

// scrapedMetrics are parsed Prometheus text: families by name, and each sample as `name{label="value",…}`.
type scrapedMetrics struct {
	families map[string]*dto.MetricFamily
	samples  map[string]float64
}

func parseMetrics(t *testing.T, text string) scrapedMetrics {
	t.Helper()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(strings.NewReader(text))
	require.NoError(t, err)
	m := scrapedMetrics{families: families, samples: map[string]float64{}}
	for name, f := range families {
		for _, metric := range f.GetMetric() {
			labels := make([]string, 0, len(metric.GetLabel()))
			for _, l := range metric.GetLabel() {
				labels = append(labels, fmt.Sprintf("%s=%q", l.GetName(), l.GetValue()))
			}
			key := name
			if len(labels) > 0 {
				key += "{" + strings.Join(labels, ",") + "}"
			}
			switch {
			case metric.GetHistogram() != nil:
				m.samples[strings.Replace(key, name, name+"_count", 1)] = float64(metric.GetHistogram().GetSampleCount())
			case metric.GetCounter() != nil:
				m.samples[key] = metric.GetCounter().GetValue()
			case metric.GetGauge() != nil:
				m.samples[key] = metric.GetGauge().GetValue()
			}
		}
	}
	return m
}

// countSeries counts the plugin's own sample lines of Prometheus text.
func countSeries(text string) int {
	n := 0
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "fastly_datasource_") {
			n++
		}
	}
	return n
}

// value is one sample; a missing one is 0, like a counter that never moved.
func (m scrapedMetrics) value(key string) float64 { return m.samples[key] }

// sum adds up a family's samples.
func (m scrapedMetrics) sum(family string) float64 {
	total := 0.0
	for k, v := range m.samples {
		if k == family || strings.HasPrefix(k, family+"{") {
			total += v
		}
	}
	return total
}
