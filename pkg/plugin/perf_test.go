package plugin

import (
	"fmt"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dashboard is a benchmark dashboard: twelve panels over one time range.
type dashboard struct {
	name     string
	services int // simulated services
	rangeLen time.Duration
	panels   func(sim *simulator.Simulator) []statsModel
}

// overviewPanels are the "Fastly overview" panels: every service, by service or summed.
func overviewPanels(*simulator.Simulator) []statsModel {
	return []statsModel{
		{Metrics: []string{"requests"}}, {Metrics: []string{"hit_ratio"}}, {Metrics: []string{"error_ratio"}},
		{Metrics: []string{"bandwidth_bits"}}, {Metrics: []string{"origin_offload"}}, {Metrics: []string{"status_4xx", "status_5xx"}},
		{Metrics: []string{"requests"}, GroupBy: "none", PerSecond: true}, {Metrics: []string{"hits", "miss", "pass"}, GroupBy: "none"},
		{Metrics: []string{"bandwidth"}, GroupBy: "none"}, {Metrics: []string{"status_5xx"}, GroupBy: "none"},
		{Metrics: []string{"hit_ratio"}, GroupBy: "none"}, {Metrics: []string{"synth", "errors"}},
	}
}

// servicePanels are the "Fastly service" panels: one service in detail.
func servicePanels(sim *simulator.Simulator) []statsModel {
	id := []string{sim.Services()[0].ID}
	metrics := [][]string{{"requests"}, {"hit_ratio"}, {"error_ratio"}, {"bandwidth_bits"}, {"origin_offload"},
		{"status_2xx", "status_3xx", "status_4xx", "status_5xx"}, {"hits", "miss", "pass"}, {"edge_resp_body_bytes"},
		{"origin_fetches"}, {"tls", "http2"}, {"synth", "errors"}, {"requests", "hit_ratio"}}
	out := make([]statsModel, len(metrics))
	for i, m := range metrics {
		out[i] = statsModel{Services: id, Metrics: m}
	}
	return out
}

var benchDashboards = []dashboard{
	{name: "overview-6-services", services: 6, rangeLen: 6 * time.Hour, panels: overviewPanels},
	{name: "service", services: 6, rangeLen: 6 * time.Hour, panels: servicePanels},
	{name: "overview-25-services", services: 25, rangeLen: 6 * time.Hour, panels: overviewPanels},
}

func TestWarmRefreshFetchesOnlyTheTailAndAnswersLikeACold(t *testing.T) {
	for _, dash := range benchDashboards {
		t.Run(dash.name, func(t *testing.T) {
			rig := newPerfRig(t, dash.services, nil)
			rig.run(t, rig.ds, dash, nil)
			coldCalls, coldBytes := rig.meter.snapshot()

			rig.clock.advance(time.Minute)
			rig.meter.reset()
			warm := rig.run(t, rig.ds, dash, nil)
			warmCalls, warmBytes := rig.meter.snapshot()
			fresh := rig.run(t, rig.newDatasource(t, nil), dash, nil)

			assert.Equal(t, framesWithoutMeta(t, fresh), framesWithoutMeta(t, warm), "cached buckets answer exactly like Fastly")
			assert.LessOrEqual(t, warmBytes*20, coldBytes, "warm %d bytes vs cold %d", warmBytes, coldBytes)
			assert.LessOrEqual(t, warmCalls, len(dash.panels(rig.sim)), "at most one tail call per query group (cold made %d)", coldCalls)
		})
	}
}

func TestAlertQueriesRefetchBucketsFastlyMayStillComplete(t *testing.T) {
	rig := newPerfRig(t, 2, nil)
	dash := dashboard{rangeLen: 6 * time.Hour, panels: func(*simulator.Simulator) []statsModel {
		return []statsModel{{Metrics: []string{"requests"}, GroupBy: "none"}}
	}}
	rig.run(t, rig.ds, dash, nil)
	rig.meter.reset()
	resp := rig.run(t, rig.ds, dash, map[string]string{backend.FromAlertHeaderName: "true"})
	calls, _ := rig.meter.snapshot()
	require.Equal(t, 1, calls)
	executed := resp.Responses["A"].Frames[0].Meta.ExecutedQueryString
	settled := testNow.Add(-15 * time.Minute).Truncate(time.Minute).Unix()
	assert.Contains(t, executed, fmt.Sprintf("from=%d", settled), "the alert reads Fastly, not the cache, for the last 15 minutes")
	assert.Equal(t, framesWithoutMeta(t, rig.run(t, rig.newDatasource(t, nil), dash, nil)), framesWithoutMeta(t, resp))
}

// Twelve panels cold, default settings, Grafana allowing only 2 queries at once: the stats queries of the request
// are planned together, so every Fastly call is in flight before any answer returns.
func TestTwelveQueriesColdTakeOneRoundTrip(t *testing.T) {
	for _, dash := range benchDashboards {
		t.Run(dash.name, func(t *testing.T) {
			rig := newPerfRig(t, dash.services, nil)
			rig.meter.delay = 200 * time.Millisecond
			rig.grafanaQueries = 2
			require.Len(t, dash.panels(rig.sim), 12)
			rig.run(t, rig.ds, dash, nil)
			assert.Equal(t, 1, rig.meter.maxWave, "every call of the cold dashboard is in flight at once (%d calls)", rig.meter.calls)
			assert.LessOrEqual(t, rig.meter.calls, DefaultMaxConcurrentCalls)
		})
	}
}

// The same dashboards with stitching on: the real-time backfills of the stitched services start with the
// Historical Stats calls, so a cold request costs no extra round trip.
func TestTwelveQueriesColdWithStitchingAddNoRoundTrip(t *testing.T) {
	for _, dash := range benchDashboards {
		t.Run(dash.name, func(t *testing.T) {
			rig := newPerfRig(t, dash.services, func(s *Settings) { s.StitchRealtime = true })
			rig.meter.delay, rig.meter.realtime = 200*time.Millisecond, true
			rig.run(t, rig.ds, dash, nil)
			assert.Equal(t, 1, rig.meter.maxWave, "stats calls and real-time backfills are in flight together (%d calls)", rig.meter.calls)
		})
	}
}

// A dashboard over every service of a large account is answered unstitched: no poller starts, and each answer
// says why and which setting changes it.
func TestStatsOverMoreServicesThanTheStitchLimitStartNoPoller(t *testing.T) {
	rig := newPerfRig(t, 30, func(s *Settings) { s.StitchRealtime = true })
	rig.meter.realtime = true
	resp := rig.run(t, rig.ds, benchDashboards[0], nil)
	assert.Zero(t, rig.ds.realtime.Pollers())
	for _, req := range rig.sim.Requests() {
		assert.NotContains(t, req, "/v1/channel/", "no real-time call for an unstitched query")
	}
	for ref, r := range resp.Responses {
		require.NotEmpty(t, r.Frames, ref)
		notices := fmt.Sprint(r.Frames[0].Meta.Notices)
		assert.Contains(t, notices, "spans 30 services", ref)
		assert.Contains(t, notices, "stitchMaxServices", ref)
	}
	unstitched := rig.newDatasource(t, nil)
	want := rig.run(t, unstitched, benchDashboards[0], nil)
	for ref, r := range resp.Responses {
		assert.Equal(t, len(want.Responses[ref].Frames), len(r.Frames), ref)
		for i, f := range r.Frames {
			assert.Equal(t, want.Responses[ref].Frames[i].Fields, f.Fields, "%s: whole, never a partial sum", ref)
		}
	}
}

func TestConcurrentCallsStayWithinTheSetting(t *testing.T) {
	rig := newPerfRig(t, 6, func(s *Settings) { s.MaxConcurrentCalls = 2 })
	rig.meter.delay = 20 * time.Millisecond
	rig.run(t, rig.ds, benchDashboards[0], nil)
	assert.LessOrEqual(t, rig.meter.maxInFlight, 2)
	assert.Greater(t, rig.meter.calls, 2)
}

func TestLongMinuteRangeIsSplitAndMatchesFastly(t *testing.T) {
	rig := newPerfRig(t, 2, nil)
	dash := dashboard{rangeLen: 50 * time.Hour, panels: func(sim *simulator.Simulator) []statsModel {
		return []statsModel{{Services: []string{sim.Services()[1].ID}, Metrics: []string{"requests"}, Granularity: "minute"}}
	}}
	resp := rig.run(t, rig.ds, dash, nil)
	calls, _ := rig.meter.snapshot()
	assert.Equal(t, 3, calls, "50 hours of minutes: at most 1440 minutes a call")
	frame := resp.Responses["A"].Frames[0]
	times, values := frame.Fields[0], frame.Fields[1]
	require.Greater(t, times.Len(), 2900)
	for i := 0; i < times.Len(); i++ {
		start := times.At(i).(time.Time)
		want, ok := rig.sim.Value(rig.sim.Services()[1].ID, "requests", "", "minute", start)
		if !ok {
			want = 0
		}
		got, _ := values.ConcreteAt(i)
		require.Equal(t, want, got, "bucket %s", start)
	}
}

// BenchmarkDashboard reports upstream calls and bytes of a cold load and of a warm refresh one minute later.
func BenchmarkDashboard(b *testing.B) {
	for _, dash := range benchDashboards {
		b.Run(dash.name+"/cold", func(b *testing.B) {
			rig := newPerfRig(b, dash.services, nil)
			cheapest, naive := cheapestPlanBytes(b, rig, dash), naivePlanBytes(b, rig, dash)
			for b.Loop() {
				rig.run(b, rig.newDatasource(b, nil), dash, nil)
			}
			reportUpstream(b, rig)
			b.ReportMetric(float64(cheapest), "cheapest-bytes")
			b.ReportMetric(float64(naive), "naive-bytes")
		})
		b.Run(dash.name+"/cold-200ms", func(b *testing.B) {
			rig := newPerfRig(b, dash.services, nil)
			rig.meter.delay = 200 * time.Millisecond
			rounds := 0
			for b.Loop() {
				rig.meter.reset()
				rig.run(b, rig.newDatasource(b, nil), dash, nil)
				rounds = max(rounds, rig.meter.maxWave)
			}
			b.ReportMetric(float64(rounds), "round-trips")
		})
		b.Run(dash.name+"/warm", func(b *testing.B) {
			rig := newPerfRig(b, dash.services, nil)
			rig.run(b, rig.ds, dash, nil)
			rig.meter.reset()
			for b.Loop() {
				rig.clock.advance(time.Minute)
				rig.run(b, rig.ds, dash, nil)
			}
			reportUpstream(b, rig)
		})
	}
}

func reportUpstream(b *testing.B, rig *perfRig) {
	calls, bytes := rig.meter.snapshot()
	b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
	b.ReportMetric(float64(bytes)/float64(b.N), "upstream-bytes/op")
}

// The planner's cold bytes stay within 1.2× of the cheapest combination of Fastly's endpoints, measured on the
// simulator's real answers.
func TestColdBytesWithinOnePointTwoOfTheCheapestPlan(t *testing.T) {
	for _, dash := range benchDashboards {
		t.Run(dash.name, func(t *testing.T) {
			rig := newPerfRig(t, dash.services, nil)
			rig.run(t, rig.ds, dash, nil)
			_, planned := rig.meter.snapshot()
			cheapest := cheapestPlanBytes(t, rig, dash)
			assert.LessOrEqual(t, planned*10, cheapest*12, "planned %d bytes, cheapest %d", planned, cheapest)
		})
	}
}

// BenchmarkAllServicesFirstAnswer is the cold overview over an account of 200 services with default settings
// (stitching on) and with stitching off; it reports the pollers left running and the real-time bytes fetched.
func BenchmarkAllServicesFirstAnswer(b *testing.B) {
	dash := dashboard{rangeLen: time.Hour, panels: func(*simulator.Simulator) []statsModel { return overviewPanels(nil)[:4] }}
	for _, stitch := range []bool{true, false} {
		b.Run(fmt.Sprintf("stitchRealtime=%t", stitch), func(b *testing.B) {
			rig := newPerfRig(b, 200, nil)
			rig.meter.delay, rig.meter.realtime = 100*time.Millisecond, true
			tune := func(s *Settings) { s.StitchRealtime = stitch }
			pollers := 0
			for b.Loop() {
				d := rig.newDatasource(b, tune)
				rig.run(b, d, dash, nil)
				pollers = max(pollers, d.realtime.Pollers())
			}
			b.ReportMetric(float64(pollers), "pollers")
			reportUpstream(b, rig)
		})
	}
}
