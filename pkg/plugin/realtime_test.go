package plugin

import (
	"context"
	"maps"
	"net/http"
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

func realtimeService(t *testing.T, sim *simulator.Simulator, name string) simulator.Service {
	t.Helper()
	for _, s := range sim.Services() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no service %s", name)
	return simulator.Service{}
}

func valueAt(t *testing.T, f *data.Frame, field string, at time.Time) *float64 {
	t.Helper()
	times := f.Fields[0]
	for i := 0; i < times.Len(); i++ {
		if times.At(i).(time.Time).Equal(at) {
			fl, _ := f.FieldByName(field)
			require.NotNil(t, fl)
			return fl.At(i).(*float64)
		}
	}
	t.Fatalf("no row at %s", at)
	return nil
}

func TestRealtimeQueryDataEqualsSimulatorAndConvertsUnits(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	metricsFor := func(m string) map[string]any {
		return map[string]any{"services": []string{svc.ID}, "metrics": []string{m}}
	}
	at := testNow.Add(-20 * time.Second).UTC()
	for metric, want := range map[string]float64{
		"requests":      sim.RealtimeValue(svc.ID, "requests", "", at),
		"recv_sub_time": sim.RealtimeValue(svc.ID, "recv_sub_time", "", at) / 1e9,
		"bandwidth": sim.RealtimeValue(svc.ID, "resp_header_bytes", "", at) + sim.RealtimeValue(svc.ID, "resp_body_bytes", "", at) +
			sim.RealtimeValue(svc.ID, "bereq_header_bytes", "", at) + sim.RealtimeValue(svc.ID, "bereq_body_bytes", "", at),
		"hit_ratio": sim.RealtimeValue(svc.ID, "hits", "", at) / (sim.RealtimeValue(svc.ID, "hits", "", at) + sim.RealtimeValue(svc.ID, "miss", "", at)),
	} {
		resp := runQueries(t, d, dataQuery("A", "realtime", metricsFor(metric), testNow.Add(-time.Minute), testNow))
		r := resp.Responses["A"]
		require.NoError(t, r.Error, metric)
		require.Len(t, r.Frames, 1)
		f := r.Frames[0]
		assert.Equal(t, data.FrameTypeTimeSeriesMulti, f.Meta.Type)
		assert.Equal(t, svc.Name, f.Fields[1].Labels["service_name"])
		got := valueAt(t, f, metric, at)
		require.NotNil(t, got, metric)
		assert.InDelta(t, want, *got, 1e-9*max(1, want), metric)
	}
}

func TestRealtimeGroupByDatacenterLabelsPOPs(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}, "groupBy": "datacenter", "datacenters": []string{"LHR"}}
	r := runQueries(t, d, dataQuery("A", "realtime", model, testNow.Add(-time.Minute), testNow)).Responses["A"]
	require.NoError(t, r.Error)
	require.Len(t, r.Frames, 1)
	labels := r.Frames[0].Fields[1].Labels
	assert.Equal(t, "LHR", labels["datacenter"])
	assert.Equal(t, "London - LHR", labels["pop_name"])
	assert.Equal(t, "51.4775", labels["latitude"])
	assert.Equal(t, "europe", labels["region"], "region is the stats region, as the stats region filter takes it")
	assert.Equal(t, "EU-West", labels["pop_group"], "Fastly's POP group has a name of its own")
	at := testNow.Add(-30 * time.Second).UTC()
	got := valueAt(t, r.Frames[0], "requests", at)
	require.NotNil(t, got)
	assert.Equal(t, sim.RealtimeValue(svc.ID, "requests", "LHR", at), *got)
}

func TestRegionLegendTokenIsTheStatsRegionForEveryQueryType(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	base := map[string]any{"services": []string{svc.ID}, "datacenters": []string{"LHR"}, "legendFormat": "{{region}}"}
	queries := map[string]backend.DataQuery{
		"realtime":          dataQuery("A", "realtime", with(base, "metrics", []string{"requests"}, "groupBy", "datacenter"), testNow.Add(-time.Minute), testNow),
		"origins real-time": dataQuery("B", "origins", with(base, "metrics", []string{"responses"}, "groupBy", []string{"datacenter", "region"}, "source", "realtime"), testNow.Add(-time.Minute), testNow),
		"domains":           dataQuery("C", "domains", with(base, "metrics", []string{"edge_requests"}, "groupBy", []string{"datacenter", "region"}, "source", "historical"), testNow.Add(-time.Hour), testNow),
	}
	for name, q := range queries {
		r := runQueries(t, d, q).Responses[q.RefID]
		require.NoError(t, r.Error, name)
		require.NotEmpty(t, r.Frames, name)
		for _, f := range r.Frames {
			assert.Equal(t, "europe", f.Fields[1].Config.DisplayNameFromDS, "%s: LHR is in the stats region europe", name)
		}
	}
}

// with copies model and sets the given key, value pairs.
func with(model map[string]any, kv ...any) map[string]any {
	out := maps.Clone(model)
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func TestRealtimeStreamsForPanelsNotForAlerts(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	q := dataQuery("A", "realtime", map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests", "status_5xx"}}, testNow.Add(-time.Minute), testNow)
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{q}})
	require.NoError(t, err)
	frames := resp.Responses["A"].Frames
	require.Len(t, frames, 1, "one wide frame per refId")
	ch := frames[0].Meta.Channel
	assert.True(t, strings.HasPrefix(ch, "ds/fastly/rt/v1/n/"+svc.ID+"/requests.status_5xx/-"), ch)
	assert.LessOrEqual(t, len(ch), 160)
	assert.Len(t, frames[0].Fields, 3)

	resp, err = d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{q},
		Headers: map[string]string{backend.FromAlertHeaderName: "true"}})
	require.NoError(t, err)
	assert.Len(t, resp.Responses["A"].Frames, 2, "alert rules get data-plane multi frames")
	assert.Empty(t, resp.Responses["A"].Frames[0].Meta.Channel)
}

func TestRealtimeRangeOutsideTheBufferPointsToStats(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	sim := simulator.New(simulator.Config{})
	svc := sim.Services()[0]
	r := runQueries(t, d, dataQuery("A", "realtime", map[string]any{"services": []string{svc.ID}, "metrics": []string{"requests"}},
		testNow.Add(-3*time.Hour), testNow.Add(-2*time.Hour))).Responses["A"]
	require.Error(t, r.Error)
	assert.Contains(t, r.Error.Error(), "last 15 minutes")
	assert.Contains(t, r.Error.Error(), "stats query")
}

func TestSubscribeStreamValidatesPaths(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	svc := realtimeService(t, sim, "www.example.com")
	cases := map[string]backend.SubscribeStreamStatus{
		"rt/v1/n/" + svc.ID + "/requests/-":             backend.SubscribeStreamStatusOK,
		"rt/v1/d/" + svc.ID + "/requests.hit_ratio/LHR": backend.SubscribeStreamStatusOK,
		"stream":                                    backend.SubscribeStreamStatusNotFound,
		"rt/v1/x/" + svc.ID + "/requests/-":         backend.SubscribeStreamStatusNotFound,
		"rt/v1/n/" + svc.ID + "/pipe/-":             backend.SubscribeStreamStatusNotFound,
		"rt/v1/n/ZZZZZZZZZZZZZZZZZZZZZZ/requests/-": backend.SubscribeStreamStatusPermissionDenied,
	}
	for path, want := range cases {
		resp, err := d.SubscribeStream(context.Background(), &backend.SubscribeStreamRequest{Path: path})
		require.NoError(t, err, path)
		assert.Equal(t, want, resp.Status, path)
	}
	pub, err := d.PublishStream(context.Background(), &backend.PublishStreamRequest{Path: "rt/v1/n/" + svc.ID + "/requests/-"})
	require.NoError(t, err)
	assert.Equal(t, backend.PublishStreamStatusPermissionDenied, pub.Status)
}

type recordingSender struct {
	mu     sync.Mutex
	frames []*data.Frame
	sent   chan struct{}
}

func (s *recordingSender) SendFrame(f *data.Frame, _ data.FrameInclude) error {
	s.mu.Lock()
	s.frames = append(s.frames, f)
	s.mu.Unlock()
	select {
	case s.sent <- struct{}{}:
	default:
	}
	return nil
}

// streamRig is a simulator on a clock the test moves, with a datasource reading it.
type streamRig struct {
	sim *simulator.Simulator
	d   *Datasource
	mu  sync.Mutex
	now time.Time
}

func newStreamRig(t *testing.T) *streamRig {
	t.Helper()
	r := &streamRig{now: testNow}
	r.sim = simulator.New(simulator.Config{Token: simToken, Now: r.clock})
	r.sim.SetLongPoll(20 * time.Millisecond)
	srv := httptest.NewServer(r.sim)
	t.Cleanup(srv.Close)
	r.d = newTestDatasource(t, srv.URL, simToken)
	return r
}

func (r *streamRig) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *streamRig) advance(d time.Duration) {
	r.mu.Lock()
	r.now = r.now.Add(d)
	r.mu.Unlock()
}

// startStream runs a stream of path; stop cancels it and returns every frame it sent and how it ended.
func startStream(d *Datasource, path string) (sender *recordingSender, stop func() ([]*data.Frame, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	sender = &recordingSender{sent: make(chan struct{}, 1)}
	done := make(chan error, 1)
	go func() { done <- d.runStream(ctx, path, sender) }()
	return sender, func() ([]*data.Frame, error) {
		cancel()
		err := <-done
		sender.mu.Lock()
		defer sender.mu.Unlock()
		return append([]*data.Frame(nil), sender.frames...), err
	}
}

func TestRunStreamSendsSecondsAndStopsOnCancel(t *testing.T) {
	rig := newStreamRig(t)
	svc := realtimeService(t, rig.sim, "www.example.com")
	sender, stop := startStream(rig.d, "rt/v1/n/"+svc.ID+"/requests/-")
	<-sender.sent
	rig.advance(2 * time.Second)
	<-sender.sent
	frames, err := stop()
	require.NoError(t, err)

	require.GreaterOrEqual(t, len(frames), 2)
	last := frames[len(frames)-1]
	at := last.Fields[0].At(last.Fields[0].Len() - 1).(time.Time)
	assert.Equal(t, rig.sim.RealtimeValue(svc.ID, "requests", "", at), *last.Fields[1].At(last.Fields[0].Len() - 1).(*float64))
	assert.Equal(t, 0, rig.d.realtime.Pollers()-1, "one poller for the service")
}

func TestRealtimeQueryPastThePollerLimitFailsAloneNamingTheSetting(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	require.NoError(t, err)
	settings.RealtimeMaxServices = 2
	d, err := newDatasource(settings, &http.Client{Timeout: 10 * time.Second}, fixedNow)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	ids := make([]string, 0, 3)
	for _, s := range sim.Services()[:3] {
		ids = append(ids, s.ID)
	}
	resp := runQueries(t, d,
		dataQuery("A", "realtime", map[string]any{"services": ids[:2], "metrics": []string{"requests"}}, testNow.Add(-time.Minute), testNow),
		dataQuery("B", "realtime", map[string]any{"services": ids, "metrics": []string{"requests"}}, testNow.Add(-time.Minute), testNow))
	require.NoError(t, resp.Responses["A"].Error, "a query within the limit is answered")
	require.Error(t, resp.Responses["B"].Error)
	assert.Contains(t, resp.Responses["B"].Error.Error(), "realtimeMaxServices")
	assert.Contains(t, resp.Responses["B"].Error.Error(), "limit of 2")
	assert.Equal(t, 2, d.realtime.Pollers(), "the refused query starts no poller")
}
