package stats

import (
	"context"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cachedRig is one engine with a cache over a fake Fastly that has published minutes [0, published).
type cachedRig struct {
	fastly *fakeFastly
	engine *Engine
}

func newCachedRig(published int) *cachedRig {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(published, 10)}}
	return &cachedRig{fastly: f, engine: NewEngine(f, Config{CacheBytes: 1 << 20})}
}

// run answers requests over [from, to) at now and returns the answer with the calls it made.
func (c *cachedRig) run(t *testing.T, from, to, now time.Time) (*Result, []fastlyapi.StatsRequest) {
	t.Helper()
	c.fastly.calls = nil
	r := minuteRequest([]string{"requests"}, query.GroupByService, svcA)
	r.From, r.To, r.Now = from, to, now
	res, err := c.engine.Run(context.Background(), r)
	require.NoError(t, err)
	return res, c.fastly.calls
}

func assertSameAnswer(t *testing.T, want, got *Result) {
	t.Helper()
	assert.Equal(t, want.Times, got.Times)
	require.Len(t, got.Series, len(want.Series))
	for i := range want.Series {
		assert.Equal(t, values(want.Series[i]), values(got.Series[i]))
	}
}

func at(minutes int) time.Time { return time.Unix(minute(minutes), 0).UTC() }

func TestExtendingAPastRangeWithinTheTailFreshnessFetchesItsTail(t *testing.T) {
	rig := newCachedRig(240)
	now := at(300)
	first, calls := rig.run(t, at(0), at(90), now)
	require.Len(t, calls, 1)
	require.Len(t, first.Times, 90)

	zoomedOut, calls := rig.run(t, at(30), at(120), now.Add(5*time.Second))
	require.Len(t, calls, 1, "only the buckets after the cached ones are fetched")
	assert.Equal(t, minute(90), calls[0].From.Unix(), "the tail starts after the cached minutes")
	require.Len(t, zoomedOut.Times, 90, "every minute Fastly published, not only the cached ones")
	assert.Equal(t, at(119), zoomedOut.Times[89])
	for i, v := range values(zoomedOut.Series[0]) {
		assert.Equal(t, 10.0, v, "minute %d", i)
	}
}

func TestRefreshOfAFinishedWindowMakesNoCall(t *testing.T) {
	rig := newCachedRig(240)
	first, _ := rig.run(t, at(0), at(90), at(300))
	again, calls := rig.run(t, at(0), at(90), at(301))
	assert.Empty(t, calls)
	assertSameAnswer(t, first, again)
}

func TestRefreshReachingNowWithinTheTailFreshnessMakesNoCall(t *testing.T) {
	rig := newCachedRig(55) // Fastly lags five minutes behind 12:00:30
	now := at(60).Add(30 * time.Second)
	first, _ := rig.run(t, at(0), now, now)
	require.Len(t, first.Times, 55)

	again, calls := rig.run(t, at(0), now.Add(5*time.Second), now.Add(5*time.Second))
	assert.Empty(t, calls, "Fastly was asked for its newest minutes 5 s ago")
	assertSameAnswer(t, first, again)

	_, calls = rig.run(t, at(0), now.Add(tailFreshness), now.Add(tailFreshness))
	assert.Len(t, calls, 1, "after tailFreshness the unpublished tail is asked again")
}

func TestExtendingARangeThatWentPastThePublishedMinutesToNowMakesNoCall(t *testing.T) {
	rig := newCachedRig(55)
	now := at(60).Add(30 * time.Second)
	first, calls := rig.run(t, at(0), at(58), now)
	require.Len(t, calls, 1)
	require.Len(t, first.Times, 55, "Fastly had published up to minute 54")

	extended, calls := rig.run(t, at(0), now.Add(5*time.Second), now.Add(5*time.Second))
	assert.Empty(t, calls, "Fastly had nothing after minute 54 5 s ago")
	assertSameAnswer(t, first, extended)
}
