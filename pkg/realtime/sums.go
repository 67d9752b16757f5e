package realtime

import "math/bits"

// Sums adds up each field over the seconds [from, to), over every POP when pops is nil, else over the listed POPs.
// ok is false unless the buffer holds every one of those seconds, so a partly held period is never summed.
func (b *Buffer) Sums(from, to int64, fields, pops []string) (sums []float64, ok bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if from >= to || !b.holds(from, to) {
		return nil, false
	}
	var scratch queryScratch
	q := b.query(fields, pops, &scratch)
	n := len(q.inputs)
	sums = make([]float64, n)
	b.eachBlock(from, to-1, func(bl *block, mask uint64) {
		grid := q.gather(bl)
		for ; mask != 0; mask &= mask - 1 {
			s := bits.TrailingZeros64(mask)
			for i := range sums {
				sums[i] += grid[s*n+i]
			}
		}
	})
	return sums, true
}

// holds tells whether every second of [from, to) is covered by an answer.
func (b *Buffer) holds(from, to int64) bool {
	if b.newest == 0 || to-1 > b.newest || to-from > b.capacity {
		return false
	}
	covered := int64(0)
	b.eachBlock(from, to-1, func(_ *block, mask uint64) { covered += int64(bits.OnesCount64(mask)) })
	return covered == to-from
}
