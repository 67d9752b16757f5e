package realtime

import (
	"sort"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Values computes metric m for every second of [from, to]: summed over all POPs when pops is nil, else over the
// listed POPs. A covered second without a record is zero traffic; a second the buffer does not cover is nil.
func (b *Buffer) Values(from, to int64, m metrics.Metric, pops []string) []*float64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]*float64, max(to-from+1, 0))
	sel := b.selection(pops)
	inputs := b.inputIDs(m.Inputs)
	in := make([]float64, len(inputs))
	for t := from; t <= to; t++ {
		s := b.at(t)
		if !s.covered || s.second != t {
			continue
		}
		var v float64
		var ok bool
		if m.Percentile > 0 {
			v, ok = b.percentile(s, sel, m.Percentile)
		} else {
			gather(s, sel, inputs, in)
			v, ok = m.Compute(in)
		}
		if ok {
			out[t-from] = &v
		}
	}
	return out
}

// POPs lists the POPs with traffic in [from, to], sorted.
func (b *Buffer) POPs(from, to int64) []string {
	b.mu.RLock()
	defer b.mu.RUnlock()
	seen := map[uint16]bool{}
	for t := max(from, b.newest-int64(len(b.slots))+1); t <= to; t++ {
		s := b.at(t)
		if !s.covered || s.second != t {
			continue
		}
		for _, p := range s.pops {
			seen[p.pop] = true
		}
	}
	out := make([]string, 0, len(seen))
	for id := range seen {
		out = append(out, b.popIDs.names[id])
	}
	sort.Strings(out)
	return out
}

// selection is nil for the sum over every POP, else the set of chosen POP ids (empty when none is known).
func (b *Buffer) selection(pops []string) map[uint16]bool {
	if pops == nil {
		return nil
	}
	sel := map[uint16]bool{}
	for _, code := range pops {
		if id, ok := b.popIDs.lookup(code); ok {
			sel[id] = true
		}
	}
	return sel
}

// inputIDs interns the inputs; -1 marks a field never seen (always zero).
func (b *Buffer) inputIDs(names []string) []int {
	ids := make([]int, len(names))
	for i, name := range names {
		ids[i] = -1
		if id, ok := b.fields.lookup(name); ok {
			ids[i] = int(id)
		}
	}
	return ids
}

func gather(s *slot, sel map[uint16]bool, inputs []int, in []float64) {
	clear(in)
	if sel == nil {
		addInputs(&s.agg, inputs, in)
		return
	}
	for i := range s.pops {
		if sel[s.pops[i].pop] {
			addInputs(&s.pops[i].sample, inputs, in)
		}
	}
}

func addInputs(smp *sample, inputs []int, in []float64) {
	for k, key := range smp.keys {
		for i, id := range inputs {
			if int(key) == id {
				in[i] += smp.vals[k]
			}
		}
	}
}

// percentile is the upper bound (ms) of the miss_histogram bucket holding rank p of the selected fetches.
func (b *Buffer) percentile(s *slot, sel map[uint16]bool, p float64) (float64, bool) {
	counts := map[float64]float64{}
	add := func(smp *sample) {
		for k, key := range smp.keys {
			if bound, ok := b.histogramBounds[key]; ok {
				counts[bound] += smp.vals[k]
			}
		}
	}
	if sel == nil {
		add(&s.agg)
	} else {
		for i := range s.pops {
			if sel[s.pops[i].pop] {
				add(&s.pops[i].sample)
			}
		}
	}
	return rankBound(counts, p)
}

func rankBound(counts map[float64]float64, p float64) (float64, bool) {
	bounds := make([]float64, 0, len(counts))
	total := 0.0
	for bound, n := range counts {
		bounds = append(bounds, bound)
		total += n
	}
	if total <= 0 {
		return 0, false
	}
	sort.Float64s(bounds)
	rank, seen := p*total, 0.0
	for _, bound := range bounds {
		if seen += counts[bound]; seen >= rank {
			return bound, true
		}
	}
	return bounds[len(bounds)-1], true
}
