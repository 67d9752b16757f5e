package plugin

import (
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// popTotals sums each POP's values over its frame.
func popTotals(frames data.Frames) map[string]float64 {
	totals := map[string]float64{}
	for _, f := range frames {
		field := f.Fields[1]
		for i := 0; i < field.Len(); i++ {
			if v := field.At(i).(*float64); v != nil {
				totals[field.Labels["datacenter"]] += *v
			}
		}
	}
	return totals
}

func TestRealtimeTopNKeepsThePOPsWithTheMostRequests(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	from := testNow.Add(-time.Minute)
	all := runQueries(t, d, dataQuery("A", "realtime", map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}, "groupBy": "datacenter"}, from, testNow)).Responses["A"]
	require.NoError(t, all.Error)
	totals := popTotals(all.Frames)
	require.Greater(t, len(totals), 3)
	pops := make([]string, 0, len(totals))
	for p := range totals {
		pops = append(pops, p)
	}
	sort.Slice(pops, func(i, j int) bool {
		if totals[pops[i]] != totals[pops[j]] {
			return totals[pops[i]] > totals[pops[j]]
		}
		return pops[i] < pops[j]
	})

	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests", "status_5xx"}, "groupBy": "datacenter",
		"topN": map[string]any{"metric": "requests", "limit": 3}}
	top := runQueries(t, d, dataQuery("A", "realtime", model, from, testNow)).Responses["A"]
	require.NoError(t, top.Error)
	require.Len(t, top.Frames, 6, "3 POPs × 2 metrics")
	kept := map[string]bool{}
	for _, f := range top.Frames {
		kept[f.Fields[1].Labels["datacenter"]] = true
		assert.Equal(t, svc.Name, f.Fields[1].Labels["service_name"], "labels stay intact")
	}
	assert.Equal(t, map[string]bool{pops[0]: true, pops[1]: true, pops[2]: true}, kept)
}

func TestRealtimeTopNStreamFollowsTheChosenPOPs(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}, "groupBy": "datacenter",
		"topN": map[string]any{"metric": "requests", "limit": 2, "order": "asc"}}
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc,
		Queries: []backend.DataQuery{dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)}})
	require.NoError(t, err)
	require.NoError(t, resp.Responses["A"].Error)
	frame := resp.Responses["A"].Frames[0]
	require.Len(t, frame.Fields, 3, "time + the 2 chosen POPs")
	var pops []string
	for _, f := range frame.Fields[1:] {
		pops = append(pops, f.Labels["datacenter"])
	}
	assert.True(t, strings.HasSuffix(frame.Meta.Channel, "/requests/"+strings.Join(pops, ".")),
		"the stream follows exactly the chosen POPs: %s", frame.Meta.Channel)
}

func TestRealtimeTopNValidation(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	model := map[string]any{"services": []string{"KUYpPkYquUyBXe0YBWGQp7"}, "metrics": []string{"requests"},
		"topN": map[string]any{"metric": "status_5xx"}}
	r := runQueries(t, d, dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)).Responses["A"]
	assertQueryError(t, r, backend.StatusBadRequest, backend.ErrorSourcePlugin, `top N ranks by "status_5xx", which is not one of the query's metrics`)
}
