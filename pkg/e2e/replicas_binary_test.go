package e2e

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/require"
)

// TestTwoReplicasAnswerTheSameNumbers runs two plugin processes, as two Grafana replicas behind a load balancer do,
// against one simulator: each keeps its own caches and pollers, and both answer a stats panel (unfiltered and
// region-filtered) and a real-time alert rule with the same numbers.
func TestTwoReplicasAnswerTheSameNumbers(t *testing.T) {
	sim, simURL, first := simulatorAndPlugin(t, simulator.Config{})
	second := startPlugin(t, pluginBinary(t))
	ds := datasource(21, "fastly-ha", simURL, simToken) // the same datasource, as a shared Grafana database gives both
	to := sim.NewestPublished("minute").Add(time.Minute)
	svc := firstServiceWithTraffic(t, sim, to.Add(-time.Hour))

	stats := func(region string) backend.DataQuery {
		return backend.DataQuery{RefID: "S" + region, QueryType: "stats", TimeRange: backend.TimeRange{From: to.Add(-time.Hour), To: to},
			Interval: time.Minute, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{
				"queryType": "stats", "services": []string{svc.ID}, "metrics": []string{"requests", "hit_ratio"},
				"granularity": "minute", "region": region,
			})}
	}
	now := time.Now()
	rule := backend.DataQuery{RefID: "R", QueryType: "realtime", TimeRange: backend.TimeRange{From: now.Add(-time.Minute), To: now},
		Interval: time.Second, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{
			"queryType": "realtime", "services": []string{svc.ID}, "metrics": []string{"requests"},
		})}
	req := &backend.QueryDataRequest{PluginContext: ds, Headers: map[string]string{backend.FromAlertHeaderName: "true"},
		Queries: []backend.DataQuery{stats(""), stats("europe"), rule}}

	a, b := first.queryData(t, req), second.queryData(t, req)
	for _, refID := range []string{"S", "Seurope"} {
		require.NoError(t, a.Responses[refID].Error, refID)
		require.NoError(t, b.Responses[refID].Error, refID)
		require.Equal(t, pointsOf(t, a.Responses[refID].Frames), pointsOf(t, b.Responses[refID].Frames), refID)
	}
	require.NoError(t, a.Responses["R"].Error)
	require.NoError(t, b.Responses["R"].Error)
	ra, rb := pointsOf(t, a.Responses["R"].Frames), pointsOf(t, b.Responses["R"].Frames)
	common := 0
	for key, v := range ra {
		if w, ok := rb[key]; ok {
			require.Equal(t, v, w, "real-time %s", key)
			common++
		}
	}
	require.GreaterOrEqual(t, common, 30, "both replicas answer most seconds of the last minute")
}

// pointsOf is every non-null value of the frames by series name, labels and time.
func pointsOf(t *testing.T, frames data.Frames) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, f := range frames {
		times := timesOf(t, f)
		for _, field := range f.Fields[1:] {
			for i, at := range times {
				if v, ok := field.ConcreteAt(i); ok {
					out[field.Name+field.Labels.String()+"@"+at.Format(time.RFC3339)] = v.(float64)
				}
			}
		}
	}
	require.NotEmpty(t, out, "frames without values")
	return out
}
