package simulator

import (
	"math"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRoundSignificantKeepsThreeDigits(t *testing.T) {
	for v, want := range map[int64]int64{0: 0, 7: 7, 999: 999, 1004: 1000, 1005: 1010, 123456: 123000, 99950: 100000} {
		assert.Equal(t, want, roundSignificant(v), v)
	}
}

// The histogram's memory is bounded by the distinct 3-digit values, not by how many values it holds, and its
// percentiles are the exact nearest-rank percentiles of values already on that grid.
func TestValueHistogramIsBoundedAndExactOnTheGrid(t *testing.T) {
	var h valueHistogram
	r := rng{state: 42}
	var values []float64
	for range 200_000 {
		v := roundSignificant(int64(1 + 1e6*logNormal(1.5, &r)))
		h.add(v)
		values = append(values, float64(v))
	}
	sort.Float64s(values)
	decades := math.Ceil(math.Log10(values[len(values)-1])) - math.Floor(math.Log10(values[0]))
	assert.LessOrEqual(t, float64(len(h.counts)), 900*decades+1000, "keys: at most 900 per decade (and the 999 below 1000)")
	for _, p := range []int{95, 99} {
		assert.Equal(t, percentileOf(values, p), float64(h.percentile(int64(p))), "p%d", p)
	}
	assert.Equal(t, values[0], h.value("min", 1))
	assert.Equal(t, values[len(values)-1], h.value("max", 1))
	assert.InDelta(t, mean(values), h.value("avg", 1), 1e-6)
}

func TestValueHistogramIsWithinHalfAPercentOffTheGrid(t *testing.T) {
	var h valueHistogram
	var values []float64
	for v := int64(1000); v < 200_000; v += 37 {
		h.add(v)
		values = append(values, float64(v))
	}
	exact := percentileOf(values, 95)
	assert.InEpsilon(t, exact, float64(h.percentile(95)), 0.005)
}

// Bodiless records (HEAD, 204, 304) hold 0 bytes: their percentiles are 0, and no percentile leaves [min, max].
func TestValueHistogramPercentilesStayWithinMinAndMax(t *testing.T) {
	var zeros valueHistogram
	for range 10 {
		zeros.add(0)
	}
	for _, op := range []string{"min", "max", "avg", "p95", "p99"} {
		assert.Zero(t, zeros.value(op, 1), op)
	}
	for _, values := range [][]int64{{0, 0, 0, 5}, {1004, 1004}, {1006, 1006, 1006}} {
		var h valueHistogram
		for _, v := range values {
			h.add(v)
		}
		for _, op := range []string{"p95", "p99"} {
			p := h.value(op, 1)
			assert.True(t, p >= h.value("min", 1) && p <= h.value("max", 1), "%s of %v: %v", op, values, p)
		}
	}
}
