package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/genproto/pluginv2"
	"github.com/grafana/grafana-plugin-sdk-go/live"
	"github.com/stretchr/testify/require"
)

// rtIdleSeconds is the datasource's poller idle time: the shortest the settings allow, so the test sees the poller stop.
const rtIdleSeconds = 30

// TestRealtimeOverPluginProtocol drives the real-time query type through the built binary the way Grafana does: a
// dashboard panel's query, Grafana Live's subscribe, publish and run calls, and an alert rule's query, all served
// by one shared poller per service.
func TestRealtimeOverPluginProtocol(t *testing.T) {
	started := time.Now()
	sim, simURL, p := simulatorAndPlugin(t, simulator.Config{})
	ds := datasource(3, "fastly-rt", simURL, simToken)
	ds.DataSourceInstanceSettings.JSONData = mustJSON(t, map[string]any{
		"apiUrl": simURL, "realtimeUrl": simURL, "realtimeIdleSeconds": rtIdleSeconds,
	})
	svc := busiestRealtimeService(t, sim)
	rtQuery := mustJSON(t, map[string]any{"queryType": "realtime", "services": []string{svc.ID}, "metrics": []string{"requests"}})
	realtimeQuery := func(headers map[string]string) *backend.QueryDataResponse {
		now := time.Now()
		return p.queryData(t, &backend.QueryDataRequest{PluginContext: ds, Headers: headers, Queries: []backend.DataQuery{{
			RefID: "A", QueryType: "realtime", TimeRange: backend.TimeRange{From: now.Add(-time.Minute), To: now},
			Interval: time.Second, MaxDataPoints: 1000, JSON: rtQuery,
		}}})
	}

	// (a) a dashboard panel: one wide frame carrying the live channel that streams it.
	panel := realtimeQuery(nil).Responses["A"]
	require.NoError(t, panel.Error)
	require.Len(t, panel.Frames, 1, "a streaming panel gets one wide frame")
	frame := panel.Frames[0]
	require.NotNil(t, frame.Meta)
	require.Equal(t, data.FrameTypeTimeSeriesWide, frame.Meta.Type)
	channel, err := live.ParseChannel(frame.Meta.Channel)
	require.NoError(t, err, "Meta.Channel %q is not a valid Grafana Live channel", frame.Meta.Channel)
	require.Equal(t, live.ScopeDatasource, channel.Scope)
	require.Equal(t, ds.DataSourceInstanceSettings.UID, channel.Namespace)
	requireRealtimeTruth(t, sim, svc, frame, frame.Fields[1])

	// (c) RunStream pushes new seconds equal to the simulator's, and ends with the stream's context.
	streamCtx, stopStream := context.WithTimeout(callCtx(t), 15*time.Second)
	defer stopStream()
	stream, err := p.stream.RunStream(streamCtx, backend.ToProto().RunStreamRequest(&backend.RunStreamRequest{PluginContext: ds, Path: channel.Path}))
	require.NoError(t, err)
	streamed := receiveFrames(t, stream, 2)
	for _, f := range streamed {
		require.Equal(t, data.FrameTypeTimeSeriesWide, f.Meta.Type)
		requireRealtimeTruth(t, sim, svc, f, f.Fields[1])
	}
	require.True(t, timesOf(t, streamed[1])[0].After(timesOf(t, streamed[0])[0]), "each frame carries newer seconds")

	// (b) Grafana Live admits only the panel's own kind of path, for services the token can see, and never publishes.
	require.Equal(t, backend.SubscribeStreamStatusOK, p.subscribe(t, ds, channel.Path))
	require.Equal(t, backend.SubscribeStreamStatusNotFound, p.subscribe(t, ds, "rt/v1/x/"+svc.ID+"/requests/-"))
	require.Equal(t, backend.SubscribeStreamStatusNotFound, p.subscribe(t, ds, "not/a/realtime/path"))
	invisible := strings.Replace(channel.Path, svc.ID, "AAAAAAAAAAAAAAAAAAAAAA", 1)
	require.Equal(t, backend.SubscribeStreamStatusPermissionDenied, p.subscribe(t, ds, invisible), "a service the token cannot see")
	published, err := p.stream.PublishStream(callCtx(t), backend.ToProto().PublishStreamRequest(&backend.PublishStreamRequest{
		PluginContext: ds, Path: channel.Path, Data: json.RawMessage(`{"requests":1}`),
	}))
	require.NoError(t, err)
	require.Equal(t, backend.PublishStreamStatusPermissionDenied, backend.FromProto().PublishStreamResponse(published).Status)

	// (d) an alert rule: data-plane timeseries-multi frames with labels, read from the same memory.
	alert := realtimeQuery(map[string]string{backend.FromAlertHeaderName: "true"}).Responses["A"]
	require.NoError(t, alert.Error)
	require.Len(t, alert.Frames, 1, "one frame per series")
	multi := alert.Frames[0]
	require.Equal(t, data.FrameTypeTimeSeriesMulti, multi.Meta.Type)
	require.Empty(t, multi.Meta.Channel, "alert rules do not stream")
	require.Len(t, multi.Fields, 2)
	require.Equal(t, data.Labels{"service_id": svc.ID, "service_name": svc.Name}, multi.Fields[1].Labels)
	requireRealtimeTruth(t, sim, svc, multi, multi.Fields[1])

	stopStream()
	_, err = stream.Recv()
	require.ErrorContains(t, err, "Canceled", "the stream ends with its context")

	// (e) the panel, the stream and the alert rule shared one poller: one backfill.
	backfill := "GET /v1/channel/" + svc.ID + "/ts/h"
	require.Equal(t, 1, countRequests(sim.Requests(), backfill), "backfills of %s", svc.ID)

	// With the stream gone and no other reader, the poller stops after the idle time.
	requirePollingStops(t, p)
	t.Logf("%s (%s): %d streamed frames, %d real-time requests in all, %s after the build", svc.Name, svc.ID, len(streamed),
		countRequests(sim.Requests(), "GET /v1/channel/"+svc.ID+"/"), time.Since(started).Round(time.Millisecond))
}

// busiestRealtimeService is a simulator service with requests in every one of the last 150 seconds.
func busiestRealtimeService(t *testing.T, sim *simulator.Simulator) simulator.Service {
	t.Helper()
	id := busyRealtimeServices(t, sim)[0]
	for _, s := range sim.Services() {
		if s.ID == id {
			return s
		}
	}
	return simulator.Service{}
}

// requireRealtimeTruth checks every row of a frame against the simulator's value for that second.
func requireRealtimeTruth(t *testing.T, sim *simulator.Simulator, svc simulator.Service, f *data.Frame, values *data.Field) {
	t.Helper()
	times := timesOf(t, f)
	require.NotEmpty(t, times, "a frame without seconds")
	require.Equal(t, "requests", values.Name)
	for i, at := range times {
		got, ok := values.ConcreteAt(i)
		require.True(t, ok, "requests at %s is null", at)
		require.Equal(t, sim.RealtimeValue(svc.ID, "requests", "", at), got, "requests at %s", at)
	}
}

// receiveFrames reads n data frames from a RunStream.
func receiveFrames(t *testing.T, stream pluginv2.Stream_RunStreamClient, n int) []*data.Frame {
	t.Helper()
	var out []*data.Frame
	for len(out) < n {
		packet, err := stream.Recv()
		require.NoError(t, err, "after %d frames", len(out))
		f := &data.Frame{}
		require.NoError(t, json.Unmarshal(packet.Data, f))
		out = append(out, f)
	}
	return out
}

func (c pluginClients) subscribe(t *testing.T, pc backend.PluginContext, path string) backend.SubscribeStreamStatus {
	t.Helper()
	res, err := c.stream.SubscribeStream(callCtx(t), backend.ToProto().SubscribeStreamRequest(&backend.SubscribeStreamRequest{PluginContext: pc, Path: path}))
	require.NoError(t, err, "subscribing to %s", path)
	return backend.FromProto().SubscribeStreamResponse(res).Status
}

func countRequests(log []string, prefix string) int {
	n := 0
	for _, line := range log {
		if strings.HasPrefix(line, prefix) {
			n++
		}
	}
	return n
}

// requirePollingStops waits for the plugin's own signal that its poller stopped: its pollers gauge drops to zero. A
// poller waiting out a backoff still counts as running, however long the backoff, so a quiet spell cannot pass.
func requirePollingStops(t *testing.T, p pluginClients) {
	t.Helper()
	require.Eventually(t, func() bool {
		return parseMetrics(t, p.collectMetrics(t)).value("fastly_datasource_realtime_pollers") == 0
	}, rtIdleSeconds*time.Second+time.Minute, 100*time.Millisecond, "the poller kept running with no reader left")
}
