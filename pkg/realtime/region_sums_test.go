package realtime

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func regionHub(up Upstream, regionOf func(context.Context) (map[string]string, bool)) *Hub {
	return NewHub(up, Config{Idle: time.Minute, Buffer: 15 * time.Minute, RegionOf: regionOf}, &fakeClock{now: time.Unix(1000, 0)}, nil)
}

func TestRegionSumsHoldEachRegionFromTheFirstAnswer(t *testing.T) {
	h := regionHub(newFakeUpstream(), func(context.Context) (map[string]string, bool) {
		return map[string]string{"LHR": "europe", "JFK": "usa"}, true
	})
	defer h.Close()

	regions, _, err := h.ReadRegions(context.Background(), "svc")
	require.NoError(t, err)
	europe, ok := regions.Sums(991, 992, []string{"requests"}, []string{"europe"})
	require.True(t, ok, "the history answer fills the sums by region")
	assert.Equal(t, []float64{5}, europe)
	usa, ok := regions.Sums(991, 992, []string{"requests"}, []string{"usa"})
	require.True(t, ok)
	assert.Equal(t, []float64{0}, usa, "a region without traffic that second sums to zero")
	assert.Positive(t, h.Holdings().RegionBytes)
}

func TestRegionSumsClaimNoSecondWithoutAPOPMap(t *testing.T) {
	h := regionHub(newFakeUpstream(), func(context.Context) (map[string]string, bool) { return nil, false })
	defer h.Close()

	regions, _, err := h.ReadRegions(context.Background(), "svc")
	require.NoError(t, err)
	_, ok := regions.Sums(991, 992, []string{"requests"}, []string{"europe"})
	assert.False(t, ok, "seconds that could not be placed in a region are not held, never zero traffic")
	summed, _, err := h.Read(context.Background(), "svc")
	require.NoError(t, err)
	_, ok = summed.Sums(991, 992, []string{"requests"}, nil)
	assert.True(t, ok, "the sums over POPs do not depend on the map")
}

func TestReadRegionsNeedsAPOPMap(t *testing.T) {
	h := newTestHub(newFakeUpstream(), &fakeClock{now: time.Unix(1000, 0)})
	defer h.Close()
	_, _, err := h.ReadRegions(context.Background(), "svc")
	assert.ErrorIs(t, err, errNoRegionMap)
}

func TestAPOPListThatCannotBeReadIsAskedForAtMostOnceAMinute(t *testing.T) {
	asked := 0
	clock := &fakeClock{now: time.Unix(1000, 0)}
	h := NewHub(newFakeUpstream(), Config{Idle: time.Minute, Buffer: 15 * time.Minute,
		RegionOf: func(context.Context) (map[string]string, bool) { asked++; return nil, false }}, clock, nil)
	defer h.Close()

	for range 5 {
		_, ok := h.regionMap.get(context.Background(), h)
		assert.False(t, ok)
	}
	assert.Equal(t, 1, asked, "a failing /datacenters is not asked again on every poll")
	clock.advance(regionMapRefresh)
	_, _ = h.regionMap.get(context.Background(), h)
	assert.Equal(t, 2, asked, "asked again once the refresh interval has passed")
}

func TestARegionMapRefreshDoesNotStallTheOtherPollers(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1000, 0)}
	entered, release := make(chan struct{}), make(chan struct{})
	var calls atomic.Int32
	h := NewHub(newFakeUpstream(), Config{Idle: time.Minute, Buffer: 15 * time.Minute,
		RegionOf: func(context.Context) (map[string]string, bool) {
			if calls.Add(1) > 1 {
				close(entered)
				<-release // the refresh hangs, as a slow or failing /datacenters does
				return nil, false
			}
			return map[string]string{"LHR": "europe"}, true
		}}, clock, nil)
	defer h.Close()
	first, ok := h.regionMap.get(context.Background(), h)
	require.True(t, ok)

	clock.advance(regionMapRefresh)
	refreshed := make(chan struct{})
	go func() {
		defer close(refreshed)
		_, _ = h.regionMap.get(context.Background(), h)
	}()
	<-entered // the refreshing caller is inside RegionOf
	got, ok := h.regionMap.get(context.Background(), h)
	assert.True(t, ok, "another poller is answered while the refresh hangs")
	assert.Equal(t, first, got, "with the map it had")
	close(release)
	<-refreshed
	got, _ = h.regionMap.get(context.Background(), h)
	assert.Equal(t, first, got, "a failed refresh keeps the map")
	assert.Equal(t, int32(2), calls.Load(), "and is not asked again within the minute")
}
