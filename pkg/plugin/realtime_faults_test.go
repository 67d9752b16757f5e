package plugin

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// steppedClock is a realtime.Clock whose time moves only when the test steps it; After fires on the step that
// reaches it.
type steppedClock struct {
	mu      sync.Mutex
	t       time.Time
	waiters []clockWaiter
	waited  chan struct{} // closed (and replaced) when a waiter is added
}

type clockWaiter struct {
	at time.Time
	c  chan time.Time
}

func (c *steppedClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *steppedClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	if d <= 0 {
		ch <- c.t
		return ch
	}
	c.waiters = append(c.waiters, clockWaiter{at: c.t.Add(d), c: ch})
	if c.waited != nil {
		close(c.waited)
		c.waited = nil
	}
	return ch
}

// awaitWaiterWithin waits until something sleeps on the clock for at most d, so that a step of d wakes it.
func (c *steppedClock) awaitWaiterWithin(t *testing.T, d time.Duration) {
	t.Helper()
	for {
		c.mu.Lock()
		for _, w := range c.waiters {
			if !w.at.After(c.t.Add(d)) {
				c.mu.Unlock()
				return
			}
		}
		if c.waited == nil {
			c.waited = make(chan struct{})
		}
		waited := c.waited
		c.mu.Unlock()
		select {
		case <-waited:
		case <-time.After(time.Minute):
			t.Fatalf("nothing slept on the clock for at most %s at %s", d, c.Now())
		}
	}
}

func (c *steppedClock) step(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	pending := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.t) {
			pending = append(pending, w)
			continue
		}
		w.c <- c.t
	}
	c.waiters = pending
}

// faultRig is a simulator with faults and a datasource on one stepped clock, with one stream following a service.
type faultRig struct {
	sim    *simulator.Simulator
	clock  *steppedClock
	ds     *Datasource
	svc    simulator.Service
	log    *recordingLogger
	sub    *realtime.Subscription
	notify chan struct{}
}

// rigPollTimeout bounds a hung long poll; the simulator's long polls end after rigLongPoll; no poller of the rig
// sleeps longer than rigLongestSleep (a rejected token's pause).
const (
	rigPollTimeout  = 2 * time.Second
	rigLongPoll     = 50 * time.Millisecond
	rigLongestSleep = 3 * time.Minute
)

// wwwID is the id of the simulator's busiest service, www.example.com.
var wwwID = simService(nil, simulator.New(simulator.Config{}), "www.example.com").ID

func newFaultRig(t *testing.T, faults ...simulator.Fault) *faultRig {
	t.Helper()
	r := &faultRig{clock: &steppedClock{t: testNow}, log: recordLogs(t), notify: make(chan struct{}, 1)}
	r.sim = simulator.New(simulator.Config{Token: simToken, Now: r.clock.Now, Faults: faults})
	r.sim.SetLongPoll(rigLongPoll)
	srv := httptest.NewServer(r.sim)
	t.Cleanup(srv.Close)
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	require.NoError(t, err)
	client := &http.Client{Timeout: time.Minute}
	r.ds, err = newDatasource(settings, client, r.clock.Now)
	require.NoError(t, err)
	t.Cleanup(r.ds.Dispose)
	r.ds.realtime.Close()
	rt, err := fastlyapi.NewClient(simToken, srv.URL, client, fastlyapi.WithRetries(fastlyapi.RetryPolicy{Now: r.clock.Now}))
	require.NoError(t, err)
	r.ds.realtime = realtime.NewHub(rt, realtime.Config{Idle: 5 * time.Minute, Buffer: 15 * time.Minute, PollTimeout: rigPollTimeout}, r.clock, r.log)
	r.svc = simService(t, r.sim, "www.example.com")
	r.sub, err = r.ds.realtime.Subscribe(r.svc.ID, r.notify)
	require.NoError(t, err)
	t.Cleanup(r.sub.Close)
	r.await(t, "the first answer", r.caughtUp)
	return r
}

// await waits for the poller's answers until done holds.
func (r *faultRig) await(t *testing.T, what string, done func() bool) {
	t.Helper()
	for !done() {
		select {
		case <-r.notify:
		case <-time.After(time.Minute):
			t.Fatalf("the poller never reached %s at %s", what, r.clock.Now())
		}
	}
}

// caughtUp: the buffer holds every second Fastly has aggregated (10 s behind the clock) and polling succeeds.
func (r *faultRig) caughtUp() bool {
	return r.sub.Buffer.Newest() >= r.clock.Now().Unix()-10 && r.sub.Status().Err == nil
}

func (r *faultRig) failing() bool { return r.sub.Status().Err != nil }

// faultsInjected is how many requests the rig's first fault answered.
func (r *faultRig) faultsInjected() int { return r.sim.InjectedFaults()[0] }

func (r *faultRig) realtimeQuery(t *testing.T, metric string, span time.Duration) backend.DataResponse {
	t.Helper()
	now := r.clock.Now()
	model := map[string]any{"services": []string{r.svc.ID}, "metrics": []string{metric}}
	return runQueries(t, r.ds, dataQuery("A", "realtime", model, now.Add(-span), now)).Responses["A"]
}

func warnings(f *data.Frame) []string {
	var out []string
	if f.Meta == nil {
		return nil
	}
	for _, n := range f.Meta.Notices {
		if n.Severity == data.NoticeSeverityWarning {
			out = append(out, n.Text)
		}
	}
	return out
}

func (r *faultRig) logLines(substr string) int {
	return strings.Count(r.log.String(), substr)
}

func TestRealtimeOutageAnswersFromTheBufferAndReportsTheGapAfterRecovery(t *testing.T) {
	start := testNow.Add(time.Minute)
	for name, tc := range map[string]struct {
		fault     simulator.Fault
		gapLeft   bool // the outage outlasted the 120 s Fastly serves again, so part of it stays empty
		staleWhen string
	}{
		"503 for five minutes": {simulator.Fault{Kind: simulator.FaultServerError, Until: start.Add(5 * time.Minute)}, true, "Fastly answered 503"},
		"hang for 40 seconds":  {simulator.Fault{Kind: simulator.FaultHang, Until: start.Add(40 * time.Second)}, false, "did not answer"},
	} {
		t.Run(name, func(t *testing.T) {
			tc.fault.PathPrefix, tc.fault.Every, tc.fault.From = "/v1/channel/", 1, start
			r := newFaultRig(t, tc.fault)
			r.clock.step(time.Minute - time.Second)
			r.await(t, "12:00:59", r.caughtUp)
			r.clock.step(time.Second)
			r.await(t, "the outage", r.failing)
			lastGood := r.sub.Buffer.Newest() // 12:00:49 or, when the long poll saw 12:01:00 first, 12:00:50

			during := r.realtimeQuery(t, "requests", 5*time.Minute)
			require.NoError(t, during.Error, "the buffer still answers")
			require.Len(t, during.Frames, 1)
			f := during.Frames[0]
			assert.Equal(t, time.Unix(lastGood, 0).UTC(), lastTime(f), "up to the last second polled before the outage")
			require.Len(t, warnings(f), 1, "one stale warning")
			assert.Contains(t, warnings(f)[0], "real-time data of www.example.com is stale: polling Fastly has failed since 12:01:00")
			assert.Contains(t, warnings(f)[0], tc.staleWhen)
			assertGroundTruth(t, r.sim, f, lastGood, 0)

			for r.clock.Now().Before(tc.fault.Until) {
				injected := r.faultsInjected()
				r.clock.step(80 * time.Second) // longer than the retry policy's longest pause (30 s, Fastly's own wait)
				r.await(t, "the next poll", func() bool { return r.faultsInjected() > injected || r.caughtUp() })
			}
			r.await(t, "recovery", r.caughtUp)

			after := r.realtimeQuery(t, "requests", 10*time.Minute)
			require.NoError(t, after.Error)
			f = after.Frames[0]
			assert.Empty(t, warnings(f), "fresh again")
			refilledFrom := r.sub.Buffer.Newest() - 119
			gap := assertGroundTruth(t, r.sim, f, lastGood, refilledFrom)
			assert.Equal(t, tc.gapLeft, gap > 0, "seconds Fastly no longer serves are empty, not zero (%d)", gap)
			assert.Equal(t, 1, r.logLines("real-time polling failed"), "one warning for the whole outage")
			assert.Equal(t, 1, r.logLines("real-time polling recovered"))
		})
	}
}

// assertGroundTruth checks every row of a realtime frame: seconds up to lastGood and from refilledFrom equal the
// simulator, the seconds between are empty (never zero). It returns how many were empty.
func assertGroundTruth(t *testing.T, sim *simulator.Simulator, f *data.Frame, lastGood, refilledFrom int64) int {
	t.Helper()
	empty := 0
	for i := 0; i < f.Rows(); i++ {
		at := f.Fields[0].At(i).(time.Time)
		got := f.Fields[1].At(i).(*float64)
		if s := at.Unix(); s > lastGood && (refilledFrom == 0 || s < refilledFrom) {
			assert.Nil(t, got, "%s is in the gap", at)
			empty++
			continue
		}
		require.NotNil(t, got, "%s", at)
		require.Equal(t, sim.RealtimeValue(wwwID, "requests", "", at), *got, "%s", at)
	}
	return empty
}

func TestIdleServiceIsZeroTrafficWithoutErrorsOrALogLinePerPoll(t *testing.T) {
	r := newFaultRig(t, simulator.Fault{Kind: simulator.FaultNoData, PathPrefix: "/v1/", Every: 1})
	for range 24 { // two minutes of "No data available"
		r.clock.awaitWaiterWithin(t, 5*time.Second) // the poller's pause after "No data": the step must end it
		r.clock.step(5 * time.Second)
		r.await(t, "the next answer", r.caughtUp)
	}
	now := r.clock.Now()
	for _, q := range []backend.DataQuery{
		dataQuery("A", "realtime", map[string]any{"services": []string{r.svc.ID}, "metrics": []string{"requests", "hit_ratio"}}, now.Add(-time.Minute), now),
		dataQuery("B", "origins", map[string]any{"services": []string{r.svc.ID}, "metrics": []string{"responses"}, "source": "realtime"}, now.Add(-time.Minute), now),
		dataQuery("C", "domains", map[string]any{"services": []string{r.svc.ID}, "metrics": []string{"edge_requests"}, "source": "realtime"}, now.Add(-time.Minute), now),
	} {
		res := runQueries(t, r.ds, q).Responses[q.RefID]
		require.NoError(t, res.Error, q.QueryType)
		for _, f := range res.Frames {
			assert.Empty(t, warnings(f), q.QueryType)
			for _, field := range f.Fields[1:] {
				for i := 0; i < field.Len(); i++ {
					v := field.At(i).(*float64)
					if field.Name == "hit_ratio" {
						assert.Nil(t, v, "no hits and no misses: nothing to divide")
						continue
					}
					require.NotNil(t, v, "%s %s row %d: an idle second is zero traffic", q.QueryType, field.Name, i)
					assert.Zero(t, *v)
				}
			}
		}
	}
	assert.Empty(t, r.log.String(), "nothing logged while the service is idle")
	assert.Greater(t, r.faultsInjected(), 20, "every poll of the two minutes answered No data available")
}

func TestStatsQueriesKeepPublishedDataDuringARealtimeOutage(t *testing.T) {
	outageFrom := testNow.Add(3 * time.Minute)
	r := newFaultRig(t, simulator.Fault{Kind: simulator.FaultServerError, PathPrefix: "/v1/", Every: 1, From: outageFrom})
	for r.clock.Now().Add(time.Minute).Before(outageFrom) {
		r.clock.step(time.Minute)
		r.await(t, "the next minute", r.caughtUp)
	}
	r.clock.step(outageFrom.Sub(r.clock.Now()) - time.Second)
	r.await(t, "the last second before the outage", r.caughtUp)
	r.clock.step(time.Second)
	r.await(t, "the outage", r.failing)
	r.clock.step(5 * time.Minute)

	model := statsModel{Services: []string{r.svc.ID}, Metrics: []string{"requests"}, Granularity: "minute"}
	now := r.clock.Now()
	res := runQueries(t, r.ds, dataQuery("A", "stats", model, now.Add(-30*time.Minute), now)).Responses["A"]
	require.NoError(t, res.Error)
	f := res.Frames[0]
	assert.Empty(t, warnings(f), "a real-time outage is not the stats query's problem")
	published := r.sim.NewestPublished("minute")
	provisionalFrom := int64(0)
	if custom, ok := f.Meta.Custom.(*frames.CustomMeta); ok {
		provisionalFrom = custom.ProvisionalFrom
	}
	for i := 0; i < f.Rows(); i++ {
		at := f.Fields[0].At(i).(time.Time)
		got := f.Fields[1].At(i).(*float64)
		require.NotNil(t, got, "%s", at)
		if at.After(published) {
			assert.Equal(t, at.Unix() >= provisionalFrom, provisionalFrom > 0, "%s after the newest published minute is provisional", at)
			assert.True(t, at.Add(time.Minute).Before(outageFrom), "%s: only minutes polled in full before the outage are stitched", at)
			continue
		}
		want, ok := r.sim.Value(r.svc.ID, "requests", "", "minute", at)
		require.True(t, ok, "%s", at)
		assert.Equal(t, want, *got, "%s", at)
	}
	assert.Equal(t, published, lastPublishedOrStitched(f, published), "every published minute is there")
}

// lastPublishedOrStitched is the frame's newest time not after published, or published itself when later rows exist.
func lastPublishedOrStitched(f *data.Frame, published time.Time) time.Time {
	var last time.Time
	for i := 0; i < f.Rows(); i++ {
		if at := f.Fields[0].At(i).(time.Time); !at.After(published) {
			last = at
		}
	}
	return last
}

func TestLivePanelIsFreshAgainWithinFiveSecondsOfFastlysRecovery(t *testing.T) {
	start := testNow.Add(time.Minute)
	recovers := start.Add(20 * time.Second)
	r := newFaultRig(t, simulator.Fault{Kind: simulator.FaultServerError, PathPrefix: "/v1/channel/", Every: 1, From: start, Until: recovers})
	r.clock.step(time.Minute - time.Second)
	r.await(t, "12:00:59", r.caughtUp)
	r.clock.step(time.Second)
	r.await(t, "the outage", r.failing)
	for r.clock.Now().Before(recovers.Add(5 * time.Second)) {
		r.clock.awaitWaiterWithin(t, rigLongestSleep) // the poller sleeps before each step
		r.clock.step(time.Second)
	}
	r.clock.awaitWaiterWithin(t, rigLongestSleep) // a poll the last step woke has been answered
	assert.False(t, r.failing(), "5 s after Fastly recovered, polling succeeds again")
	assert.True(t, r.caughtUp(), "and the buffer holds every second Fastly has aggregated")
	assert.Equal(t, 1, r.logLines("real-time polling recovered"))
}
