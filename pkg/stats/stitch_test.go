package stats

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeTail holds real-time buckets: service → start → field → value; a field it lacks is one real-time cannot supply.
type fakeTail struct {
	buckets map[string]map[int64]map[string]float64
	asked   []int64       // the `from` of every call
	skip    StitchOutcome // the reason it reports
}

func (f *fakeTail) Buckets(_ context.Context, services []series.Service, fields []string, from, to, step int64) ([][][]float64, StitchOutcome) {
	f.asked = append(f.asked, from)
	out := make([][][]float64, len(services))
	for i, s := range services {
		for start := from; start < to; start += step {
			b, ok := f.buckets[s.ID][start]
			if !ok {
				break
			}
			row := make([]float64, len(fields))
			for k, field := range fields {
				if row[k], ok = b[field]; !ok {
					row[k] = math.NaN()
				}
			}
			out[i] = append(out[i], row)
		}
	}
	return out, f.skip
}

func publishedMinutes(n int, v float64) map[int64]map[string]float64 {
	out := map[int64]map[string]float64{}
	for i := range n {
		out[minute(i)] = map[string]float64{"requests": v, "hits": v / 2, "miss": v / 2, "pipe": 1}
	}
	return out
}

func TestTailAfterTheNewestPublishedBucketIsStitchedAndMarked(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(4, 10)}}
	tail := &fakeTail{buckets: map[string]map[int64]map[string]float64{svcA.ID: {
		minute(4): {"requests": 20, "hits": 15, "miss": 5},
		minute(5): {"requests": 30, "hits": 0, "miss": 0},
	}}}
	r := minuteRequest([]string{"requests", "hit_ratio", "pipe"}, query.GroupByService, svcA)
	r.Now, r.Tail = t0.Add(10*time.Minute), tail
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)

	assert.Equal(t, []int64{minute(4)}, tail.asked, "the tail starts right after the newest published minute")
	require.Len(t, res.Times, 6)
	assert.Equal(t, []any{10.0, 10.0, 10.0, 10.0, 20.0, 30.0}, values(res.Series[0]))
	assert.Equal(t, []any{0.5, 0.5, 0.5, 0.5, 0.75, nil}, values(res.Series[1]), "ratios are recomputed from the stitched counters")
	assert.Equal(t, []any{1.0, 1.0, 1.0, 1.0, nil, nil}, values(res.Series[2]), "a field real-time cannot supply stays empty")
	require.NotNil(t, res.Provisional)
	assert.Equal(t, time.Unix(minute(4), 0).UTC(), res.Provisional.From)
	assert.Equal(t, 2, res.Provisional.Buckets)
	assert.Contains(t, res.Notices, series.Notice{Severity: series.Info, Text: "Minutes after 10:04 UTC are provisional, from Fastly's real-time API; they are replaced when Fastly publishes them."})
	assert.Equal(t, "stitched 2 minutes 10:04–10:05 UTC from real-time for a.example.com", res.Calls[len(res.Calls)-1])
}

func TestPublishedBucketsReplaceStitchedOnesAndStitchedOnesAreNeverCached(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(4, 10)}}
	tail := &fakeTail{buckets: map[string]map[int64]map[string]float64{svcA.ID: {
		minute(3): {"requests": 999}, minute(4): {"requests": 20}, minute(5): {"requests": 30}, minute(6): {"requests": 40},
	}}}
	e := NewEngine(f, Config{CacheBytes: 1 << 20})
	r := minuteRequest([]string{"requests"}, query.GroupByService, svcA)
	r.Now, r.Tail = t0.Add(10*time.Minute), tail
	res, err := e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{10.0, 10.0, 10.0, 10.0, 20.0, 30.0, 40.0}, values(res.Series[0]), "minute 3 is published: its real-time value is not used")

	r.Tail = nil
	res, err = e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{10.0, 10.0, 10.0, 10.0}, values(res.Series[0]), "the cache holds only published minutes")
	assert.Nil(t, res.Provisional)

	f.buckets[svcA.ID][minute(4)] = map[string]float64{"requests": 21}
	f.buckets[svcA.ID][minute(5)] = map[string]float64{"requests": 31}
	r.Now, r.Tail = r.Now.Add(time.Minute), tail
	res, err = e.Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{10.0, 10.0, 10.0, 10.0, 21.0, 31.0, 40.0}, values(res.Series[0]), "published minutes win; minute 6 stays provisional")
	assert.Equal(t, time.Unix(minute(6), 0).UTC(), res.Provisional.From)
}

func TestSumOverServicesStitchesOnlyBucketsEveryServiceHolds(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(2, 10), svcB.ID: publishedMinutes(2, 1)}}
	tail := &fakeTail{buckets: map[string]map[int64]map[string]float64{
		svcA.ID: {minute(2): {"requests": 20}, minute(3): {"requests": 20}},
		svcB.ID: {minute(2): {"requests": 2}},
	}}
	r := minuteRequest([]string{"requests"}, query.GroupByNone, svcA, svcB)
	r.Tail = tail
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{11.0, 11.0, 22.0}, values(res.Series[0]), "minute 3 would drop: b.example.com has no real-time data for it")
	assert.Equal(t, "stitched 1 minute 10:02–10:02 UTC from real-time for a.example.com, b.example.com", res.Calls[len(res.Calls)-1])
}

func TestUnfinishedBucketIsNeverStitched(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: publishedMinutes(2, 10)}}
	tail := &fakeTail{buckets: map[string]map[int64]map[string]float64{svcA.ID: {minute(2): {"requests": 5}, minute(3): {"requests": 5}}}}
	r := minuteRequest([]string{"requests"}, query.GroupByService, svcA)
	r.Now, r.Tail = t0.Add(3*time.Minute+30*time.Second), tail
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{10.0, 10.0, 5.0}, values(res.Series[0]), "minute 3 has not ended")
}
