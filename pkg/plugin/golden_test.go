package plugin

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/require"
)

// updateGolden rewrites testdata/*.jsonc; flip it locally only, after checking the new output by eye.
const updateGolden = false

// TestGoldenFrames pins the exact frames (names, labels, units, display names, meta) a panel receives.
func TestGoldenFrames(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	from := testNow.Add(-15 * time.Minute)
	cases := map[string]statsModel{
		"stats_per_service_minute": {Services: []string{sim.Services()[0].ID, sim.Services()[5].ID}, Metrics: []string{"requests", "hit_ratio"}, Granularity: "minute"},
		"stats_sum_per_second":     {Metrics: []string{"bandwidth_bits", "error_ratio"}, Granularity: "minute", GroupBy: "none", PerSecond: true},
	}
	for name, model := range cases {
		t.Run(name, func(t *testing.T) {
			d := newTestDatasource(t, srv.URL, simToken) // its own bucket cache: the calls listed are the cold ones
			resp := runQueries(t, d, dataQuery("A", "stats", model, from, testNow))
			res := resp.Responses["A"]
			require.NoError(t, res.Error)
			experimental.CheckGoldenJSONResponse(t, "testdata", name, &res, updateGolden)
		})
	}
}
