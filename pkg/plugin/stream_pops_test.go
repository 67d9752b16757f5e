package plugin

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
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
	now := testNow
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	sim := simulator.New(simulator.Config{Token: simToken, Now: clock})
	sim.SetLongPoll(20 * time.Millisecond)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "shop.example.com")

	ctx, cancel := context.WithCancel(context.Background())
	sender := &recordingSender{sent: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() { done <- d.runStream(ctx, "rt/v1/d/"+svc.ID+"/requests/-", sender) }()
	<-sender.sent
	for i := 0; i < 5; i++ {
		mu.Lock()
		now = now.Add(time.Second)
		mu.Unlock()
		<-sender.sent
	}
	cancel()
	require.NoError(t, <-done)

	sender.mu.Lock()
	defer sender.mu.Unlock()
	require.GreaterOrEqual(t, len(sender.frames), 3)
	first := popColumns(sender.frames[0])
	require.NotEmpty(t, first)
	for _, f := range sender.frames[1:] {
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

	ctx, cancel := context.WithCancel(context.Background())
	sender := &recordingSender{sent: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() { done <- d.runStream(ctx, strings.TrimPrefix(panel.Meta.Channel, "ds/fastly/"), sender) }()
	<-sender.sent
	cancel()
	require.NoError(t, <-done)
	sender.mu.Lock()
	defer sender.mu.Unlock()
	assert.Equal(t, popColumns(panel), popColumns(sender.frames[0]), "a 10 s panel knows every POP the stream will push")
}
