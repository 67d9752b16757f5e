package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLegendFormatRoundTripsThroughTheLivePath(t *testing.T) {
	for _, legend := range []string{"{{service_name}} {{ metric }}", "5xx/s @ {{datacenter}} = 100%.", "ünïcode {{pop_name}}"} {
		q := query.Realtime{Services: []string{"SU1Z0isxPaozGVKXdv0eY"}, Metrics: []string{"requests"}, GroupBy: query.GroupByPOP, LegendFormat: legend}
		ch := realtimeChannel("fastly", q)
		require.NotEmpty(t, ch, legend)
		path := strings.TrimPrefix(ch, "ds/fastly/")
		assert.True(t, strings.HasPrefix(path, "rt/v1/d/SU1Z0isxPaozGVKXdv0eY/requests/-/l="), path)
		got, err := parseRealtimePath(path)
		require.NoError(t, err, path)
		assert.Equal(t, legend, got.LegendFormat)
	}
	noLegend := realtimeChannel("fastly", query.Realtime{Services: []string{"SU1Z0isxPaozGVKXdv0eY"}, Metrics: []string{"requests"}, GroupBy: query.GroupByNone})
	assert.Equal(t, "ds/fastly/rt/v1/n/SU1Z0isxPaozGVKXdv0eY/requests/-", noLegend, "paths without a legend are unchanged")
	for _, bad := range []string{"rt/v1/n/SU1Z0isxPaozGVKXdv0eY/requests/-/x=1", "rt/v1/n/SU1Z0isxPaozGVKXdv0eY/requests/-/l=", "rt/v1/n/SU1Z0isxPaozGVKXdv0eY/requests/-/l==7", "rt/v1/n/SU1Z0isxPaozGVKXdv0eY/requests/-/l=a.b"} {
		_, err := parseRealtimePath(bad)
		assert.Error(t, err, bad)
	}
}

func TestLegendTooLongForTheChannelRefreshesWithANotice(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}, "legendFormat": strings.Repeat("{{service_name}} ", 8)}
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc,
		Queries: []backend.DataQuery{dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)}})
	require.NoError(t, err)
	f := resp.Responses["A"].Frames[0]
	assert.Empty(t, f.Meta.Channel)
	require.NotEmpty(t, f.Meta.Notices)
	assert.Contains(t, f.Meta.Notices[len(f.Meta.Notices)-1].Text, "too long for a Grafana Live channel")
	assert.Equal(t, strings.Repeat("www.example.com ", 8), f.Fields[1].Config.DisplayNameFromDS)
}

func TestStreamedFramesCarryTheFirstAnswersLegend(t *testing.T) {
	rig := newStreamRig(t)
	svc := realtimeService(t, rig.sim, "shop.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests", "status_5xx"},
		"legendFormat": "{{ service_name }} {{metric}}"}
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := rig.d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc,
		Queries: []backend.DataQuery{dataQuery("A", "realtime", model, testNow.Add(-10*time.Second), testNow)}})
	require.NoError(t, err)
	require.NoError(t, resp.Responses["A"].Error)
	panel := resp.Responses["A"].Frames[0]
	require.NotEmpty(t, panel.Meta.Channel)
	assert.LessOrEqual(t, len(panel.Meta.Channel), maxChannelLength)
	want := []string{"shop.example.com requests", "shop.example.com status_5xx"}
	assert.Equal(t, want, displayNames(panel))

	sender, stop := startStream(rig.d, strings.TrimPrefix(panel.Meta.Channel, "ds/fastly/"))
	<-sender.sent
	frames, err := stop()
	require.NoError(t, err)
	require.NotEmpty(t, frames)
	assert.Equal(t, want, displayNames(frames[0]), "the stream names its series like the first answer")
}

// displayNames lists the display names of a frame's value fields.
func displayNames(f *data.Frame) []string {
	var out []string
	for _, field := range f.Fields[1:] {
		out = append(out, field.Config.DisplayNameFromDS)
	}
	return out
}
