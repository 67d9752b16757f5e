package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/require"
)

const (
	simToken   = "sim-token"
	wrongToken = "not-the-token"
)

// TestBinaryAgainstSimulator builds gpx_fastly, starts it the way Grafana does and checks what a user sees:
// the health check, a stats query against the simulator's ground truth, and the editor's resources.
func TestBinaryAgainstSimulator(t *testing.T) {
	bin := pluginBinary(t)

	// The plugin process runs on the real clock, so the simulator must too.
	sim := simulator.New(simulator.Config{Token: simToken})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	require.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), "the simulator must listen on loopback: %s", srv.URL)

	p := startPlugin(t, bin)
	require.NotNil(t, p.stream)
	ds := datasource(1, "fastly", srv.URL, simToken)
	services := sim.Services()

	t.Run("CheckHealth", func(t *testing.T) {
		res := p.checkHealth(t, ds)
		require.Equal(t, backend.HealthStatusOk, res.Status, res.Message)
		require.Contains(t, res.Message, tokenName(t, srv.URL))
		require.Contains(t, res.Message, fmt.Sprintf("%d services", len(services)))
		require.NotContains(t, res.Message, simToken)

		bad := p.checkHealth(t, datasource(2, "fastly-wrong-token", srv.URL, wrongToken))
		require.Equal(t, backend.HealthStatusError, bad.Status, bad.Message)
		require.Contains(t, strings.ToLower(bad.Message), "rejected the api token", bad.Message)
		require.NotContains(t, bad.Message, wrongToken)
		require.NotContains(t, bad.Message, simToken)
		t.Logf("health OK: %s\nhealth with a wrong token: %s", res.Message, bad.Message)
	})

	t.Run("QueryData stats", func(t *testing.T) {
		to := time.Now().UTC().Truncate(time.Minute)
		from := to.Add(-time.Hour)
		svc := firstServiceWithTraffic(t, sim, from)
		query := func(refID string, metrics ...string) backend.DataQuery {
			return backend.DataQuery{
				RefID: refID, QueryType: "stats", TimeRange: backend.TimeRange{From: from, To: to},
				Interval: time.Minute, MaxDataPoints: 1000,
				JSON: mustJSON(t, map[string]any{
					"queryType": "stats", "services": []string{svc.ID}, "metrics": metrics, "granularity": "minute",
					"region": "", "groupBy": "service", "perSecond": false,
				}),
			}
		}
		newestBefore := sim.NewestPublished("minute")
		resp := p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{
			query("A", "requests", "hit_ratio"),
			query("B", "requests", "not_a_metric"),
		}})
		newestAfter := sim.NewestPublished("minute")
		require.Len(t, resp.Responses, 2)

		b := resp.Responses["B"]
		require.Error(t, b.Error)
		require.Equal(t, backend.StatusBadRequest, b.Status)
		require.Contains(t, b.Error.Error(), "not_a_metric")
		require.Empty(t, b.Frames)
		require.NotContains(t, b.Error.Error(), simToken)

		a := resp.Responses["A"]
		require.NoError(t, a.Error)
		require.Len(t, a.Frames, 2, "one frame per metric of the one service")
		framesJSON, err := json.Marshal(a.Frames)
		require.NoError(t, err)
		require.NotContains(t, string(framesJSON), simToken)

		byMetric := map[string]*data.Frame{}
		for _, f := range a.Frames {
			require.NotNil(t, f.Meta)
			require.Equal(t, data.FrameTypeTimeSeriesMulti, f.Meta.Type)
			require.Contains(t, f.Meta.ExecutedQueryString, "/stats/")
			require.Len(t, f.Fields, 2)
			require.Equal(t, data.FieldTypeTime, f.Fields[0].Type())
			value := f.Fields[1]
			require.Equal(t, data.FieldTypeNullableFloat64, value.Type())
			require.Equal(t, svc.ID, value.Labels["service_id"])
			require.Equal(t, svc.Name, value.Labels["service_name"])
			byMetric[value.Name] = f
		}
		require.Contains(t, byMetric, "requests")
		require.Contains(t, byMetric, "hit_ratio")

		// Grid: from the first minute of the range, every minute, up to the newest minute published when the plugin asked.
		times := timesOf(t, byMetric["requests"])
		require.Equal(t, times, timesOf(t, byMetric["hit_ratio"]))
		require.NotEmpty(t, times)
		require.Equal(t, from, times[0])
		for i := 1; i < len(times); i++ {
			require.Equal(t, 60*time.Second, times[i].Sub(times[i-1]), "step before point %d", i)
		}
		last := times[len(times)-1]
		require.False(t, last.Before(newestBefore), "last point %s is older than the newest published minute %s", last, newestBefore)
		require.False(t, last.After(newestAfter), "last point %s is newer than the newest published minute %s", last, newestAfter)
		require.True(t, last.Before(to))
		t.Logf("%s (%s): %d minutes %s → %s, %s", svc.Name, svc.ID, len(times), times[0].Format(time.RFC3339), last.Format(time.RFC3339),
			strings.ReplaceAll(byMetric["requests"].Meta.ExecutedQueryString, "\n", "; "))

		truth := func(field string, at time.Time) float64 {
			v, ok := sim.Value(svc.ID, field, "", "minute", at)
			if !ok {
				return 0 // the API omits a published minute without traffic: zero, not a gap
			}
			return v
		}
		requests, hitRatio := byMetric["requests"].Fields[1], byMetric["hit_ratio"].Fields[1]
		for i, at := range times {
			got, ok := requests.ConcreteAt(i)
			require.True(t, ok, "requests at %s is null", at)
			require.Equal(t, truth("requests", at), got, "requests at %s", at)

			hits, miss := truth("hits", at), truth("miss", at)
			ratio, ok := hitRatio.ConcreteAt(i)
			if hits+miss == 0 {
				require.False(t, ok, "hit_ratio at %s must be null without hits or misses, got %v", at, ratio)
				continue
			}
			require.True(t, ok, "hit_ratio at %s is null", at)
			require.InDelta(t, hits/(hits+miss), ratio, 1e-12, "hit_ratio at %s", at)
		}
	})

	t.Run("CallResource", func(t *testing.T) {
		status, body := p.callResource(t, ds, "services")
		require.Equal(t, http.StatusOK, status, string(body))
		require.NotContains(t, string(body), simToken)
		var got []struct{ ID, Name, Type string }
		require.NoError(t, json.Unmarshal(body, &got), string(body))
		want := append([]simulator.Service(nil), services...)
		sort.SliceStable(want, func(i, j int) bool { return want[i].Name < want[j].Name })
		require.Len(t, got, len(want))
		for i := range want {
			require.Equal(t, want[i].ID, got[i].ID, "services[%d]", i)
			require.Equal(t, want[i].Name, got[i].Name, "services[%d]", i)
			require.Equal(t, want[i].Type, got[i].Type, "services[%d]", i)
		}

		status, body = p.callResource(t, ds, "metrics")
		require.Equal(t, http.StatusOK, status, string(body))
		require.NotContains(t, string(body), simToken)
		var metrics []struct{ Name, Unit string }
		require.NoError(t, json.Unmarshal(body, &metrics), string(body))
		units := map[string]string{}
		for _, m := range metrics {
			units[m.Name] = m.Unit
		}
		require.Contains(t, units, "requests")
		require.NotEmpty(t, units["requests"])
		require.Equal(t, "percentunit", units["hit_ratio"], "a 0–1 ratio must be shown as a percentage")

		status, body = p.callResource(t, ds, "regions")
		require.Equal(t, http.StatusOK, status, string(body))
		var regions []string
		require.NoError(t, json.Unmarshal(body, &regions), string(body))
		require.ElementsMatch(t, sim.Regions(), regions)

		status, body = p.callResource(t, ds, "datacenters")
		require.Equal(t, http.StatusOK, status, string(body))
		require.NotContains(t, string(body), simToken)
	})
}

// firstServiceWithTraffic is the first simulator service with requests in every published minute since from.
func firstServiceWithTraffic(t *testing.T, sim *simulator.Simulator, from time.Time) simulator.Service {
	t.Helper()
	newest := sim.NewestPublished("minute")
	for _, s := range sim.Services() {
		busy := true
		for at := from; !at.After(newest) && busy; at = at.Add(time.Minute) {
			v, ok := sim.Value(s.ID, "requests", "", "minute", at)
			busy = ok && v > 0
		}
		if busy {
			return s
		}
	}
	t.Fatal("no simulator service has requests in every minute of the last hour")
	return simulator.Service{}
}

// tokenName asks the simulator, as Fastly, what the token is called.
func tokenName(t *testing.T, apiURL string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, apiURL+"/tokens/self", nil)
	require.NoError(t, err)
	req.Header.Set("Fastly-Key", simToken)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var token struct{ Name string }
	require.NoError(t, json.NewDecoder(res.Body).Decode(&token))
	require.NotEmpty(t, token.Name)
	return token.Name
}

// timesOf returns a frame's time column as UTC instants (Arrow carries instants, not locations).
func timesOf(t *testing.T, f *data.Frame) []time.Time {
	t.Helper()
	out := make([]time.Time, f.Fields[0].Len())
	for i := range out {
		v, ok := f.Fields[0].ConcreteAt(i)
		require.True(t, ok, "null time at %d", i)
		out[i] = v.(time.Time).UTC()
	}
	return out
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
