package realtime

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// columnOf writes values from entry start on.
func columnOf(start int, values []float64) column {
	c := newColumn(7, start, values[0])
	for _, v := range values[1:] {
		c.append(v)
	}
	return c
}

// readBack is every entry of the column, open and sealed, with the entry index it was read at.
func readBack(t *testing.T, c column) (open, sealed map[int]float64) {
	open, sealed = map[int]float64{}, map[int]float64{}
	c.reader().each(func(entry int, v float64) { open[entry] = v })
	enc := sealColumns(nil, []column{c, c})
	columns := 0
	eachSealedColumn(enc, func(key uint16, r columnReader) {
		assert.Equal(t, uint16(7), key)
		columns++
		r.each(func(entry int, v float64) { sealed[entry] = v })
	})
	require.Equal(t, 2, columns)
	return open, sealed
}

// assertRoundTrip checks that every value reads back bit for bit at its entry, open and sealed.
func assertRoundTrip(t *testing.T, start int, values []float64) column {
	t.Helper()
	c := columnOf(start, values)
	open, sealed := readBack(t, c)
	require.Len(t, open, len(values))
	for i, v := range values {
		assert.Equal(t, math.Float64bits(v), math.Float64bits(open[start+i]), "entry %d: %v, read %v", start+i, v, open[start+i])
		assert.Equal(t, math.Float64bits(v), math.Float64bits(sealed[start+i]), "sealed entry %d", start+i)
	}
	return c
}

func TestColumnReadsBackIntegerCounters(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	values := make([]float64, 60)
	for i := range values {
		values[i] = float64(1000 + rng.IntN(300))
	}
	c := assertRoundTrip(t, 0, values)
	assert.Equal(t, int8(0), c.scale)
	assert.Less(t, len(c.data), 2*len(values), "small deltas take at most two bytes")
}

func TestColumnReadsBackNanosecondsInSeconds(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	values := make([]float64, 60)
	for i := range values {
		values[i] = float64(rng.Int64N(1e12)) / 1e9
	}
	c := assertRoundTrip(t, 3, values)
	assert.NotEqual(t, int8(rawScale), c.scale)
}

func TestColumnReadsBackDecimalFloats(t *testing.T) {
	c := assertRoundTrip(t, 0, []float64{0.012345, 0.5, 1.25, 123.456789, 0.000001, 0, 7})
	assert.Equal(t, int8(6), c.scale)
}

func TestColumnReadsBackNegativeAndHugeValues(t *testing.T) {
	assertRoundTrip(t, 0, []float64{-5, 3, -1e15, 1e15, -0.25, 0})
	c := assertRoundTrip(t, 1, []float64{1 << 52, 1<<53 + 2, 1e20, -1e300, math.MaxFloat64, 1})
	assert.Equal(t, int8(rawScale), c.scale, "beyond 2^53 no scale is exact")
}

func TestColumnRescalesWhenAValueNeedsMoreDecimals(t *testing.T) {
	c := assertRoundTrip(t, 2, []float64{10, 20, 0.5, 30, 0.001234, 40, 1.000000001})
	assert.Equal(t, int8(9), c.scale)
}

func TestColumnFallsBackToRawBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	values := []float64{1, 2, 3}
	for range 20 {
		values = append(values, rng.Float64())
	}
	values = append(values, math.NaN(), math.Inf(1), math.Inf(-1), math.Copysign(0, -1), math.SmallestNonzeroFloat64, 4)
	c := assertRoundTrip(t, 0, values)
	assert.Equal(t, int8(rawScale), c.scale)
	assert.Equal(t, int8(rawScale), assertRoundTrip(t, 0, []float64{math.Pi, 1, 2}).scale, "raw from the first value")
}

func TestColumnWidensPastADecimalItCannotHold(t *testing.T) {
	// 0.1 + 0.2 in float64 is no short decimal: the column must not loop looking for a scale, it goes raw.
	tenth, fifth := 0.1, 0.2
	c := assertRoundTrip(t, 0, []float64{0.5, tenth + fifth, 0.25})
	assert.Equal(t, int8(rawScale), c.scale)
}
