package simulator

import (
	"math"
	"sort"
	"strconv"
)

// missBucketBounds are the upper bounds (ms) of Fastly's miss_histogram buckets: 1 ms wide up to 10 ms, then 10 ms
// to 250, 50 ms to 1,000, 100 ms to 3,000, 500 ms to 10,000, 1,000 ms to 20,000 and 5,000 ms to 60,000, the last
// bucket also holding slower fetches.
var missBucketBounds = func() []int {
	var bounds []int
	bound := 0
	for _, span := range []struct{ upTo, width int }{
		{10, 1}, {250, 10}, {1000, 50}, {3000, 100}, {10000, 500}, {20000, 1000}, {60000, 5000},
	} {
		for bound < span.upTo {
			bound += span.width
			bounds = append(bounds, bound)
		}
	}
	return bounds
}()

const missBucketCount = 101

// missBucketKeys are the buckets' JSON keys with their colon, ready to append.
var missBucketKeys = func() (keys [missBucketCount][]byte) {
	for i, bound := range missBucketBounds {
		keys[i] = []byte(`"` + strconv.Itoa(bound) + `":`)
	}
	return keys
}()

// missHistogram counts one record's origin fetches by latency bucket.
type missHistogram [missBucketCount]int64

func (h *missHistogram) add(o *missHistogram) {
	for i := range h {
		h[i] += o[i]
	}
}

// missSamples caps the latencies drawn for one POP-second; more misses share the samples.
const missSamples = 16

// fill spreads misses over latency buckets around their mean latency (missMicros/misses), log-normally.
func (h *missHistogram) fill(misses, missMicros int64, r *rng) {
	if misses <= 0 {
		return
	}
	meanMs := float64(missMicros) / float64(misses) / microsPerMilli
	n := min(misses, missSamples)
	for i := range n {
		h[missBucket(meanMs*logNormal(missSigma, r))] += share(misses, i, n)
	}
}

// missSigma is the spread of miss latencies around their mean.
const missSigma = 0.7

// logNormal is a log-normal draw with mean 1.
func logNormal(sigma float64, r *rng) float64 {
	z := math.Sqrt(-2*math.Log(1-r.float())) * math.Cos(2*math.Pi*r.float())
	return math.Exp(sigma*z - sigma*sigma/2)
}

// missBucket is the index of the bucket holding a fetch of ms milliseconds.
func missBucket(ms float64) int {
	i := sort.Search(missBucketCount, func(i int) bool { return float64(missBucketBounds[i]) >= ms })
	return min(i, missBucketCount-1)
}

// appendJSON appends the non-empty buckets as an object keyed by upper bound, ascending.
func (h *missHistogram) appendJSON(b []byte) []byte {
	b = append(b, '{')
	first := true
	for i, n := range h {
		if n == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, missBucketKeys[i]...)
		b = strconv.AppendInt(b, n, 10)
	}
	return append(b, '}')
}
