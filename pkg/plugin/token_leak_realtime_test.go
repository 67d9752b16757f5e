package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// echoingRealtime serves the simulator but answers every real-time path with status and a body repeating the
// request's Fastly-Key.
func echoingRealtime(t *testing.T, sim *simulator.Simulator, status int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/v1/") {
			sim.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = fmt.Fprintf(w, `{"Error":"bad key %s","msg":"Fastly-Key: %s"}`, r.Header.Get("Fastly-Key"), r.Header.Get("Fastly-Key"))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// recordAllLogs sends the SDK's and the real-time pollers' logs (taken when a datasource is built) to a recorder.
func recordAllLogs(t *testing.T) *recordingLogger {
	logger := newRecordingLogger()
	previousBackend, previousDefault := backend.Logger, log.DefaultLogger
	backend.Logger, log.DefaultLogger = logger, logger
	t.Cleanup(func() { backend.Logger, log.DefaultLogger = previousBackend, previousDefault })
	return logger
}

func TestTokenNeverLeavesThePluginFromRealtimePollersOrStreams(t *testing.T) {
	logger := recordAllLogs(t)
	sim := simulator.New(simulator.Config{Token: secretToken, Now: fixedNow})
	sim.SetLongPoll(0)
	www := simService(t, sim, "www.example.com")
	var outputs []string
	for _, status := range []int{200, 401, 500, 503} {
		url := echoingRealtime(t, sim, status).URL
		d := newTestDatasource(t, url, secretToken)
		from := testNow.Add(-time.Minute)
		services := []string{www.ID}
		resp := runQueries(t, d,
			dataQuery("A", "realtime", map[string]any{"services": services, "metrics": []string{"requests"}}, from, testNow),
			dataQuery("B", "origins", map[string]any{"services": services, "metrics": []string{"responses"}, "source": "realtime"}, from, testNow),
			dataQuery("C", "domains", map[string]any{"services": services, "metrics": []string{"edge_requests"}, "source": "realtime"}, from, testNow),
			dataQuery("D", "stats", statsModel{Services: services, Metrics: []string{"requests"}, Granularity: "minute"}, testNow.Add(-time.Hour), testNow))
		for _, ref := range []string{"A", "B", "C"} {
			require.Error(t, resp.Responses[ref].Error, "%d %s: the poller's first answer failed", status, ref)
		}
		require.NoError(t, resp.Responses["D"].Error, "stats do not depend on real-time")
		raw, err := json.Marshal(resp)
		require.NoError(t, err)
		outputs = append(outputs, string(raw), streamOutputs(t, url, www.ID))
	}
	assert.Contains(t, strings.Join(outputs, "\n"), "[redacted]", "the echoed token was redacted, not dropped by luck")
	logs := logger.String()
	assert.Contains(t, logs, "real-time polling failed", "the pollers' logs were recorded")
	for _, out := range append(outputs, logs) {
		assert.False(t, strings.Contains(out, secretToken), "token found in: %.300s", out)
	}
}

func TestTokenNeverLeavesThePluginFromStreamPathsOnAnUpstreamError(t *testing.T) {
	logger := recordAllLogs(t)
	serviceID := simulator.New(simulator.Config{}).Services()[0].ID
	d := newTestDatasource(t, echoingFastly(t).URL, secretToken)
	var outputs []string
	for _, path := range []string{"rt/v1/n/" + serviceID + "/requests/-", "rt/v1/d/" + serviceID + "/requests/LHR", "rt/v1/n/nope"} {
		resp, err := d.SubscribeStream(context.Background(), &backend.SubscribeStreamRequest{Path: path})
		outputs = append(outputs, fmt.Sprint(resp, err))
		err = d.RunStream(context.Background(), &backend.RunStreamRequest{Path: path}, backend.NewStreamSender(discardPackets{}))
		require.Error(t, err, path)
		outputs = append(outputs, err.Error())
	}
	assert.Contains(t, strings.Join(outputs, "\n"), "[redacted]")
	for _, out := range append(outputs, logger.String()) {
		assert.False(t, strings.Contains(out, secretToken), "token found in: %.300s", out)
	}
}

// discardPackets is a stream packet sender that drops every packet.
type discardPackets struct{}

func (discardPackets) Send(*backend.StreamPacket) error { return nil }

// streamOutputs runs a stream of the service on a new datasource until its poller has met the echoing upstream,
// returning the subscribe answer, the frames sent and the stream's error as text.
func streamOutputs(t *testing.T, url, serviceID string) string {
	t.Helper()
	d := newTestDatasource(t, url, secretToken)
	path := "rt/v1/n/" + serviceID + "/requests/-"
	sub, err := d.SubscribeStream(context.Background(), &backend.SubscribeStreamRequest{Path: path})
	require.NoError(t, err)
	_, stop := startStream(d, path)
	notify := make(chan struct{}, 1)
	watch, err := d.realtime.Subscribe(serviceID, notify)
	require.NoError(t, err)
	for watch.Status().Err == nil {
		<-notify
	}
	watch.Close()
	frames, runErr := stop()
	raw, err := json.Marshal(frames)
	require.NoError(t, err)
	return fmt.Sprint(sub.Status, string(raw), runErr)
}
