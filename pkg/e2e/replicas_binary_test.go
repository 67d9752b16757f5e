package e2e

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/live"
	"github.com/stretchr/testify/require"
)

// TestTwoReplicasAnswerAlikeAgainstOneFastly runs two plugin processes, as two Grafana replicas behind a load
// balancer do (same datasource from the shared database), against one simulator: both answer the same numbers for
// the same stats, inspector and real-time queries, and each makes its own upstream calls, from its own cache and poller.
func TestTwoReplicasAnswerAlikeAgainstOneFastly(t *testing.T) {
	sim, simURL, first := simulatorAndPlugin(t, simulator.Config{})
	second := startPlugin(t, pluginBinary(t))
	replicas := []pluginClients{first, second}
	ds := datasource(7, "fastly-ha", simURL, simToken)

	// A range whose minutes and hours Fastly has all published: an answer does not depend on when it is asked.
	to := time.Now().UTC().Truncate(time.Hour).Add(-time.Hour)
	stats := backend.DataQuery{RefID: "S", QueryType: "stats", TimeRange: backend.TimeRange{From: to.Add(-time.Hour), To: to},
		Interval: time.Minute, MaxDataPoints: 1000}
	svc := firstServiceWithTraffic(t, sim, stats.TimeRange.From)
	stats.JSON = mustJSON(t, map[string]any{"queryType": "stats", "services": []string{svc.ID},
		"metrics": []string{"requests", "hit_ratio"}, "granularity": "minute", "groupBy": "service"})
	www := serviceNamed(t, sim, "www.")
	origins := backend.DataQuery{RefID: "O", QueryType: "origins", TimeRange: backend.TimeRange{From: to.Add(-4 * time.Hour), To: to},
		Interval: time.Hour, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{"queryType": "origins",
			"services": []string{www.ID}, "metrics": []string{"responses", "status_5xx"}, "groupBy": []string{"host"}, "granularity": "hour"})}

	t.Run("stats", func(t *testing.T) {
		answers, calls := askEach(t, replicas, request(ds, stats), sim, "GET /stats/")
		requireSameFrames(t, answers)
		requireStatsTruth(t, sim, svc, answers[0])
		require.Positive(t, calls[0], "the first replica asks Fastly")
		require.Equal(t, calls[0], calls[1], "the second replica's cache is its own: it makes the same calls again")

		again, warm := askEach(t, replicas[:1], request(ds, stats), sim, "GET /stats/")
		require.Zero(t, warm[0], "a replica answers a published range it already read from its cache")
		requireSameFrames(t, append(again, answers[0]))
	})

	t.Run("origins", func(t *testing.T) {
		answers, calls := askEach(t, replicas, request(ds, origins), sim, "GET /metrics/origins/")
		requireSameFrames(t, answers)
		require.NotEmpty(t, answers[0])
		require.Positive(t, calls[0])
		require.Equal(t, calls[0], calls[1], "each replica reads the Inspector itself")
		_, checks := askEach(t, replicas, request(ds, origins), sim, "GET /enabled-products/")
		require.Equal(t, []int{0, 0}, checks, "each replica keeps the add-on's enablement it read")
		require.Equal(t, len(replicas), countRequests(sim.Requests(), "GET /enabled-products/"), "each replica read it once")
	})

	t.Run("realtime", func(t *testing.T) {
		rt := busiestRealtimeService(t, sim)
		now := time.Now()
		q := backend.DataQuery{RefID: "R", QueryType: "realtime", TimeRange: backend.TimeRange{From: now.Add(-time.Minute), To: now},
			Interval: time.Second, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{"queryType": "realtime",
				"services": []string{rt.ID}, "metrics": []string{"requests"}})}
		alert := request(ds, q)
		alert.Headers = map[string]string{backend.FromAlertHeaderName: "true"} // answered from the poller's memory, no stream
		answers, _ := askEach(t, replicas, alert, sim, "GET /v1/channel/")
		for _, frames := range answers {
			require.Len(t, frames, 1)
			requireRealtimeTruth(t, sim, rt, frames[0], frames[0].Fields[1])
		}
		// Whoever started it (this query, or the stats query's stitching), each replica runs its own poller for
		// the service, which read Fastly's 120 s history once.
		require.Equal(t, len(replicas), countRequests(sim.Requests(), "GET /v1/channel/"+rt.ID+"/ts/h"))
		for i, p := range replicas {
			m := parseMetrics(t, p.collectMetrics(t))
			require.Positive(t, m.value(`fastly_datasource_upstream_requests_total{class="realtime",status="200"}`), "replica %d polls Fastly itself", i+1)
		}

		// A live panel: with Live over Redis, every replica that has viewers of the channel runs its own stream and
		// publishes to its own viewers. Subscribing a viewer costs no call; each stream sends Fastly's numbers.
		panel := firstFrame(t, replicas[0].queryData(t, request(ds, q)), "R")
		channel, err := live.ParseChannel(panel.Meta.Channel)
		require.NoError(t, err, "Meta.Channel %q", panel.Meta.Channel)
		before := len(sim.Requests())
		for _, p := range replicas {
			for range 2 {
				require.Equal(t, backend.SubscribeStreamStatusOK, p.subscribe(t, ds, channel.Path))
			}
		}
		require.Zero(t, countRequests(sim.Requests()[before:], "GET /service"), "viewers are admitted from the cached service list")
		for i, p := range replicas {
			polls, elapsed, frames := streamFrames(t, p, ds, channel.Path, 4)
			for _, f := range frames {
				requireRealtimeTruth(t, sim, rt, f, f.Fields[1])
			}
			pollers := parseMetrics(t, p.collectMetrics(t)).value(`fastly_datasource_realtime_pollers`)
			t.Logf("replica %d: %d frames in %s while its %.0f poller(s) made %.0f real-time calls", i+1, len(frames), elapsed.Round(time.Millisecond), pollers, polls)
		}
	})
}

// firstFrame is the first frame of a refId's answer, which must have no error.
func firstFrame(t *testing.T, res *backend.QueryDataResponse, refID string) *data.Frame {
	t.Helper()
	require.NoError(t, res.Responses[refID].Error)
	require.NotEmpty(t, res.Responses[refID].Frames)
	return res.Responses[refID].Frames[0]
}

// streamFrames runs the channel's stream on one replica until n frames arrive and returns them, how long that took
// and how many real-time calls the replica made meanwhile (its own counter).
func streamFrames(t *testing.T, p pluginClients, ds backend.PluginContext, path string, n int) (float64, time.Duration, []*data.Frame) {
	t.Helper()
	const calls = `fastly_datasource_upstream_requests_total{class="realtime",status="200"}`
	ctx, stop := context.WithCancel(callCtx(t))
	defer stop()
	before, started := parseMetrics(t, p.collectMetrics(t)).value(calls), time.Now()
	stream, err := p.stream.RunStream(ctx, backend.ToProto().RunStreamRequest(&backend.RunStreamRequest{PluginContext: ds, Path: path}))
	require.NoError(t, err)
	frames := receiveFrames(t, stream, n)
	elapsed := time.Since(started)
	return parseMetrics(t, p.collectMetrics(t)).value(calls) - before, elapsed, frames
}

// request is one query of a datasource as Grafana sends it.
func request(ds backend.PluginContext, q backend.DataQuery) *backend.QueryDataRequest {
	return &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{q}}
}

// askEach sends req to each replica in turn, requires its one query to be answered without error, and counts the
// simulator's requests with the prefix that each replica caused.
func askEach(t *testing.T, replicas []pluginClients, req *backend.QueryDataRequest, sim *simulator.Simulator, prefix string) ([]data.Frames, []int) {
	t.Helper()
	refID := req.Queries[0].RefID
	var answers []data.Frames
	var calls []int
	for i, p := range replicas {
		before := countRequests(sim.Requests(), prefix)
		res := p.queryData(t, req).Responses[refID]
		require.NoError(t, res.Error, "replica %d", i+1)
		answers = append(answers, res.Frames)
		calls = append(calls, countRequests(sim.Requests(), prefix)-before)
	}
	return answers, calls
}

// requireSameFrames requires every answer to encode to the same JSON as the first (same series, labels, times and
// values), the calls each made aside: a cached answer lists none.
func requireSameFrames(t *testing.T, answers []data.Frames) {
	t.Helper()
	first := framesWithoutCalls(t, answers[0])
	for i, a := range answers[1:] {
		require.JSONEq(t, first, framesWithoutCalls(t, a), "answer %d differs from the first", i+2)
	}
}

// framesWithoutCalls is the frames' JSON with ExecutedQueryString left out.
func framesWithoutCalls(t *testing.T, frames data.Frames) string {
	t.Helper()
	var out []any
	for _, f := range frames {
		raw, err := json.Marshal(f)
		require.NoError(t, err)
		var v map[string]any
		require.NoError(t, json.Unmarshal(raw, &v))
		if meta, ok := v["schema"].(map[string]any)["meta"].(map[string]any); ok {
			delete(meta, "executedQueryString")
		}
		out = append(out, v)
	}
	b, err := json.Marshal(out)
	require.NoError(t, err)
	return string(b)
}

// requireStatsTruth checks the requests series of a stats answer against the simulator, minute by minute.
func requireStatsTruth(t *testing.T, sim *simulator.Simulator, svc simulator.Service, frames data.Frames) {
	t.Helper()
	for _, f := range frames {
		if f.Fields[1].Name != "requests" {
			continue
		}
		times := timesOf(t, f)
		require.NotEmpty(t, times)
		for i, at := range times {
			want, _ := sim.Value(svc.ID, "requests", "", "minute", at)
			got, ok := f.Fields[1].ConcreteAt(i)
			require.True(t, ok, "requests at %s is null", at)
			require.Equal(t, want, got, "requests at %s", at)
		}
		return
	}
	require.Fail(t, "no requests series in the answer")
}
