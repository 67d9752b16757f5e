package metrics

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// HistogramBucket is one bucket of a latency histogram: Count observations between Lower and Upper ms (Upper is
// +Inf for an open last bucket).
type HistogramBucket struct{ Lower, Upper, Count float64 }

// percentileDefinition is how every latency percentile of the plugin is computed, for the metric descriptions.
const percentileDefinition = " The bucket holding the rank (p × the count) is found and the value interpolated linearly " +
	"inside it, assuming the counted requests spread evenly across the bucket, as Prometheus' histogram_quantile does. " +
	"The true percentile lies in the same bucket, so the error is at most that bucket's width"

// HistogramQuantile estimates the q-quantile (0 < q ≤ 1) of buckets in increasing order by linear interpolation inside
// the bucket that holds rank q×total; a rank in an open bucket is reported as its lower bound. ok=false when nothing
// was counted.
func HistogramQuantile(buckets []HistogramBucket, q float64) (float64, bool) {
	total := 0.0
	for _, b := range buckets {
		total += b.Count
	}
	if !(total > 0) {
		return 0, false
	}
	rank, cum, last := q*total, 0.0, -1
	for i, b := range buckets {
		if b.Count <= 0 {
			continue
		}
		last = i
		if cum+b.Count >= rank {
			return interpolate(b, (rank-cum)/b.Count), true
		}
		cum += b.Count
	}
	return interpolate(buckets[last], 1), true
}

func interpolate(b HistogramBucket, fraction float64) float64 {
	if math.IsInf(b.Upper, 1) {
		return b.Lower
	}
	return b.Lower + fraction*(b.Upper-b.Lower)
}

// missHistogramSpans are the widths (ms) of Fastly's real-time miss_histogram buckets, each up to a bound.
var missHistogramSpans = []struct{ upTo, width float64 }{
	{10, 1}, {250, 10}, {1000, 50}, {3000, 100}, {10000, 500}, {20000, 1000}, {60000, 5000},
}

// missHistogramLayout describes the spans for a metric description: "1 ms wide up to 10 ms, 10 ms up to 250 ms, …".
func missHistogramLayout() string {
	parts := make([]string, len(missHistogramSpans))
	for i, s := range missHistogramSpans {
		parts[i] = strconv.FormatFloat(s.width, 'f', -1, 64) + " ms up to " + strconv.FormatFloat(s.upTo, 'f', -1, 64) + " ms"
	}
	return strings.Join(parts, ", ")
}

// MissHistogram orders a real-time miss_histogram (bucket key → origin fetches) as histogram buckets. A key is its
// bucket's upper bound in ms; the lower bound is the previous bound of Fastly's layout (Fastly leaves out empty
// buckets, so it is not the previous key). Fastly counts fetches slower than 60 s in its 60000 bucket.
func MissHistogram(counts map[float64]float64) []HistogramBucket {
	out := make([]HistogramBucket, 0, len(counts))
	for upper, n := range counts {
		out = append(out, HistogramBucket{Lower: missBucketLower(upper), Upper: upper, Count: n})
	}
	slices.SortFunc(out, func(a, b HistogramBucket) int { return cmp.Compare(a.Upper, b.Upper) })
	for i := 1; i < len(out); i++ {
		out[i].Lower = max(out[i].Lower, out[i-1].Upper) // a key off the layout never overlaps its neighbour
	}
	return out
}

// missBucketLower is the lower bound of the miss_histogram bucket whose key is upper.
func missBucketLower(upper float64) float64 {
	for _, s := range missHistogramSpans {
		if upper <= s.upTo {
			return max(upper-s.width, 0)
		}
	}
	return missHistogramSpans[len(missHistogramSpans)-1].upTo
}
