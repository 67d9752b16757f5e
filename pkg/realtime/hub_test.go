package realtime

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeUpstream answers History at once and each Since only when the test sends a step.
type fakeUpstream struct {
	mu      sync.Mutex
	history map[string]int
	cursors []int64
	inSince int
	step    chan *fastlyapi.RealtimeResponse
}

// waiting is how many long polls are in progress.
func (f *fakeUpstream) waiting() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inSince
}

func newFakeUpstream() *fakeUpstream {
	return &fakeUpstream{history: map[string]int{}, step: make(chan *fastlyapi.RealtimeResponse)}
}

func (f *fakeUpstream) RealtimeHistory(_ context.Context, id string) (*fastlyapi.RealtimeResponse, error) {
	f.mu.Lock()
	f.history[id]++
	f.mu.Unlock()
	return &fastlyapi.RealtimeResponse{Timestamp: 1000, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(991, 5)}}, nil
}

func (f *fakeUpstream) RealtimeSince(ctx context.Context, _ string, ts int64) (*fastlyapi.RealtimeResponse, error) {
	f.mu.Lock()
	f.cursors = append(f.cursors, ts)
	f.inSince++
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inSince--
		f.mu.Unlock()
	}()
	select {
	case r := <-f.step:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func record(t int64, requests float64) fastlyapi.RealtimeRecord {
	m := fastlyapi.Measurements{Values: map[string]float64{"requests": requests, "hits": requests - 1, "miss": 1},
		MissHistogram: map[float64]float64{10: 1}}
	return fastlyapi.RealtimeRecord{Recorded: t, Aggregated: m, POPs: map[string]fastlyapi.Measurements{"LHR": m}}
}

type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *fakeClock) After(time.Duration) <-chan time.Time {
	ch := make(chan time.Time, 1)
	ch <- c.Now()
	return ch
}
func (c *fakeClock) advance(d time.Duration) { c.mu.Lock(); c.now = c.now.Add(d); c.mu.Unlock() }

func newTestHub(up Upstream, clock Clock) *Hub {
	return NewHub(up, Config{Idle: time.Minute, Buffer: 15 * time.Minute}, clock, nil)
}

func TestOnePollerPerServiceForManyReaders(t *testing.T) {
	up := newFakeUpstream()
	h := newTestHub(up, &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, _, err := h.Read(context.Background(), "svc")
				assert.NoError(t, err)
				return
			}
			sub, err := h.Subscribe("svc", make(chan struct{}, 1))
			assert.NoError(t, err)
			defer sub.Close()
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, h.Pollers())
	up.mu.Lock()
	assert.Equal(t, 1, up.history["svc"], "one backfill for every reader")
	up.mu.Unlock()
}

func TestPollerChainsTimestampAndTreatsNoDataAsSilence(t *testing.T) {
	up := newFakeUpstream()
	h := newTestHub(up, &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	notify := make(chan struct{}, 1)
	sub, err := h.Subscribe("svc", notify)
	require.NoError(t, err)
	defer sub.Close()
	<-notify
	up.step <- &fastlyapi.RealtimeResponse{Timestamp: 1003, AggregateDelay: 9, Error: fastlyapi.NoDataMessage}
	<-notify
	up.step <- &fastlyapi.RealtimeResponse{Timestamp: 1004, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(995, 7)}}
	<-notify
	require.Eventually(t, func() bool {
		up.mu.Lock()
		defer up.mu.Unlock()
		return len(up.cursors) >= 3
	}, 5*time.Second, time.Millisecond, "the poller asks again with the newest Timestamp")
	up.mu.Lock()
	assert.Equal(t, []int64{1000, 1003, 1004}, up.cursors[:3], "each poll uses the previous Timestamp")
	up.mu.Unlock()
	assert.NoError(t, sub.Status().Err, "no data is not an error")

	req, _ := metrics.ForRealtime("requests")
	vals := sub.Buffer.Values(990, 996, req, nil)
	assert.Equal(t, []float64{0, 5, 0, 0, 0, 7, -1}, deref(vals), "seconds the answers cover without a record are zero; later ones are empty")
}

func TestIdlePollerStopsAndDisposeStopsEverything(t *testing.T) {
	up := newFakeUpstream()
	clock := &fakeClock{now: time.Unix(1000, 0)}
	h := newTestHub(up, clock)
	_, _, err := h.Read(context.Background(), "idle")
	require.NoError(t, err)
	clock.advance(2 * time.Minute)
	// The poller may stop right after its backfill (the clock moved) or after one more answer: offer that answer
	// without blocking until it is gone.
	answer := &fastlyapi.RealtimeResponse{Timestamp: 1001, AggregateDelay: 9}
	require.Eventually(t, func() bool {
		select {
		case up.step <- answer:
		default:
		}
		return h.Pollers() == 0
	}, 10*time.Second, time.Millisecond, "no reader for longer than the idle time")

	for i := range 5 {
		sub, err := h.Subscribe(fmt.Sprintf("svc%d", i), make(chan struct{}, 1))
		require.NoError(t, err)
		defer sub.Close()
	}
	require.Eventually(t, func() bool { return up.waiting() == 5 }, 10*time.Second, time.Millisecond, "every poller is in its long poll")
	clock.advance(time.Hour)
	assert.Equal(t, 5, h.Pollers(), "pollers with a subscriber never stop for idleness")
	h.Close()
	assert.Equal(t, 0, h.Pollers())
	assert.Equal(t, 0, up.waiting(), "Close returns after every poller's request returned and its goroutine ended")
	_, _, err = h.Read(context.Background(), "svc0")
	assert.ErrorIs(t, err, ErrClosed)
}

func TestPollersStopAtTheLimitWithAClearError(t *testing.T) {
	up := newFakeUpstream()
	h := NewHub(up, Config{Idle: time.Minute, Buffer: time.Minute, MaxPollers: 2}, &fakeClock{now: time.Unix(1000, 0)}, nil)
	defer h.Close()
	require.NoError(t, h.Start("a"))
	require.NoError(t, h.Admit([]string{"a", "b"}), "a running service does not count twice")
	var limit *LimitError
	require.ErrorAs(t, h.Admit([]string{"b", "c"}), &limit)
	assert.Equal(t, 3, limit.Wanted)
	_, _, err := h.Read(context.Background(), "b")
	require.NoError(t, err)
	_, err = h.Subscribe("c", make(chan struct{}, 1))
	require.ErrorAs(t, err, &limit)
	assert.Equal(t, 2, h.Pollers(), "a refused reader starts nothing")
}

func TestBufferKeepsOnlyItsCapacity(t *testing.T) {
	b := NewBuffer(60)
	for ts := int64(1000); ts < 1300; ts++ {
		b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: ts + 9, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(ts, float64(ts))}}, 120)
	}
	assert.Equal(t, int64(1299), b.Newest())
	assert.Equal(t, int64(1240), b.Oldest())
	req, _ := metrics.ForRealtime("requests")
	v := b.Values(1239, 1240, req, nil)
	assert.Nil(t, v[0], "evicted")
	assert.Equal(t, 1240.0, *v[1])
}

func TestDerivedAndPercentileValues(t *testing.T) {
	b := NewBuffer(60)
	m := fastlyapi.Measurements{Values: map[string]float64{"hits": 3, "miss": 1, "requests": 4, "status_5xx": 1},
		MissHistogram: map[float64]float64{10: 50, 100: 45, 60000: 5}}
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 110, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{{Recorded: 101, Aggregated: m}}}, 120)
	// Percentiles interpolate inside the bucket: rank 50 ends the 9–10 ms bucket, 95 the 90–100 ms one, and 99 lies
	// 4/5 into the 55000–60000 ms one.
	for name, want := range map[string]float64{"hit_ratio": 0.75, "error_ratio": 0.25, "miss_latency_p50": 10, "miss_latency_p95": 100, "miss_latency_p99": 59000} {
		metric, ok := metrics.ForRealtime(name)
		require.True(t, ok)
		v := b.Values(100, 101, metric, nil)
		assert.Nil(t, v[0], "%s is empty without traffic", name)
		require.NotNil(t, v[1], name)
		assert.Equal(t, want, *v[1], name)
	}
}

func deref(vals []*float64) []float64 {
	out := make([]float64, len(vals))
	for i, v := range vals {
		out[i] = -1
		if v != nil {
			out[i] = *v
		}
	}
	return out
}
