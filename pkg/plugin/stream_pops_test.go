package plugin

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func popColumns(f *data.Frame) []string {
	var pops []string
	for _, field := range f.Fields[1:] {
		pops = append(pops, field.Labels["datacenter"])
	}
	return pops
}

func TestPerPOPStreamKeepsItsColumnsAcrossPushes(t *testing.T) {
	rig := newStreamRig(t)
	svc := realtimeService(t, rig.sim, "shop.example.com")
	sender, stop := startStream(rig.d, "rt/v1/d/"+svc.ID+"/requests/-")
	<-sender.sent
	for i := 0; i < 5; i++ {
		rig.advance(time.Second)
		<-sender.sent
	}
	frames, err := stop()
	require.NoError(t, err)

	require.GreaterOrEqual(t, len(frames), 3)
	first := popColumns(frames[0])
	require.NotEmpty(t, first)
	for _, f := range frames[1:] {
		got := popColumns(f)
		assert.Equal(t, first, got[:len(first)], "POPs already streamed keep their columns, new ones are appended")
	}
}

func TestPerPOPPanelAndItsStreamStartWithTheSameColumns(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(20 * time.Millisecond)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "shop.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}, "groupBy": "datacenter"}
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc,
		Queries: []backend.DataQuery{dataQuery("A", "realtime", model, testNow.Add(-10*time.Second), testNow)}})
	require.NoError(t, err)
	require.NoError(t, resp.Responses["A"].Error)
	panel := resp.Responses["A"].Frames[0]
	require.NotEmpty(t, panel.Meta.Channel)

	sender, stop := startStream(d, strings.TrimPrefix(panel.Meta.Channel, "ds/fastly/"))
	<-sender.sent
	frames, err := stop()
	require.NoError(t, err)
	assert.Equal(t, popColumns(panel), popColumns(frames[0]), "a 10 s panel knows every POP the stream will push")
}
