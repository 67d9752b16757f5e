package plugin

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/edgemetrics/fastly-datasource/pkg/telemetry"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Series of the plugin metrics the tests read.
const (
	statsRequestsOK = `fastly_datasource_upstream_requests_total{class="stats",status="200"}`
	statsBytes      = `fastly_datasource_upstream_response_bytes_total{class="stats"}`
	statsDurations  = `fastly_datasource_upstream_request_duration_seconds_count{class="stats"}`
	cacheHits       = `fastly_datasource_stats_cache_hits_total`
	cacheMisses     = `fastly_datasource_stats_cache_misses_total`
	cacheBytes      = `fastly_datasource_stats_cache_bytes`
	instances       = `fastly_datasource_instances`
	pollers         = `fastly_datasource_realtime_pollers`
	followed        = `fastly_datasource_realtime_services`
	summedBytes     = `fastly_datasource_realtime_buffer_bytes{mode="summed"}`
	detailBytes     = `fastly_datasource_realtime_buffer_bytes{mode="pop_detail"}`
)

// gather reads every series of g as `name{label="value",…}` → value; a histogram gives its _count.
func gather(t *testing.T, g prometheus.Gatherer) map[string]float64 {
	t.Helper()
	families, err := g.Gather()
	require.NoError(t, err)
	out := map[string]float64{}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			name, v := f.GetName(), m.GetCounter().GetValue()+m.GetGauge().GetValue()
			if h := m.GetHistogram(); h != nil {
				name, v = name+"_count", float64(h.GetSampleCount())
			}
			out[name+labelText(m.GetLabel())] = v
		}
	}
	return out
}

func labelText(labels []*dto.LabelPair) string {
	if len(labels) == 0 {
		return ""
	}
	parts := make([]string, len(labels))
	for i, l := range labels {
		parts[i] = fmt.Sprintf("%s=%q", l.GetName(), l.GetValue())
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// scrape gathers m from a registry of its own.
func scrape(t *testing.T, m *telemetry.Metrics) map[string]float64 {
	t.Helper()
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, m.Register(reg))
	return gather(t, reg)
}

// sumOf adds up the series whose key starts with prefix.
func sumOf(series map[string]float64, prefix string) float64 {
	total := 0.0
	for k, v := range series {
		if strings.HasPrefix(k, prefix) {
			total += v
		}
	}
	return total
}

func newMeteredTestDatasource(t *testing.T, apiURL, token string, m *telemetry.Metrics) *Datasource {
	t.Helper()
	settings, err := LoadSettings(instanceSettings(apiURL, token))
	require.NoError(t, err)
	d, err := newMeteredDatasource(settings, &http.Client{Timeout: 10 * time.Second}, fixedNow, m)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	return d
}

func TestStatsQueriesMoveTheUpstreamAndCacheCountersAndAWarmRefreshHits(t *testing.T) {
	dash := benchDashboards[0]
	rig := newPerfRig(t, dash.services, nil)
	m := telemetry.New()
	settings, err := LoadSettings(instanceSettings(rig.url, simToken))
	require.NoError(t, err)
	settings.StitchRealtime = false
	rig.ds, err = newMeteredDatasource(settings, &http.Client{Timeout: time.Minute}, rig.clock.now, m)
	require.NoError(t, err)
	panels := float64(len(dash.panels(rig.sim)))

	rig.run(t, rig.ds, dash, nil)
	coldCalls, coldBytes := rig.meter.snapshot()
	cold := scrape(t, m)
	assert.Equal(t, float64(coldCalls), cold[statsRequestsOK], "one count per /stats call Fastly saw")
	assert.Equal(t, float64(coldBytes), cold[statsBytes], "the body bytes Fastly sent")
	assert.Equal(t, float64(coldCalls), cold[statsDurations])
	assert.Equal(t, 1.0, cold[`fastly_datasource_upstream_requests_total{class="account",status="200"}`], "the service list, once")
	assert.Zero(t, sumOf(cold, "fastly_datasource_upstream_errors_total"))
	assert.Zero(t, sumOf(cold, "fastly_datasource_upstream_retries_total"))
	assert.Zero(t, cold[cacheHits], "a cold dashboard finds nothing cached")
	assert.Positive(t, cold[cacheMisses])
	assert.Equal(t, panels, sumOf(cold, "fastly_datasource_stats_queries_total"), "one stitch outcome per query")
	assert.Positive(t, cold[cacheBytes])
	assert.LessOrEqual(t, cold[cacheBytes], float64(settings.CacheSizeMB<<20))
	assert.Equal(t, 1.0, cold[instances])

	rig.clock.advance(time.Minute)
	rig.meter.reset()
	rig.run(t, rig.ds, dash, nil)
	warmCalls, warmBytes := rig.meter.snapshot()
	warm := scrape(t, m)
	assert.Equal(t, cold[cacheMisses], warm[cacheHits], "the warm refresh finds every series the cold one stored")
	assert.Equal(t, cold[cacheMisses], warm[cacheMisses], "and misses none")
	assert.Equal(t, float64(coldCalls+warmCalls), warm[statsRequestsOK], "the warm refresh's tail calls add up")
	assert.Equal(t, float64(coldBytes+warmBytes), warm[statsBytes])
	assert.Less(t, warm[statsBytes]-cold[statsBytes], cold[statsBytes]/20, "and cost a fraction of the cold bytes")
	assert.Equal(t, 2*panels, sumOf(warm, "fastly_datasource_stats_queries_total"))

	rig.ds.Dispose()
	gone := scrape(t, m)
	assert.Zero(t, gone[instances], "a disposed instance leaves the gauges")
	assert.Zero(t, gone[cacheBytes])
	assert.Equal(t, warm[statsRequestsOK], gone[statsRequestsOK], "counters are process-wide: disposing keeps them")
}

func TestRealtimePollersAndBuffersShowInTheGaugesUntilDisposed(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	m := telemetry.New()
	d := newMeteredTestDatasource(t, srv.URL, simToken, m)
	svc := realtimeService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}}
	require.NoError(t, runQueries(t, d, dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)).Responses["A"].Error)

	live := scrape(t, m)
	assert.Equal(t, 1.0, live[pollers])
	assert.Equal(t, 1.0, live[followed])
	assert.Positive(t, live[summedBytes], "120 s of history are held")
	assert.Zero(t, live[detailBytes], "a summed query holds no POP detail")
	assert.Positive(t, live[`fastly_datasource_upstream_requests_total{class="realtime",status="200"}`])

	model["groupBy"] = "datacenter"
	require.NoError(t, runQueries(t, d, dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)).Responses["A"].Error)
	live = scrape(t, m)
	assert.Equal(t, 1.0, live[pollers], "the per-POP reader shares the poller")
	assert.Greater(t, live[detailBytes], live[summedBytes], "per-POP samples outweigh the sums")

	d.Dispose()
	gone := scrape(t, m)
	for _, g := range []string{instances, pollers, followed, summedBytes, detailBytes, cacheBytes} {
		assert.Zero(t, gone[g], g)
	}
}

func TestRealtimePollsRepeatedAfterAFailureCountAsRetries(t *testing.T) {
	failing := simulator.Fault{Kind: simulator.FaultServerError, PathPrefix: "/v1/channel/", Every: 1, Limit: 2}
	sim, srv := newSim(t, simulator.Config{Faults: []simulator.Fault{failing}})
	sim.SetLongPoll(0)
	m := telemetry.New()
	d := newMeteredTestDatasource(t, srv.URL, simToken, m)
	svc := realtimeService(t, sim, "www.example.com")
	watch, err := d.realtime.Subscribe(svc.ID, make(chan struct{}, 1))
	require.NoError(t, err)
	t.Cleanup(watch.Close)
	const retried = `fastly_datasource_upstream_retries_total{class="realtime"}`
	const answered = `fastly_datasource_upstream_requests_total{class="realtime",status="200"}`
	require.Eventually(t, func() bool { return scrape(t, m)[answered] > 0 }, time.Minute, 10*time.Millisecond,
		"the poller gets past the two 503s")
	got := scrape(t, m)
	assert.Equal(t, 2.0, got[`fastly_datasource_upstream_requests_total{class="realtime",status="503"}`])
	assert.Equal(t, 2.0, got[retried], "each failed poll was sent again once")
}

func TestLogAnswersShowInTheLogsCacheGaugeNotTheStatsOne(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	m := telemetry.New()
	d := newMeteredTestDatasource(t, srv.URL, simToken, m)
	www := simService(t, sim, "www.example.com").ID
	for ref, r := range runQueries(t, d, finishedWindowLogQueries(www)...).Responses {
		require.NoError(t, r.Error, ref)
	}
	got := scrape(t, m)
	assert.Positive(t, got[`fastly_datasource_logs_cache_bytes`], "the finished window's answers are kept")
	assert.Zero(t, got[cacheBytes], "no stats bucket was read")
}

func TestStitchOutcomesAreCountedPerQuery(t *testing.T) {
	const (
		incomplete = `fastly_datasource_stats_queries_total{reason="incomplete",stitch="skipped"}`
		stitched   = `fastly_datasource_stats_queries_total{reason="none",stitch="stitched"}`
		disabled   = `fastly_datasource_stats_queries_total{reason="disabled",stitch="skipped"}`
	)
	rig := newStitchRig(t, true)
	model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}
	rig.query(t, model)
	assert.Equal(t, 1.0, scrape(t, rig.metrics)[incomplete], "the new poller holds only part of the first unpublished minute")
	rig.follow(t, testNow.Add(5*time.Minute))
	rig.query(t, model)
	after := scrape(t, rig.metrics)
	assert.Equal(t, 1.0, after[stitched])
	assert.Equal(t, 2.0, sumOf(after, "fastly_datasource_stats_queries_total"))

	off := newStitchRig(t, false)
	off.clock.advance(5 * time.Minute)
	off.query(t, statsModel{Services: []string{off.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"})
	assert.Equal(t, 1.0, scrape(t, off.metrics)[disabled])
}

// TestNoMetricLabelCarriesTheTokenOrAnID runs every query type and resource against the simulator and against
// upstreams that echo the token in every kind of error, then reads every label of every series.
func TestNoMetricLabelCarriesTheTokenOrAnID(t *testing.T) {
	m := telemetry.New()
	sim, simSrv := newSim(t, simulator.Config{Token: secretToken})
	serviceID := sim.Services()[0].ID
	urls := append([]string{simSrv.URL, echoingFastly(t).URL}, echoingFaultServers(t)...)
	for _, url := range urls {
		d := newMeteredTestDatasource(t, url, secretToken, m)
		checkHealth(t, d)
		leakProbe(t, d, serviceID)
	}

	allowed := map[string][]string{"class": fastlyapi.EndpointClasses, "mode": {"summed", "pop_detail", "region_sums"},
		"stitch": {"stitched", "not_needed", "skipped"}, "reason": {"none", "published", "no_data", "disabled", "no_poller", "incomplete", "too_many_services"}}
	statuses := map[string]bool{}
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, m.Register(reg))
	families, err := reg.Gather()
	require.NoError(t, err)
	for _, f := range families {
		for _, metric := range f.GetMetric() {
			for _, l := range metric.GetLabel() {
				v := l.GetValue()
				assert.NotContains(t, v, secretToken)
				assert.NotContains(t, v, serviceID)
				assert.NotContains(t, v, "127.0.0.1")
				if l.GetName() == "status" {
					statuses[v] = true
					continue
				}
				require.Contains(t, allowed, l.GetName(), "%s has an unexpected label", f.GetName())
				assert.Contains(t, allowed[l.GetName()], v, "%s{%s}", f.GetName(), l.GetName())
			}
		}
	}
	for _, want := range []string{"200", "400", "401", "403", "429", "500", "502", "503"} {
		assert.True(t, statuses[want], "the faults reached the metrics: status %s is missing from %v", want, statuses)
	}
	for s := range statuses {
		assert.True(t, s == "transport_error" || s == "canceled" || strings.HasSuffix(s, "xx") ||
			slices.Contains([]string{"200", "400", "401", "403", "404", "429", "500", "502", "503", "504"}, s), "status %q", s)
	}
}

func TestTwoInstancesFromTheFactoryShareTheProcessMetrics(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	live := func() float64 { return gather(t, prometheus.DefaultGatherer)[instances] }
	before := live()
	var made []instancemgmt.Instance
	for range 2 {
		inst, err := NewDatasource(context.Background(), instanceSettings(srv.URL, simToken))
		require.NoError(t, err, "a second instance registers nothing twice")
		made = append(made, inst)
	}
	assert.Equal(t, before+2, live())
	made[0].(instancemgmt.InstanceDisposer).Dispose()
	assert.Equal(t, before+1, live())
	made[1].(instancemgmt.InstanceDisposer).Dispose()
	assert.Equal(t, before, live())
}
