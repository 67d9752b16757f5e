package realtime

import (
	"math/bits"
	"sort"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Values computes metric m for every second of [from, to]: summed over all POPs when pops is nil, else over the
// listed POPs. A covered second without a record is zero traffic; a second the buffer does not cover is nil.
func (b *Buffer) Values(from, to int64, m metrics.Metric, pops []string) []*float64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]*float64, max(to-from+1, 0))
	vals := make([]float64, len(out))
	set := func(t int64, v float64, ok bool) {
		if ok {
			vals[t-from] = v
			out[t-from] = &vals[t-from]
		}
	}
	var scratch queryScratch
	if m.Percentile > 0 {
		b.eachPercentile(from, to, m.Percentile, b.query(nil, pops, &scratch), set)
	} else {
		b.eachComputed(from, to, m, b.query(m.Inputs, pops, &scratch), set)
	}
	return out
}

// eachComputed calls set with m at every covered second of [from, to].
func (b *Buffer) eachComputed(from, to int64, m metrics.Metric, q inputQuery, set func(t int64, v float64, ok bool)) {
	n := len(q.inputs)
	in := make([]float64, n) // Compute may keep it: the grid stays on the stack
	b.eachBlock(from, to, func(bl *block, mask uint64) {
		grid := q.gather(bl)
		for ; mask != 0; mask &= mask - 1 {
			s := bits.TrailingZeros64(mask)
			copy(in, grid[s*n:])
			v, ok := m.Compute(in)
			set(bl.minute+int64(s), v, ok)
		}
	})
}

// eachPercentile calls set with percentile p of the miss_histogram at every covered second of [from, to].
func (b *Buffer) eachPercentile(from, to int64, p float64, q inputQuery, set func(t int64, v float64, ok bool)) {
	b.eachBlock(from, to, func(bl *block, mask uint64) {
		counts := q.histograms(bl, b.histogramBounds)
		for ; mask != 0; mask &= mask - 1 {
			s := bits.TrailingZeros64(mask)
			v, ok := percentile(counts[s], p)
			set(bl.minute+int64(s), v, ok)
		}
	})
}

// POPs lists the POPs with traffic in [from, to], sorted.
func (b *Buffer) POPs(from, to int64) []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	seen := make([]bool, len(b.popIDs.names))
	b.eachBlock(from, to, func(bl *block, mask uint64) {
		bl.eachPOP(func(pop uint16, v seriesView) {
			if v.present&mask != 0 {
				seen[pop] = true
			}
		})
	})
	out := []string{}
	for id, ok := range seen {
		if ok {
			out = append(out, b.popIDs.names[id])
		}
	}
	sort.Strings(out)
	return out
}

// inputQuery is what a reader sums over a block: its input keys, over the sum or the selected POPs.
type inputQuery struct {
	inputs []int     // interned input keys; -1 for a field never seen
	sel    []bool    // by POP id: selected; nil for the sum over every POP
	ids    []uint16  // the selected POP ids when at most fewPOPs, else nil
	grid   []float64 // per second of a block, the inputs' sums
}

// fewPOPs is the largest selection read POP by POP rather than by one pass over a block's POPs.
const fewPOPs = 4

// queryScratch backs a query of a few inputs over up to 128 POPs, so a query on the stack allocates nothing.
type queryScratch struct {
	inputs [4]int
	sel    [128]bool
	ids    [fewPOPs]uint16
	grid   [blockSeconds * 4]float64
}

// query reads the inputs over pops (nil: the sum over every POP), in scratch when it fits.
func (b *Buffer) query(inputs, pops []string, scratch *queryScratch) inputQuery {
	q := inputQuery{inputs: b.inputIDs(scratch.inputs[:0], inputs), sel: b.selection(scratch.sel[:0], pops)}
	q.ids = scratch.ids[:0]
	for id, ok := range q.sel {
		if ok && len(q.ids) == cap(q.ids) {
			q.ids = nil // many: one pass over each block's POPs
			break
		}
		if ok {
			q.ids = append(q.ids, uint16(id))
		}
	}
	if n := blockSeconds * len(q.inputs); n <= len(scratch.grid) {
		q.grid = scratch.grid[:n]
	} else {
		q.grid = make([]float64, n)
	}
	return q
}

// selection is nil for the sum over every POP, else the chosen POP ids (none when no chosen POP is known).
func (b *Buffer) selection(dst []bool, pops []string) []bool {
	if pops == nil {
		return nil
	}
	sel := append(dst[:0], make([]bool, len(b.popIDs.names))...)
	for _, code := range pops {
		if id, ok := b.popIDs.lookup(code); ok {
			sel[id] = true
		}
	}
	return sel
}

// inputIDs interns the inputs; -1 marks a field never seen (always zero).
func (b *Buffer) inputIDs(dst []int, names []string) []int {
	ids := dst[:0]
	for _, name := range names {
		id := -1
		if key, ok := b.fields.lookup(name); ok {
			id = int(key)
		}
		ids = append(ids, id)
	}
	return ids
}

// eachSeries calls f with the block's series the query reads.
func (q *inputQuery) eachSeries(bl *block, f func(v seriesView)) {
	if q.sel == nil {
		f(bl.sumView())
		return
	}
	if q.ids != nil {
		for _, id := range q.ids {
			if v, ok := bl.popView(id); ok {
				f(v)
			}
		}
		return
	}
	bl.eachPOP(func(pop uint16, v seriesView) {
		if int(pop) < len(q.sel) && q.sel[pop] {
			f(v)
		}
	})
}

// gather sums the inputs per second of the block: input i of second s at grid[s*len(inputs)+i].
func (q *inputQuery) gather(bl *block) []float64 {
	clear(q.grid)
	n := len(q.inputs)
	q.eachSeries(bl, func(v seriesView) {
		var secs [blockSeconds]uint8
		v.seconds(&secs)
		v.eachColumn(func(key uint16, r columnReader) {
			for i, id := range q.inputs {
				if id == int(key) {
					r.each(func(entry int, x float64) { q.grid[int(secs[entry])*n+i] += x })
				}
			}
		})
	})
	return q.grid
}

// histograms counts the selected fetches per second of the block by miss_histogram bound.
func (q *inputQuery) histograms(bl *block, bounds map[uint16]float64) (counts [blockSeconds]map[float64]float64) {
	q.eachSeries(bl, func(v seriesView) {
		var secs [blockSeconds]uint8
		v.seconds(&secs)
		v.eachColumn(func(key uint16, r columnReader) {
			bound, ok := bounds[key]
			if !ok {
				return
			}
			r.each(func(entry int, x float64) {
				if x == 0 {
					return
				}
				s := secs[entry]
				if counts[s] == nil {
					counts[s] = map[float64]float64{}
				}
				counts[s][bound] += x
			})
		})
	})
	return counts
}

// percentile is percentile p of the counted fetches by miss_histogram bound, as metrics.HistogramQuantile defines it.
func percentile(counts map[float64]float64, p float64) (float64, bool) {
	return metrics.HistogramQuantile(metrics.MissHistogram(counts), p)
}
