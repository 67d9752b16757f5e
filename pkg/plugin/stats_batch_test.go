package plugin

import (
	"context"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// malformedFetcher answers with rows whose columns are shorter than their times, which the engine cannot merge.
type malformedFetcher struct{}

func (malformedFetcher) Stats(_ context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error) {
	rows := &fastlyapi.Rows{Start: []int64{r.From.Unix()}, Values: make([][]float64, len(r.Fields))}
	res := &fastlyapi.StatsResult{Fields: r.Fields, ByService: map[string]*fastlyapi.Rows{}}
	id := r.ServiceID
	if id == "" && len(r.Services) > 0 {
		id = r.Services[0]
	}
	res.ByService[id] = rows
	return res, nil
}

func TestAPanicInTheStatsBatchFailsItsQueriesNotThePlugin(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	d.stats = stats.NewEngine(malformedFetcher{}, stats.Config{})
	svc := sim.Services()[0].ID
	from := testNow.Add(-time.Hour)
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{
		dataQuery("A", "stats", statsModel{Services: []string{svc}, Metrics: []string{"requests"}, Granularity: "minute"}, from, testNow),
		dataQuery("B", "stats", statsModel{Services: []string{svc}, Metrics: []string{"hits"}, Granularity: "minute"}, from, testNow),
		dataQuery("C", "services", map[string]any{}, from, testNow),
	}})
	require.NoError(t, err)
	for _, ref := range []string{"A", "B"} {
		r := resp.Responses[ref]
		require.Error(t, r.Error, ref)
		assert.Equal(t, backend.ErrorSourcePlugin, r.ErrorSource, ref)
		assert.Contains(t, r.Error.Error(), "internal error in the Fastly plugin", ref)
	}
	assert.NoError(t, resp.Responses["C"].Error, "other query types still answer")
}
