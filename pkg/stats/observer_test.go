package stats

import (
	"context"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingObserver counts what the engine reports.
type countingObserver struct {
	hits, misses, evictions int
	outcomes                []StitchOutcome
}

var _ Observer = (*countingObserver)(nil)

func (o *countingObserver) CacheLookup(hit bool) {
	if hit {
		o.hits++
	} else {
		o.misses++
	}
}
func (o *countingObserver) CacheEvicted()          { o.evictions++ }
func (o *countingObserver) Stitch(s StitchOutcome) { o.outcomes = append(o.outcomes, s) }

func twoServices(minutes int) *fakeFastly {
	return &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(minutes, 10), svcB.ID: publishedMinutes(minutes, 1)}}
}

func TestObserverCountsOneLookupPerSeriesAndAWarmRunHits(t *testing.T) {
	obs := &countingObserver{}
	e := NewEngine(twoServices(10), Config{CacheBytes: 1 << 20, Observer: obs})
	r := minuteRequest([]string{"requests", "hit_ratio"}, query.GroupByService, svcA, svcB) // fields requests, hits, miss
	_, err := e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, countingObserver{misses: 6, outcomes: []StitchOutcome{StitchPublished}}, *obs, "cold: 2 services × 3 fields")
	held := e.CacheBytes()
	assert.Equal(t, int64(6*(10*8+spanEntryOverhead)), held)

	_, err = e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, 6, obs.hits, "warm: every series is served from the cache")
	assert.Equal(t, 6, obs.misses)
	e.Close()
	assert.Zero(t, e.CacheBytes(), "a closed engine holds nothing")
	assert.Zero(t, obs.evictions, "closing is not evicting")
}

func TestObserverCountsEvictionsAndCacheBytesStayWithinTheBound(t *testing.T) {
	obs := &countingObserver{}
	bound := int64(2*(10*8+spanEntryOverhead) + 1) // two series of ten minutes
	e := NewEngine(twoServices(10), Config{CacheBytes: bound, Observer: obs})
	_, err := e.Run(context.Background(), minuteRequest([]string{"requests", "hits"}, query.GroupByService, svcA, svcB))
	require.NoError(t, err)
	assert.Equal(t, 2, obs.evictions, "four series stored, two fit")
	assert.LessOrEqual(t, e.CacheBytes(), bound)
	assert.Positive(t, e.CacheBytes())
}

func TestWithoutACacheNoLookupIsReported(t *testing.T) {
	obs := &countingObserver{}
	_, err := NewEngine(twoServices(10), Config{Observer: obs}).Run(context.Background(), minuteRequest([]string{"requests"}, query.GroupByService, svcA))
	require.NoError(t, err)
	assert.Zero(t, obs.hits+obs.misses)
	assert.Len(t, obs.outcomes, 1)
}

func TestEveryAnsweredQueryReportsWhatStitchingDid(t *testing.T) {
	withTail := func(tail TailReader) func(*Request) { return func(r *Request) { r.Tail = tail } }
	recent := func(r *Request) { r.Now = t0.Add(10 * time.Minute) } // minutes 4–9 are finished but unpublished
	cases := []struct {
		name    string
		fastly  *fakeFastly
		tune    []func(*Request)
		want    StitchOutcome
		written bool
	}{
		{"every finished minute is published", twoServices(10), nil, StitchPublished, false},
		{"Fastly has no row", &fakeFastly{}, []func(*Request){recent}, StitchNoData, false},
		{"no tail reader", twoServices(4), []func(*Request){recent}, StitchDisabled, true},
		{"the tail follows no service", twoServices(4), []func(*Request){recent, withTail(&fakeTail{skip: StitchDisabled})}, StitchDisabled, true},
		{"a poller failed", twoServices(4), []func(*Request){recent, withTail(&fakeTail{skip: StitchNoPoller})}, StitchNoPoller, true},
		{"the tail holds no whole minute", twoServices(4), []func(*Request){recent, withTail(&fakeTail{})}, StitchIncomplete, true},
		{"stitched", twoServices(4), []func(*Request){recent, withTail(&fakeTail{buckets: map[string]map[int64]map[string]float64{
			svcA.ID: {minute(4): {"requests": 1}}, svcB.ID: {minute(4): {"requests": 2}}}})}, Stitched, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obs := &countingObserver{}
			r := minuteRequest([]string{"requests"}, query.GroupByNone, svcA, svcB)
			for _, tune := range c.tune {
				tune(&r)
			}
			res, err := NewEngine(c.fastly, Config{Observer: obs}).Run(context.Background(), r)
			require.NoError(t, err)
			assert.Equal(t, []StitchOutcome{c.want}, obs.outcomes)
			assert.Equal(t, c.want == Stitched, res.Provisional != nil)
			assert.Equal(t, c.written, c.want.Needed())
			assert.Contains(t, StitchOutcomes, c.want)
		})
	}
}

func TestAFailedQueryReportsNoStitchOutcome(t *testing.T) {
	obs := &countingObserver{}
	f := twoServices(4)
	f.err = assert.AnError
	_, err := NewEngine(f, Config{Observer: obs}).Run(context.Background(), minuteRequest([]string{"requests"}, query.GroupByNone, svcA))
	require.Error(t, err)
	assert.Empty(t, obs.outcomes)
}
