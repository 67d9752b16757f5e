package e2e

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/require"
)

// backfillMinutes is what a new poller holds at once: Fastly's 120 s of history.
const backfillMinutes = 2

// TestRealtimeMemoryAtFastlySizeOverPluginProtocol measures what the plugin holds for Fastly-sized real-time
// records (the simulator's Fastly-sized mode: ~90 POPs × 39 fields), per service-minute, from its own metrics.
func TestRealtimeMemoryAtFastlySizeOverPluginProtocol(t *testing.T) {
	sim, simURL, p := simulatorAndPlugin(t, simulator.Config{FastlySized: true})
	services := busyRealtimeServices(t, sim)

	summed := realtimeMemory(t, p, datasource(12, "fastly-mem-sum", simURL, simToken), services, "none")
	t.Logf("summed query: %d services, %.0f KB per service-minute held in buffers (sums by region %.0f KB, POP detail %.0f KB)",
		len(services), summed.total()/1024, summed.regions/1024, summed.detail/1024)
	require.Zero(t, summed.detail, "a summed query keeps no POP detail")
	require.LessOrEqual(t, summed.summed, 40.0*1024, "the sum over POPs fits 40 KB per service-minute")
	require.Positive(t, summed.regions, "every poller keeps sums by region for region-filtered stitching")
	require.LessOrEqual(t, summed.regions, 80.0*1024, "the sums by region fit 80 KB per service-minute")

	perPOP := realtimeMemory(t, p, datasource(11, "fastly-mem-pop", simURL, simToken), services, "datacenter")
	t.Logf("per-POP query: %d services, %.0f KB per service-minute held in buffers (summed %.0f KB, POP detail %.0f KB)",
		len(services), perPOP.total()/1024, perPOP.summed/1024, perPOP.detail/1024)
	require.Positive(t, perPOP.detail, "a per-POP query keeps POP detail")
	require.LessOrEqual(t, perPOP.summed, 40.0*1024, "the sum over POPs fits 40 KB per service-minute")
	require.LessOrEqual(t, perPOP.summed+perPOP.detail, 400.0*1024, "per-POP detail fits 400 KB per service-minute")
}

// heldPerServiceMinute is the real-time buffer bytes the plugin reports, per service-minute, by mode.
type heldPerServiceMinute struct{ summed, detail, regions float64 }

func (h heldPerServiceMinute) total() float64 { return h.summed + h.detail + h.regions }

// realtimeMemory runs one realtime alert-style query (answered from memory, no stream) over the services on a
// datasource of its own, then reads the buffer gauges of the plugin process.
func realtimeMemory(t *testing.T, p pluginClients, ds backend.PluginContext, services []string, groupBy string) heldPerServiceMinute {
	t.Helper()
	before := parseMetrics(t, p.collectMetrics(t))
	now := time.Now()
	resp := p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Headers: map[string]string{backend.FromAlertHeaderName: "true"},
		Queries: []backend.DataQuery{{RefID: "A", QueryType: "realtime", TimeRange: backend.TimeRange{From: now.Add(-time.Minute), To: now},
			Interval: time.Second, MaxDataPoints: 1000, JSON: mustJSON(t, map[string]any{
				"queryType": "realtime", "services": services, "metrics": []string{"requests"}, "groupBy": groupBy,
			})}}})
	require.NoError(t, resp.Responses["A"].Error)
	after := parseMetrics(t, p.collectMetrics(t))
	delta := func(mode string) float64 {
		key := `fastly_datasource_realtime_buffer_bytes{mode="` + mode + `"}`
		return (after.value(key) - before.value(key)) / float64(len(services)*backfillMinutes)
	}
	return heldPerServiceMinute{summed: delta("summed"), detail: delta("pop_detail"), regions: delta("region_sums")}
}

// busyRealtimeServices are the simulator's services with requests in every second of the last 150.
func busyRealtimeServices(t *testing.T, sim *simulator.Simulator) []string {
	t.Helper()
	now := time.Now().Truncate(time.Second)
	var out []string
	for _, s := range sim.Services() {
		busy := true
		for at := now.Add(-150 * time.Second); !at.After(now) && busy; at = at.Add(time.Second) {
			busy = sim.RealtimeValue(s.ID, "requests", "", at) > 0
		}
		if busy {
			out = append(out, s.ID)
		}
	}
	require.NotEmpty(t, out, "no simulator service has requests in every second of the last 150")
	return out
}
