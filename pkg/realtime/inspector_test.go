package realtime

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// productUpstream counts backfills per product and service; its long polls block until cancelled.
type productUpstream struct {
	mu      sync.Mutex
	history map[string]int
}

func (u *productUpstream) count(key string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.history[key]++
}

func (u *productUpstream) RealtimeHistory(_ context.Context, id string) (*fastlyapi.RealtimeResponse, error) {
	u.count("channel/" + id)
	return &fastlyapi.RealtimeResponse{Timestamp: 1000, AggregateDelay: 9}, nil
}

func (u *productUpstream) RealtimeSince(ctx context.Context, _ string, _ int64) (*fastlyapi.RealtimeResponse, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func (u *productUpstream) InspectorRealtimeHistory(_ context.Context, p fastlyapi.Product, id string) (*fastlyapi.InspectorRealtimeResponse, error) {
	u.count(string(p) + "/" + id)
	return &fastlyapi.InspectorRealtimeResponse{Timestamp: 1000, AggregateDelay: 9, Data: []fastlyapi.InspectorRealtimeRecord{
		inspectorRecord(990, 3), inspectorRecord(991, 5),
	}}, nil
}

func (u *productUpstream) InspectorRealtimeSince(ctx context.Context, _ fastlyapi.Product, _ string, _ int64) (*fastlyapi.InspectorRealtimeResponse, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// inspectorRecord has origin a.example at LHR (n responses) and FRA (1), and b.example at FRA (2).
func inspectorRecord(t int64, n float64) fastlyapi.InspectorRealtimeRecord {
	return fastlyapi.InspectorRealtimeRecord{Recorded: t,
		Aggregated: map[string]map[string]float64{"a.example": {"responses": n + 1}, "b.example": {"responses": 2, "status_5xx": 1}},
		POPs: map[string]map[string]map[string]float64{
			"LHR": {"a.example": {"responses": n}},
			"FRA": {"a.example": {"responses": 1}, "b.example": {"responses": 2, "status_5xx": 1}},
		}}
}

func TestOnePollerPerServiceAndProductForManyReaders(t *testing.T) {
	up := &productUpstream{history: map[string]int{}}
	h := newTestHub(up, &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	var wg sync.WaitGroup
	for i := range 30 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			switch i % 3 {
			case 0:
				_, _, err = h.Read(context.Background(), "svc")
			case 1:
				_, _, err = h.ReadInspector(context.Background(), fastlyapi.OriginInspector, "svc")
			default:
				_, _, err = h.ReadInspector(context.Background(), fastlyapi.DomainInspector, "svc")
			}
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, 3, h.Pollers(), "channel, origins and domains of one service")
	assert.True(t, h.Running("svc"), "the channel poller keeps its key")
	up.mu.Lock()
	defer up.mu.Unlock()
	assert.Equal(t, map[string]int{"channel/svc": 1, "origin_inspector/svc": 1, "domain_inspector/svc": 1}, up.history)
}

func TestDimensionSeriesSumsPerNameAndPOP(t *testing.T) {
	up := &productUpstream{history: map[string]int{}}
	h := newTestHub(up, &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	buf, _, err := h.ReadInspector(context.Background(), fastlyapi.OriginInspector, "svc")
	require.NoError(t, err)

	total := buf.DimensionSeries("host", 989, 991, []string{"responses", "status_5xx"}, false)
	require.Len(t, total, 2)
	assert.Equal(t, map[string]string{"host": "a.example"}, total[0].Dimensions)
	assert.Equal(t, []int64{990, 991}, total[0].Timestamps, "a second without the host is left out")
	assert.Equal(t, [][]float64{{4, 6}, {0, 0}}, total[0].Values)
	assert.Equal(t, [][]float64{{2, 2}, {1, 1}}, total[1].Values)

	perPOP := buf.DimensionSeries("host", 991, 991, []string{"responses"}, true)
	require.Len(t, perPOP, 3)
	got := map[string]float64{}
	for _, s := range perPOP {
		got[s.Dimensions["host"]+"@"+s.Dimensions["datacenter"]] = s.Values[0][0]
	}
	assert.Equal(t, map[string]float64{"a.example@LHR": 5, "a.example@FRA": 1, "b.example@FRA": 2}, got)
}

func TestReadInspectorNeedsAnInspectorUpstream(t *testing.T) {
	h := newTestHub(newFakeUpstream(), &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	_, _, err := h.ReadInspector(context.Background(), fastlyapi.OriginInspector, "svc")
	assert.ErrorIs(t, err, ErrNoInspectorUpstream)
	assert.Zero(t, h.Pollers())
}
