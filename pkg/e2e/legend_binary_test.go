package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/live"
	"github.com/stretchr/testify/require"
)

// TestLegendFormatOverPluginProtocol sends stats, realtime and origins queries with a legendFormat to the built
// binary and checks the display names Grafana receives, including on the realtime query's stream.
func TestLegendFormatOverPluginProtocol(t *testing.T) {
	sim, simURL, p := simulatorAndPlugin(t, simulator.Config{})
	ds := datasource(4, "fastly-legend", simURL, simToken)
	www := serviceNamed(t, sim, "www.")
	now := time.Now().UTC()
	dq := func(refID, queryType string, from time.Time, model map[string]any) backend.DataQuery {
		model["queryType"] = queryType
		return backend.DataQuery{RefID: refID, QueryType: queryType, TimeRange: backend.TimeRange{From: from, To: now},
			Interval: time.Minute, MaxDataPoints: 1000, JSON: mustJSON(t, model)}
	}
	resp := p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Queries: []backend.DataQuery{
		dq("S", "stats", now.Add(-time.Hour), map[string]any{"services": []string{www.ID}, "metrics": []string{"requests"},
			"granularity": "minute", "groupBy": "service", "legendFormat": "{{ service_name }} ({{service_id}}) {{metric}} {{nope}}"}),
		dq("O", "origins", now.Add(-4*time.Hour), map[string]any{"services": []string{www.ID}, "metrics": []string{"status_5xx"},
			"groupBy": []string{"host"}, "granularity": "hour", "legendFormat": "{{origin}} of {{service_name}}"}),
		dq("R", "realtime", now.Add(-time.Minute), map[string]any{"services": []string{www.ID}, "metrics": []string{"requests"},
			"legendFormat": "{{service_name}} {{metric}}/s"}),
	}})

	stats := resp.Responses["S"]
	require.NoError(t, stats.Error)
	require.Equal(t, []string{www.Name + " (" + www.ID + ") requests {{nope}}"}, valueDisplayNames(stats.Frames))

	origins := resp.Responses["O"]
	require.NoError(t, origins.Error)
	var want []string
	for _, f := range origins.Frames {
		want = append(want, f.Fields[1].Labels["host"]+" of "+www.Name)
	}
	require.NotEmpty(t, want)
	require.Equal(t, want, valueDisplayNames(origins.Frames))

	rt := resp.Responses["R"]
	require.NoError(t, rt.Error)
	require.Equal(t, []string{www.Name + " requests/s"}, valueDisplayNames(rt.Frames))
	channel, err := live.ParseChannel(rt.Frames[0].Meta.Channel)
	require.NoError(t, err, "Meta.Channel %q", rt.Frames[0].Meta.Channel)
	require.LessOrEqual(t, len(rt.Frames[0].Meta.Channel), 160)

	stream, err := p.stream.RunStream(callCtx(t), backend.ToProto().RunStreamRequest(&backend.RunStreamRequest{PluginContext: ds, Path: channel.Path}))
	require.NoError(t, err)
	streamed := receiveFrames(t, stream, 1)
	require.Equal(t, []string{www.Name + " requests/s"}, valueDisplayNames(streamed), "the stream names series like the panel")
}

// serviceNamed is the first simulator service whose name starts with prefix.
func serviceNamed(t *testing.T, sim *simulator.Simulator, prefix string) simulator.Service {
	t.Helper()
	for _, s := range sim.Services() {
		if strings.HasPrefix(s.Name, prefix) {
			return s
		}
	}
	t.Fatalf("no simulator service named %s…", prefix)
	return simulator.Service{}
}

// valueDisplayNames lists the display names of every non-time field of the frames.
func valueDisplayNames(frames data.Frames) []string {
	var out []string
	for _, f := range frames {
		for _, field := range f.Fields {
			if !field.Type().Time() && field.Config != nil {
				out = append(out, field.Config.DisplayNameFromDS)
			}
		}
	}
	return out
}
