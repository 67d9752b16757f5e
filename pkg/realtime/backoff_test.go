package realtime

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scriptedUpstream answers each poll with the next scripted outcome and parks the poller once the script ends.
type scriptedUpstream struct {
	mu     sync.Mutex
	script []outcome
	calls  int
	parked chan struct{} // closed when a poll finds the script ended, if not nil
}

// outcome is one poll's answer or error.
type outcome struct {
	resp *fastlyapi.RealtimeResponse
	err  error
}

func (u *scriptedUpstream) RealtimeHistory(ctx context.Context, _ string) (*fastlyapi.RealtimeResponse, error) {
	return u.next(ctx)
}

func (u *scriptedUpstream) RealtimeSince(ctx context.Context, _ string, _ int64) (*fastlyapi.RealtimeResponse, error) {
	return u.next(ctx)
}

func (u *scriptedUpstream) next(ctx context.Context) (*fastlyapi.RealtimeResponse, error) {
	u.mu.Lock()
	if u.calls < len(u.script) {
		o := u.script[u.calls]
		u.calls++
		u.mu.Unlock()
		return o.resp, o.err
	}
	if u.parked != nil {
		close(u.parked)
		u.parked = nil
	}
	u.mu.Unlock()
	<-ctx.Done()
	return nil, ctx.Err()
}

// stepClock hands every wait the poller asks for to the test, which lets it pass by releasing it.
type stepClock struct {
	mu    sync.Mutex
	now   time.Time
	waits chan pendingWait
}

// pendingWait is one call of After: the duration asked for and the channel that ends it.
type pendingWait struct {
	d    time.Duration
	done chan time.Time
}

func newStepClock() *stepClock {
	return &stepClock{now: time.Unix(1000, 0), waits: make(chan pendingWait, 64)}
}

func (c *stepClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *stepClock) After(d time.Duration) <-chan time.Time {
	w := pendingWait{d: d, done: make(chan time.Time, 1)}
	c.waits <- w
	return w.done
}

// nextWait returns the duration of the poller's next wait, lets that time pass and releases the poller.
func (c *stepClock) nextWait(t *testing.T) time.Duration {
	t.Helper()
	select {
	case w := <-c.waits:
		c.mu.Lock()
		c.now = c.now.Add(w.d)
		now := c.now
		c.mu.Unlock()
		w.done <- now
		return w.d
	case <-time.After(10 * time.Second):
		t.Fatal("the poller never asked to wait")
		return 0
	}
}

// recordingLogger keeps every line it is given.
type recordingLogger struct {
	mu    sync.Mutex
	lines []string
}

func (l *recordingLogger) Warn(msg string, _ ...any) { l.add("WARN " + msg) }
func (l *recordingLogger) Info(msg string, _ ...any) { l.add("INFO " + msg) }

func (l *recordingLogger) add(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, line)
}

func (l *recordingLogger) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.lines...)
}

func httpError(status int) outcome {
	return outcome{err: &fastlyapi.Error{StatusCode: status, Path: "/v1/channel/svc/ts/1000", Message: http.StatusText(status)}}
}

func networkError() outcome {
	return outcome{err: &fastlyapi.TransportError{Host: "rt.fastly.com", Path: "/v1/channel/svc/ts/1000", Err: errors.New("connection refused")}}
}

func dataAnswer(ts int64, requests float64) outcome {
	return outcome{resp: &fastlyapi.RealtimeResponse{Timestamp: ts, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(ts-9, requests)}}}
}

func noDataAnswer(ts int64) outcome {
	return outcome{resp: &fastlyapi.RealtimeResponse{Timestamp: ts, AggregateDelay: 9, Error: fastlyapi.NoDataMessage}}
}

// startScripted runs one subscribed poller over the script on a step clock with a recording logger.
func startScripted(t *testing.T, script ...outcome) (*Hub, *stepClock, *recordingLogger) {
	t.Helper()
	clock, log := newStepClock(), &recordingLogger{}
	h := NewHub(&scriptedUpstream{script: script}, Config{Idle: time.Minute, Buffer: 15 * time.Minute}, clock, log)
	sub, err := h.Subscribe("svc", make(chan struct{}, 1))
	require.NoError(t, err)
	t.Cleanup(func() {
		sub.Close()
		h.Close()
	})
	return h, clock, log
}

// requireWaitWithJitter checks that a wait is base plus a jitter of at most a fifth of base.
func requireWaitWithJitter(t *testing.T, base, got time.Duration, msgAndArgs ...any) {
	t.Helper()
	require.GreaterOrEqual(t, got, base, msgAndArgs...)
	require.LessOrEqual(t, got, base+base/5, msgAndArgs...)
}

// requireBackoff checks a wait of the retry policy's equal jitter: at least half of full, at most full.
func requireBackoff(t *testing.T, full, got time.Duration, msgAndArgs ...any) {
	t.Helper()
	require.GreaterOrEqual(t, got, full/2, msgAndArgs...)
	require.LessOrEqual(t, got, full, msgAndArgs...)
}

func TestRejectedTokenWaitsTwoMinutesEveryTime(t *testing.T) {
	_, clock, _ := startScripted(t, httpError(401), httpError(403), httpError(401), httpError(403))
	for i := range 4 {
		requireWaitWithJitter(t, 2*time.Minute, clock.nextWait(t), "failure %d", i+1)
	}
}

func TestEveryPollAfterAFailedOneIsReportedWithItsError(t *testing.T) {
	script := []outcome{httpError(503), dataAnswer(1010, 5), networkError(), httpError(401), dataAnswer(1020, 5)}
	parked := make(chan struct{})
	up := &scriptedUpstream{script: script, parked: parked}
	repolled := make(chan error, len(script))
	clock := newStepClock()
	h := NewHub(up, Config{Idle: time.Minute, Buffer: 15 * time.Minute, Repolled: func(err error) { repolled <- err }}, clock, nil)
	t.Cleanup(h.Close)
	sub, err := h.Subscribe("svc", make(chan struct{}, 1))
	require.NoError(t, err)
	t.Cleanup(sub.Close)
	for range 3 { // the waits after the three failures
		clock.nextWait(t)
	}
	select {
	case <-parked:
	case <-time.After(time.Minute):
		t.Fatal("the poller never reached the end of its script")
	}
	close(repolled)
	var got []error
	for err := range repolled {
		got = append(got, err)
	}
	assert.Equal(t, []error{script[0].err, script[2].err, script[3].err}, got,
		"one report before each poll that follows a failure, none after an answer")
}

func TestServerAndNetworkErrorsBackOffAsTheRetryPolicySays(t *testing.T) {
	script := []outcome{httpError(500), httpError(503), networkError(), httpError(502), httpError(500), httpError(504), networkError(), httpError(500), httpError(500)}
	_, clock, _ := startScripted(t, script...)
	full := []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000}
	for i, ms := range full {
		requireBackoff(t, ms*time.Millisecond, clock.nextWait(t), "failure %d", i+1)
	}
}

func TestAfterAnOutageThePollerIsBackWithinTheBackoffCapOfFastlysRecovery(t *testing.T) {
	for _, outage := range []time.Duration{20 * time.Second, 61 * time.Second, 5 * time.Minute} {
		t.Run(outage.String(), func(t *testing.T) {
			clock := newStepClock()
			recovers := clock.Now().Add(outage)
			up := &outageUpstream{clock: clock, recovers: recovers, polls: make(chan bool, 1)}
			policy := fastlyapi.DefaultRetryPolicy(0)
			policy.Jitter = func(d time.Duration) time.Duration { return d - 1 } // the longest wait jitter can give
			h := NewHub(up, Config{Idle: time.Minute, Buffer: 15 * time.Minute, Retry: policy}, clock, nil)
			t.Cleanup(h.Close)
			sub, err := h.Subscribe("svc", make(chan struct{}, 1))
			require.NoError(t, err)
			t.Cleanup(sub.Close)
			for !<-up.polls {
				clock.nextWait(t)
			}
			assert.False(t, clock.Now().Before(recovers), "no poll succeeds during the outage")
			assert.LessOrEqual(t, clock.Now().Sub(recovers), fastlyapi.DefaultRetryMaxDelay,
				"the first poll after Fastly recovers is at most the policy's cap later")
		})
	}
}

func TestPollerWaitsAsLongAsFastlyAsks(t *testing.T) {
	clock := newStepClock()
	replies := []func(w http.ResponseWriter){
		func(w http.ResponseWriter) { // Retry-After as an HTTP date: 7 s after the failed poll
			w.Header().Set("Retry-After", clock.Now().Add(7*time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		},
		func(w http.ResponseWriter) { // Fastly's rate-limit reset: 12 s after the failed poll
			w.Header().Set("Fastly-RateLimit-Reset", strconv.FormatInt(clock.Now().Add(12*time.Second).Unix(), 10))
			w.WriteHeader(http.StatusTooManyRequests)
		},
		func(w http.ResponseWriter) { // longer than the policy honours: the poller waits MaxWait
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		},
		func(w http.ResponseWriter) { w.WriteHeader(http.StatusServiceUnavailable) }, // no hint: backoff
	}
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		replies[min(int(calls.Add(1)), len(replies))-1](w)
	}))
	t.Cleanup(srv.Close)
	client, err := fastlyapi.NewClient("token", srv.URL, srv.Client(), fastlyapi.WithRetries(fastlyapi.RetryPolicy{Now: clock.Now}))
	require.NoError(t, err)
	h := NewHub(client, Config{Idle: time.Minute, Buffer: 15 * time.Minute, Retry: fastlyapi.DefaultRetryPolicy(3)}, clock, nil)
	t.Cleanup(h.Close)
	sub, err := h.Subscribe("svc", make(chan struct{}, 1))
	require.NoError(t, err)
	t.Cleanup(sub.Close)

	assert.Equal(t, 7*time.Second, clock.nextWait(t), "Retry-After")
	assert.Equal(t, 12*time.Second, clock.nextWait(t), "Fastly-RateLimit-Reset")
	assert.Equal(t, fastlyapi.DefaultRetryMaxWait, clock.nextWait(t), "a wait longer than the policy honours")
	requireBackoff(t, 800*time.Millisecond, clock.nextWait(t), "without a hint, the fourth failure's backoff")
}

// outageUpstream fails every poll with 503 until the clock reaches recovers, then answers once and parks; it
// tells the test whether each poll succeeded.
type outageUpstream struct {
	clock    *stepClock
	recovers time.Time
	polls    chan bool
}

func (u *outageUpstream) RealtimeHistory(ctx context.Context, _ string) (*fastlyapi.RealtimeResponse, error) {
	return u.poll(ctx)
}

func (u *outageUpstream) RealtimeSince(ctx context.Context, _ string, _ int64) (*fastlyapi.RealtimeResponse, error) {
	return u.poll(ctx)
}

func (u *outageUpstream) poll(ctx context.Context) (*fastlyapi.RealtimeResponse, error) {
	now := u.clock.Now()
	if now.Before(u.recovers) {
		u.polls <- false
		return nil, httpError(http.StatusServiceUnavailable).err
	}
	select {
	case u.polls <- true:
		o := dataAnswer(now.Unix(), 1)
		return o.resp, o.err
	default: // answered already: park until the hub closes
		<-ctx.Done()
		return nil, ctx.Err()
	}
}

func TestNoDataWaitsOneSecondRisingToFiveAndLogsNothing(t *testing.T) {
	script := []outcome{dataAnswer(1000, 5)}
	for ts := int64(1001); ts <= 1007; ts++ {
		script = append(script, noDataAnswer(ts))
	}
	script = append(script, dataAnswer(1008, 6), noDataAnswer(1009))
	h, clock, log := startScripted(t, script...)
	for i, want := range []time.Duration{1, 2, 3, 4, 5, 5, 5} {
		assert.Equal(t, want*time.Second, clock.nextWait(t), "no-data answer %d", i+1)
	}
	assert.Equal(t, time.Second, clock.nextWait(t), "an answer with data polls again at once and resets the delay")
	assert.Empty(t, log.all(), "no data is silence, not a failure")
	_, st, err := h.Read(context.Background(), "svc")
	require.NoError(t, err)
	assert.NoError(t, st.Err)
}

func TestFailingPollerLogsOnceAndKeepsServingItsBuffer(t *testing.T) {
	h, clock, log := startScripted(t, dataAnswer(1000, 5), httpError(503), networkError(), httpError(500), dataAnswer(1001, 7), httpError(503))
	first := clock.nextWait(t)
	requireBackoff(t, 100*time.Millisecond, first)
	failedAt := clock.Now().Add(-first)
	assert.Equal(t, []string{"WARN real-time polling failed; backing off"}, log.all(), "one line when polling starts failing")
	clock.nextWait(t)

	buf, st, err := h.Read(context.Background(), "svc")
	require.NoError(t, err, "a reader gets the buffered data while polling fails")
	require.Error(t, st.Err, "and is told the data is stale")
	assert.False(t, st.Since.After(failedAt), "stale since the first failure, not the latest one")
	req, _ := metrics.ForRealtime("requests")
	assert.Equal(t, []float64{5}, deref(buf.Values(991, 991, req, nil)))

	clock.nextWait(t)
	requireBackoff(t, 100*time.Millisecond, clock.nextWait(t), "after recovering, backoff starts over")
	assert.Equal(t, []string{
		"WARN real-time polling failed; backing off",
		"INFO real-time polling recovered",
		"WARN real-time polling failed; backing off",
	}, log.all(), "one line per failure episode and one per recovery, never one per poll")
	_, st, err = h.Read(context.Background(), "svc")
	require.NoError(t, err)
	assert.Equal(t, []float64{5, 7}, deref(buf.Values(991, 992, req, nil)), "data from before and after the outage")
	assert.Error(t, st.Err)
}

func TestReaderGetsTheErrorWhenNothingIsBuffered(t *testing.T) {
	h, _, _ := startScripted(t, httpError(401))
	_, st, err := h.Read(context.Background(), "svc")
	var apiErr *fastlyapi.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, err, st.Err)
}

func TestSubscriberAfterTheFirstAnswerIsSignalledAtOnce(t *testing.T) {
	clock := newStepClock()
	h := NewHub(&scriptedUpstream{script: []outcome{dataAnswer(1000, 5)}}, Config{Idle: time.Minute, Buffer: 15 * time.Minute}, clock, nil)
	defer h.Close()
	_, _, err := h.Read(context.Background(), "svc")
	require.NoError(t, err, "the poller has answered once and now long-polls")
	notify := make(chan struct{}, 1)
	sub, err := h.Subscribe("svc", notify)
	require.NoError(t, err)
	defer sub.Close()
	select {
	case <-notify:
	case <-time.After(10 * time.Second):
		t.Fatal("a new stream waits for the next answer before it can send the buffered seconds")
	}
}
