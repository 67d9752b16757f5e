package plugin

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/edgemetrics/fastly-datasource/pkg/telemetry"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stitchRig is a simulator and a datasource sharing a settable clock; the simulator's long polls wait for the clock.
type stitchRig struct {
	sim     *simulator.Simulator
	clock   *clock
	ds      *Datasource
	svc     simulator.Service
	metrics *telemetry.Metrics // the datasource's own
}

func newStitchRig(t *testing.T, stitch bool) *stitchRig {
	t.Helper()
	c := &clock{t: testNow}
	sim := simulator.New(simulator.Config{Token: simToken, Now: c.now})
	sim.SetLongPoll(10 * time.Second)
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	require.NoError(t, err)
	require.True(t, settings.StitchRealtime, "stitching is on by default")
	settings.StitchRealtime = stitch
	m := telemetry.New()
	d, err := newMeteredDatasource(settings, &http.Client{Timeout: time.Minute}, c.now, m)
	require.NoError(t, err)
	t.Cleanup(d.Dispose)
	return &stitchRig{sim: sim, clock: c, ds: d, svc: realtimeService(t, sim, "www.example.com"), metrics: m}
}

// follow keeps a per-POP real-time reader (a Geomap stream) on the service while the clock moves a minute at a
// time up to until, waiting after each step for the poller to hold every second Fastly has aggregated (10 s
// behind the clock).
func (r *stitchRig) follow(t *testing.T, until time.Time) {
	t.Helper()
	r.followWith(t, until, r.ds.realtime.SubscribePOPs)
}

// followWith is follow with the reader subscribe makes: realtime.Hub.Subscribe for a summed real-time panel.
func (r *stitchRig) followWith(t *testing.T, until time.Time, subscribe func(string, chan struct{}) (*realtime.Subscription, error)) {
	t.Helper()
	notify := make(chan struct{}, 1)
	sub, err := subscribe(r.svc.ID, notify)
	require.NoError(t, err)
	defer sub.Close()
	for r.clock.now().Before(until) {
		r.clock.advance(time.Minute)
		for sub.Buffer.Newest() < r.clock.now().Unix()-10 {
			select {
			case <-notify:
			case <-time.After(time.Minute):
				t.Fatalf("the poller never caught up with %s", r.clock.now())
			}
		}
	}
}

func (r *stitchRig) query(t *testing.T, model statsModel) backend.DataResponse {
	t.Helper()
	now := r.clock.now()
	res := runQueries(t, r.ds, dataQuery("A", "stats", model, testNow.Add(-30*time.Minute), now)).Responses["A"]
	require.NoError(t, res.Error)
	return res
}

func lastTime(f *data.Frame) time.Time { return f.Fields[0].At(f.Fields[0].Len() - 1).(time.Time) }

func frameOf(t *testing.T, res backend.DataResponse, metric string) *data.Frame {
	t.Helper()
	for _, f := range res.Frames {
		if f.Name == metric {
			return f
		}
	}
	t.Fatalf("no frame %s", metric)
	return nil
}

func TestStitchedMinutesEqualWhatFastlyPublishesLater(t *testing.T) {
	rig := newStitchRig(t, true)
	model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests", "bandwidth", "hit_ratio", "orig_req_header_size"}, Granularity: "minute"}
	europe := model
	europe.Metrics, europe.Region = []string{"requests"}, "europe"

	first := rig.query(t, model)
	assert.Nil(t, first.Frames[0].Meta.Custom, "the new poller holds only part of 11:57, the first unpublished minute")
	assert.Equal(t, testNow.Add(-4*time.Minute), lastTime(first.Frames[0]))

	rig.follow(t, testNow.Add(5*time.Minute))
	stitched, stitchedEurope := rig.query(t, model), rig.query(t, europe)
	provisional := []time.Time{testNow.Add(2 * time.Minute), testNow.Add(3 * time.Minute)}
	for _, f := range append(stitched.Frames, stitchedEurope.Frames...) {
		require.Equal(t, provisional[1], lastTime(f), "12:04 is held only up to 12:04:50, so it is left out")
		assert.Equal(t, &frames.CustomMeta{ProvisionalFrom: provisional[0].Unix()}, f.Meta.Custom)
		assert.Contains(t, f.Meta.ExecutedQueryString, "stitched 2 minutes 12:02–12:03 UTC from real-time for www.example.com")
		assert.Contains(t, f.Meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo,
			Text: "Minutes after 12:02 UTC are provisional, from Fastly's real-time API; they are replaced when Fastly publishes them."})
		assert.Equal(t, "www.example.com", f.Fields[1].Labels["service_name"], "labels do not change")
	}
	for _, at := range provisional {
		assert.Nil(t, valueAt(t, frameOf(t, stitched, "orig_req_header_size"), "orig_req_header_size", at), "real-time has no orig_req_header_size: absent, not guessed")
	}

	rig.clock.advance(2 * time.Minute) // Fastly publishes 12:02 and 12:03
	published, publishedEurope := rig.query(t, model), rig.query(t, europe)
	for _, at := range provisional {
		for _, metric := range []string{"requests", "bandwidth", "hit_ratio"} {
			was := valueAt(t, frameOf(t, stitched, metric), metric, at)
			now := valueAt(t, frameOf(t, published, metric), metric, at)
			require.NotNil(t, was, "%s at %s", metric, at)
			require.NotNil(t, now, "%s at %s", metric, at)
			assert.InDelta(t, *now, *was, 1e-12, "%s at %s: no step at the hand-over", metric, at)
			if metric != "hit_ratio" {
				truth, ok := rig.sim.Value(rig.svc.ID, metric, "", "minute", at)
				require.True(t, ok)
				assert.Equal(t, truth, *was, "%s at %s equals the published minute", metric, at)
			}
		}
		truth, ok := rig.sim.Value(rig.svc.ID, "requests", "europe", "minute", at)
		require.True(t, ok)
		was := valueAt(t, frameOf(t, stitchedEurope, "requests"), "requests", at)
		assert.Equal(t, truth, *was, "europe at %s", at)
		assert.Equal(t, truth, *valueAt(t, frameOf(t, publishedEurope, "requests"), "requests", at))
		assert.Less(t, *was, *valueAt(t, frameOf(t, stitched, "requests"), "requests", at), "the region filter applies")
	}
	if custom, ok := published.Frames[0].Meta.Custom.(*frames.CustomMeta); ok {
		assert.Greater(t, custom.ProvisionalFrom, provisional[1].Unix(), "published minutes are no longer provisional")
	}
}

func TestStitchingDisabledReadsOnlyPollersAlreadyRunning(t *testing.T) {
	rig := newStitchRig(t, false)
	model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}

	rig.clock.advance(5 * time.Minute)
	before := rig.query(t, model)
	assert.Nil(t, before.Frames[0].Meta.Custom)
	assert.Equal(t, testNow.Add(time.Minute), lastTime(before.Frames[0]), "the newest published minute, as before stitching existed")
	for _, req := range rig.sim.Requests() {
		assert.False(t, strings.HasPrefix(req, "GET /v1/channel/"), "no poller is started: %s", req)
	}
	assert.Zero(t, rig.ds.realtime.Pollers())

	rig.follow(t, rig.clock.now().Add(5*time.Minute)) // a real-time panel follows the service
	after := rig.query(t, model)
	assert.Equal(t, &frames.CustomMeta{ProvisionalFrom: testNow.Add(7 * time.Minute).Unix()}, after.Frames[0].Meta.Custom)
	assert.Equal(t, testNow.Add(8*time.Minute), lastTime(after.Frames[0]))
}

func TestFirstRegionFilteredAnswerBesideASummedPanelIsStitched(t *testing.T) {
	rig := newStitchRig(t, true)
	model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}
	europe := model
	europe.Region = "europe"

	rig.followWith(t, testNow.Add(5*time.Minute), rig.ds.realtime.Subscribe) // a 1-second real-time panel, summed over POPs
	all, first := rig.query(t, model), rig.query(t, europe)
	require.NotNil(t, all.Frames[0].Meta.Custom, "the summed panel is stitched")
	assert.Equal(t, lastTime(all.Frames[0]), lastTime(first.Frames[0]), "the first region-filtered answer reaches as far as the unfiltered one")
	assert.Equal(t, all.Frames[0].Meta.Custom, first.Frames[0].Meta.Custom)
}

func TestARefreshSecondsAfterTheLastIsAnswered(t *testing.T) {
	for _, stitch := range []bool{false, true} {
		rig := newStitchRig(t, stitch)
		model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}
		europe := model
		europe.Region = "europe"
		first, firstEurope := rig.query(t, model), rig.query(t, europe)
		rig.clock.advance(35 * time.Second) // the refresh asks for the unpublished minutes: Fastly answers data null
		again, againEurope := rig.query(t, model), rig.query(t, europe)
		assert.Equal(t, lastTime(first.Frames[0]), lastTime(again.Frames[0]), "stitch=%v", stitch)
		assert.Equal(t, lastTime(firstEurope.Frames[0]), lastTime(againEurope.Frames[0]), "stitch=%v", stitch)
	}
}

func TestARangeThatEndedBeforeTheBuffersReachStartsNoPoller(t *testing.T) {
	rig := newStitchRig(t, true)
	model := statsModel{Services: []string{rig.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}
	rig.clock.advance(2 * time.Hour)
	ended := testNow.Add(-time.Hour) // two hours before the clock's now: long published
	res := runQueries(t, rig.ds, dataQuery("A", "stats", model, ended.Add(-30*time.Minute), ended)).Responses["A"]
	require.NoError(t, res.Error)
	assert.Equal(t, ended.Add(-time.Minute), lastTime(res.Frames[0]), "every minute of a finished range is published")
	assert.Zero(t, rig.ds.realtime.Pollers(), "nothing to stitch, so no poller")

	rig.query(t, model) // a range reaching now starts the service's poller, as before
	assert.Equal(t, 1, rig.ds.realtime.Pollers())
}
