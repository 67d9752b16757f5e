package e2e

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/require"
)

// TestLogQueriesOverPluginProtocol sends insights, logs and logMetrics queries to the built binary and checks what
// Grafana receives: a table with Explore links, a data-plane log-lines frame whose labels keep every record field, a
// logMetrics table, and the not-enabled error of a service without the product.
func TestLogQueriesOverPluginProtocol(t *testing.T) {
	sim, simURL, p := simulatorAndPlugin(t, simulator.Config{})
	ds := datasource(5, "fastly-logs", simURL, simToken)
	www, static := serviceNamed(t, sim, "www."), serviceNamed(t, sim, "static.")
	now := time.Now().UTC()
	dq := func(refID, queryType string, model map[string]any) backend.DataQuery {
		model["queryType"] = queryType
		return backend.DataQuery{RefID: refID, QueryType: queryType, TimeRange: backend.TimeRange{From: now.Add(-time.Hour), To: now},
			Interval: time.Minute, MaxDataPoints: 1000, JSON: mustJSON(t, model)}
	}
	resp := p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{
		dq("I", "insights", map[string]any{"services": []string{www.ID}, "visualization": "top-url-by-requests"}),
		dq("L", "logs", map[string]any{"services": []string{www.ID}, "limit": 120}),
		dq("M", "logMetrics", map[string]any{"services": []string{www.ID}, "metrics": []string{"response_time_p95"}, "groupBy": "fastly_pop"}),
		dq("N", "logs", map[string]any{"services": []string{static.ID}}),
	}})

	insights := resp.Responses["I"]
	require.NoError(t, insights.Error)
	url, _ := insights.Frames[0].FieldByName("url")
	require.NotNil(t, url)
	require.Len(t, url.Config.Links, 1)
	require.Equal(t, "fastly-logs", url.Config.Links[0].Internal.DatasourceUID)

	logs := resp.Responses["L"]
	require.NoError(t, logs.Error)
	lines := logs.Frames[0]
	require.Equal(t, data.FrameTypeLogLines, lines.Meta.Type)
	require.Equal(t, data.VisType(data.VisTypeLogs), lines.Meta.PreferredVisualization)
	require.Equal(t, 120, lines.Rows())
	labels, _ := lines.FieldByName("labels")
	require.NotNil(t, labels)
	var record map[string]any
	require.NoError(t, json.Unmarshal(labels.At(0).(json.RawMessage), &record))
	require.Contains(t, record, "client_ip_prefix", "fields beyond the spec's reach Grafana")

	metrics := resp.Responses["M"]
	require.NoError(t, metrics.Error)
	require.Positive(t, metrics.Frames[0].Rows())

	notEnabled := resp.Responses["N"]
	require.Error(t, notEnabled.Error)
	require.Contains(t, notEnabled.Error.Error(), "Log Explorer & Insights is not enabled")
	require.Empty(t, notEnabled.Frames)
}
