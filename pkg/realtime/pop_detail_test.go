package realtime

import (
	"context"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func (f *fakeUpstream) backfills(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.history[id]
}

func TestPOPDetailIsHeldOnlyWhileAReaderNeedsIt(t *testing.T) {
	up := newFakeUpstream()
	clock := &fakeClock{now: time.Unix(1000, 0)}
	h := newTestHub(up, clock)
	defer h.Close()
	keep, err := h.Subscribe("svc", make(chan struct{}, 1)) // a summed panel keeps the poller running
	require.NoError(t, err)
	defer keep.Close()
	req, _ := metrics.ForRealtime("requests")

	summed, _, err := h.Read(context.Background(), "svc")
	require.NoError(t, err)
	assert.Equal(t, []float64{5}, deref(summed.Values(991, 991, req, nil)))
	assert.Empty(t, summed.POPs(900, 1000), "a summed reader keeps no POP detail")
	assert.Zero(t, h.Holdings().DetailBytes)

	pops, _, err := h.ReadPOPs(context.Background(), "svc")
	require.NoError(t, err)
	assert.Equal(t, 2, up.backfills("svc"), "the first per-POP reader fills POP detail from the history")
	assert.Equal(t, []string{"LHR"}, pops.POPs(900, 1000))
	assert.Equal(t, []float64{5}, deref(pops.Values(991, 991, req, []string{"LHR"})))
	assert.Positive(t, h.Holdings().DetailBytes)
	again, _, err := h.ReadPOPs(context.Background(), "svc")
	require.NoError(t, err)
	assert.Same(t, pops, again, "later per-POP readers share it")
	assert.Equal(t, 2, up.backfills("svc"))

	clock.advance(2 * time.Minute) // longer than the idle time without a per-POP reader
	answer := &fastlyapi.RealtimeResponse{Timestamp: 1001, AggregateDelay: 9}
	require.Eventually(t, func() bool {
		select {
		case up.step <- answer:
		default:
		}
		return h.Holdings().DetailBytes == 0
	}, 10*time.Second, time.Millisecond, "idle POP detail is dropped")
	assert.Equal(t, 1, h.Pollers(), "the summed data stays")
}

func TestPOPStreamKeepsDetailPastTheIdleTime(t *testing.T) {
	up := newFakeUpstream()
	clock := &fakeClock{now: time.Unix(1000, 0)}
	h := newTestHub(up, clock)
	defer h.Close()
	notify := make(chan struct{}, 1)
	sub, err := h.SubscribePOPs("svc", notify)
	require.NoError(t, err)
	defer sub.Close()
	<-notify
	clock.advance(time.Hour)
	up.step <- &fastlyapi.RealtimeResponse{Timestamp: 1001, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(992, 7)}}
	<-notify
	req, _ := metrics.ForRealtime("requests")
	assert.Equal(t, []float64{5, 7}, deref(sub.Buffer.Values(991, 992, req, []string{"LHR"})), "a per-POP stream keeps its detail")
	assert.Equal(t, 1, up.backfills("svc"), "a poller whose first reader wants POPs fills both from one history call")
}
