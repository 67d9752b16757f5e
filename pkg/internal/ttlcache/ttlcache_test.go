package ttlcache

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clock is a settable time.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// counter loads "<key>#<n>", n counting the loads of every key; err, when set, fails the load instead.
type counter struct {
	mu    sync.Mutex
	loads int
	err   error
}

func (c *counter) load(_ context.Context, key string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.loads++
	if c.err != nil {
		return "", c.err
	}
	return fmt.Sprintf("%s#%d", key, c.loads), nil
}

func get(t *testing.T, c *Cache[string, string], key string, refresh bool) string {
	t.Helper()
	v, err := c.Get(context.Background(), key, refresh)
	require.NoError(t, err)
	return v
}

func TestAValueIsReusedWithinItsTTLAndLoadedAgainAfter(t *testing.T) {
	clk, src := &clock{t: time.Unix(1000, 0)}, &counter{}
	c := New(time.Minute, 10, clk.now, src.load)
	assert.Equal(t, "a#1", get(t, c, "a", false))
	clk.t = clk.t.Add(59 * time.Second)
	assert.Equal(t, "a#1", get(t, c, "a", false), "still fresh")
	clk.t = clk.t.Add(time.Second)
	assert.Equal(t, "a#2", get(t, c, "a", false), "a minute old: loaded again")
	assert.Equal(t, "b#3", get(t, c, "b", false), "each key has its own value")
}

func TestRefreshLoadsAgainAndAFailedLoadKeepsTheEarlierValue(t *testing.T) {
	clk, src := &clock{t: time.Unix(1000, 0)}, &counter{}
	c := New(time.Minute, 10, clk.now, src.load)
	assert.Equal(t, "a#1", get(t, c, "a", false))
	assert.Equal(t, "a#2", get(t, c, "a", true), "refresh loads though the value is fresh")

	src.err = errors.New("fastly is down")
	_, err := c.Get(context.Background(), "a", true)
	require.EqualError(t, err, "fastly is down")
	assert.Equal(t, "a#2", get(t, c, "a", false), "the failed refresh left the fresh value")

	_, err = c.Get(context.Background(), "b", false)
	require.Error(t, err)
	_, err = c.Get(context.Background(), "b", false)
	require.Error(t, err, "a failure is not kept: the next caller loads again")
	assert.Equal(t, 5, src.loads)
}

func TestConcurrentCallersOfOneKeyShareOneLoad(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		loads := 0
		c := New(time.Minute, 10, time.Now, func(context.Context, string) (int, error) {
			loads++
			<-release
			return loads, nil
		})
		got := make([]int, 3)
		var wg sync.WaitGroup
		for i := range got {
			wg.Go(func() { got[i], _ = c.Get(context.Background(), "a", false) })
		}
		synctest.Wait() // one caller is loading, the others wait for it
		close(release)
		wg.Wait()
		assert.Equal(t, 1, loads)
		assert.Equal(t, []int{1, 1, 1}, got)
	})
}

func TestAWaitingCallerStopsWhenItsContextEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		c := New(time.Minute, 10, time.Now, func(context.Context, string) (int, error) { <-release; return 1, nil })
		go func() { _, _ = c.Get(context.Background(), "a", false) }()
		synctest.Wait()
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := c.Get(ctx, "a", false)
		assert.ErrorIs(t, err, context.Canceled)
		close(release)
	})
}

func TestTheBoundDropsExpiredKeysThenTheOldest(t *testing.T) {
	clk, src := &clock{t: time.Unix(1000, 0)}, &counter{}
	c := New(time.Minute, 3, clk.now, src.load)
	get(t, c, "a", false)
	clk.t = clk.t.Add(30 * time.Second)
	get(t, c, "b", false)
	get(t, c, "c", false)
	get(t, c, "d", false)
	assert.Equal(t, 3, c.Len(), "never more than the bound")
	assert.Equal(t, "b#2", get(t, c, "b", false), "b is kept")
	assert.Equal(t, "a#5", get(t, c, "a", false), "a, the oldest, was dropped and is loaded again")

	clk.t = clk.t.Add(time.Minute) // all expired
	get(t, c, "e", false)
	assert.Equal(t, 1, c.Len(), "expired keys all go when room is needed")
}

func TestAValueLoadsOnceWithinItsTTL(t *testing.T) {
	clk, loads := &clock{t: time.Unix(1000, 0)}, 0
	v := NewValue(time.Hour, clk.now, func(context.Context) (int, error) { loads++; return loads, nil })
	for range 3 {
		n, err := v.Get(context.Background(), false)
		require.NoError(t, err)
		assert.Equal(t, 1, n)
	}
	n, err := v.Get(context.Background(), true)
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

// BenchmarkFullEnablementCacheBytes reports the heap a full cache of enablement-shaped keys (an add-on name and a
// Fastly service id) holds per key.
func BenchmarkFullEnablementCacheBytes(b *testing.B) {
	type key struct{ product, service string }
	const keys = 2000
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := New(time.Hour, keys, time.Now, func(context.Context, key) (bool, error) { return true, nil })
		for i := range keys {
			k := key{product: "origininspector", service: fmt.Sprintf("%022d", i)}
			if _, err := c.Get(context.Background(), k, false); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/keys, "bytes/key")
		runtime.KeepAlive(c)
	}
}
