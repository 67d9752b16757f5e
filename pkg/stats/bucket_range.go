package stats

import (
	"math"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// publishDelay is how late Fastly may still publish or complete a bucket after it ends: minutes and hours up to
// 15 minutes, days around 2am UTC the next day. Alert queries refetch buckets this young instead of reading the cache.
var publishDelay = map[query.Granularity]time.Duration{
	query.GranularityMinute: 15 * time.Minute,
	query.GranularityHour:   15 * time.Minute,
	query.GranularityDay:    3 * time.Hour,
}

// bucketRange is a request's buckets in Unix seconds.
type bucketRange struct {
	step       int64
	first, end int64 // bucket starts in [first, end)
	finished   int64 // buckets starting before it have ended: only they are cached
	readable   int64 // cached buckets starting before it may be read
}

func newBucketRange(r Request) bucketRange {
	step := int64(r.Granularity.Step() / time.Second)
	w := bucketRange{step: step, first: ceilDiv(r.From.Unix(), step) * step, end: ceilDiv(r.To.Unix(), step) * step}
	w.finished = floorDiv(r.Now.Unix(), step) * step
	w.readable = w.finished
	if r.FromAlert {
		w.readable = min(w.readable, floorDiv(r.Now.Add(-publishDelay[r.Granularity]).Unix(), step)*step)
	}
	return w
}

// ceilDiv is a/b rounded up.
func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

// floorDiv is a/b rounded down.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

// coverage is the part of a cached span a request may use, [from, to); empty when from >= to.
func (w bucketRange) coverage(s span) (from, to int64) {
	from = max(s.first, w.first)
	to = min(s.end(w.step), w.end, w.readable)
	if from >= to {
		return 0, 0
	}
	return from, to
}

// noFrontier marks that no answer held a row.
const noFrontier = math.MinInt64
