package stats

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gatedFastly holds every call until release is closed, counting them.
type gatedFastly struct {
	*fakeFastly
	entered chan struct{}
	release chan struct{}
	n       atomic.Int32
}

func (g *gatedFastly) Stats(ctx context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error) {
	if g.n.Add(1) == 1 {
		close(g.entered)
	}
	<-g.release
	return g.fakeFastly.Stats(ctx, r)
}

func TestCacheOffStillAnswersAndFetchesAgain(t *testing.T) {
	r := minuteRequest([]string{"requests"}, "service", svcA)
	off := twoServiceTraffic()
	e := NewEngine(off, Config{CacheBytes: 0})
	first, err := e.Run(context.Background(), r)
	require.NoError(t, err)
	second, err := e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, values(first.Series[0]), values(second.Series[0]))
	assert.Len(t, off.calls, 2, "without a cache the second run asks Fastly again")

	on := twoServiceTraffic()
	e = NewEngine(on, Config{CacheBytes: 1 << 20})
	for range 2 {
		_, err := e.Run(context.Background(), r)
		require.NoError(t, err)
	}
	assert.Len(t, on.calls, 1, "with a cache the second run is answered from it")
}

func TestCacheOffStillMakesIdenticalInFlightCallsOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g := &gatedFastly{fakeFastly: twoServiceTraffic(), entered: make(chan struct{}), release: make(chan struct{})}
		e := NewEngine(g, Config{CacheBytes: 0})
		r := minuteRequest([]string{"requests"}, "service", svcA)
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = e.Run(context.Background(), r)
			}()
		}
		<-g.entered
		synctest.Wait() // every other run is blocked, waiting for the call in flight
		close(g.release)
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
		assert.Equal(t, int32(1), g.n.Load(), "five identical runs in flight make one Fastly call")
	})
}
