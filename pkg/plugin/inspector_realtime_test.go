package plugin

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRealtimeOriginsMatchTheSimulatorPerSecond(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	www := simService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{www.ID}, "metrics": []string{"responses"}, "groupBy": []string{"host", "datacenter"},
		"datacenters": []string{"AMS", "SJC"}, "source": "realtime"}
	resp := runQueries(t, d, dataQuery("A", "origins", model, testNow.Add(-time.Minute), testNow))
	r := resp.Responses["A"]
	require.NoError(t, r.Error)
	require.NotEmpty(t, r.Frames)
	assert.LessOrEqual(t, len(r.Frames), 6, "at most 3 hosts × 2 POPs")
	assert.Contains(t, r.Frames[0].Meta.ExecutedQueryString, "/v1/origins/"+www.ID+"/ts/")
	checked := 0
	for _, f := range r.Frames {
		value := f.Fields[1]
		dims := map[string]string{"host": value.Labels["host"], "datacenter": value.Labels["datacenter"]}
		assert.Contains(t, []string{"AMS", "SJC"}, dims["datacenter"])
		require.Greater(t, value.Len(), 30, "a row per second")
		for j := 0; j < value.Len(); j++ {
			ts := f.Fields[0].At(j).(time.Time)
			want := 0.0
			for _, family := range []string{"responses", "waf_responses", "compute_responses"} {
				want += sim.InspectorRealtimeValue("origin_inspector", www.ID, family, ts, dims)
			}
			assert.Equal(t, want, *value.At(j).(*float64), "%v at %s", dims, ts)
			checked += int(want)
		}
	}
	assert.Positive(t, checked, "the simulator served traffic")
}

func TestRealtimeDomainsDeriveRatiosFromSummedCounters(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	www := simService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{www.ID}, "metrics": []string{"edge_hit_ratio"}, "source": "realtime"}
	resp := runQueries(t, d, dataQuery("A", "domains", model, testNow.Add(-time.Minute), testNow))
	r := resp.Responses["A"]
	require.NoError(t, r.Error)
	require.Len(t, r.Frames, 1)
	f := r.Frames[0]
	for j := 0; j < f.Rows(); j++ {
		ts := f.Fields[0].At(j).(time.Time)
		hits := sim.InspectorRealtimeValue("domain_inspector", www.ID, "edge_hit_requests", ts, nil)
		all := hits + sim.InspectorRealtimeValue("domain_inspector", www.ID, "edge_miss_requests", ts, nil)
		got := f.Fields[1].At(j).(*float64)
		if all == 0 {
			assert.Nil(t, got, "no ratio without requests at %s", ts)
			continue
		}
		require.NotNil(t, got, ts)
		assert.InDelta(t, hits/all, *got, 1e-12, ts)
	}
}

func TestAutoSourceReadsRealtimeOnlyForRangesTheBufferHolds(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	www := simService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{www.ID}, "metrics": []string{"responses"}}
	for _, c := range []struct {
		name string
		from time.Time
		want string
	}{
		{"last minute: in the buffer", testNow.Add(-time.Minute), "/v1/origins/"},
		{"last 10 minutes: in the window, before the buffer's first second", testNow.Add(-10 * time.Minute), "/metrics/origins/"},
		{"last 4 hours: outside the window", testNow.Add(-4 * time.Hour), "/metrics/origins/"},
	} {
		r := runQueries(t, d, dataQuery("A", "origins", model, c.from, testNow)).Responses["A"]
		require.NoError(t, r.Error, c.name)
		assert.Contains(t, r.Frames[0].Meta.ExecutedQueryString, c.want, c.name)
	}
}

func TestRealtimeInspectorWithoutTheAddOnNamesProductAndService(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	shop := simService(t, sim, "shop.example.com")
	model := map[string]any{"services": []string{shop.ID}, "metrics": []string{"responses"}, "source": "realtime"}
	r := runQueries(t, d, dataQuery("A", "origins", model, testNow.Add(-time.Minute), testNow)).Responses["A"]
	require.Error(t, r.Error)
	assert.Equal(t, backend.StatusForbidden, r.Status)
	assert.Contains(t, r.Error.Error(), "Origin Inspector is not enabled for service shop.example.com ("+shop.ID+")")
	assert.Zero(t, d.realtime.Pollers(), "no poller for a service without the add-on")
}
