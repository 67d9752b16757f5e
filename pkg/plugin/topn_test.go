package plugin

import (
	"sort"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatsTopNKeepsTheLargestServicesByTotal(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()

	// Ground truth: each service's total requests over the minutes the query shows.
	type total struct {
		id, name string
		sum      float64
	}
	var totals []total
	newest := sim.NewestPublished("minute")
	for _, s := range sim.Services() {
		tt := total{id: s.ID, name: s.Name}
		for ts := from; !ts.After(newest); ts = ts.Add(time.Minute) {
			v, _ := sim.Value(s.ID, "requests", "", "minute", ts)
			tt.sum += v
		}
		totals = append(totals, tt)
	}
	rank := func(asc bool) []total {
		out := append([]total(nil), totals...)
		sort.SliceStable(out, func(i, j int) bool {
			if out[i].sum != out[j].sum {
				return (out[i].sum < out[j].sum) == asc
			}
			return out[i].name < out[j].name
		})
		return out
	}

	for _, order := range []string{"desc", "asc"} {
		t.Run(order, func(t *testing.T) {
			model := map[string]any{"metrics": []string{"requests", "bandwidth"}, "granularity": "minute",
				"topN": map[string]any{"metric": "requests", "limit": 3, "order": order}}
			res := runQueries(t, d, dataQuery("A", "stats", model, from, to)).Responses["A"]
			require.NoError(t, res.Error)
			require.Len(t, res.Frames, 6, "3 services × 2 metrics")
			want := rank(order == "asc")[:3]
			for i, f := range res.Frames {
				w := want[i%3]
				metric := "requests"
				if i >= 3 {
					metric = "bandwidth"
				}
				assert.Equal(t, metric, f.Fields[1].Name)
				assert.Equal(t, w.id, f.Fields[1].Labels["service_id"], "frame %d", i)
				assert.Equal(t, w.name, f.Fields[1].Labels["service_name"], "frame %d", i)
			}
		})
	}
}

func TestStatsTopNWithGroupByNoneIsAQueryError(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	model := map[string]any{"metrics": []string{"requests"}, "groupBy": "none", "topN": map[string]any{"limit": 3}}
	res := runQueries(t, d, dataQuery("A", "stats", model, from, to)).Responses["A"]
	require.Error(t, res.Error)
	assert.Equal(t, backend.StatusBadRequest, res.Status)
	assert.Equal(t, backend.ErrorSourcePlugin, res.ErrorSource)
}
