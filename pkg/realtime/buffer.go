// Package realtime polls Fastly's Real-time Analytics API once per service, keeps the seconds in a bounded ring
// buffer and serves them to every reader of a datasource: streams, panel queries and alert rules.
package realtime

import (
	"strconv"
	"sync"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// histogramPrefix interns a miss_histogram bucket as a key of its own, e.g. "miss_histogram/650".
const histogramPrefix = "miss_histogram/"

// maxKeys bounds the interned field and POP names of one buffer (keys are uint16).
const maxKeys = 1<<16 - 1

// sample is one second's numbers for the sum over POPs or for one POP, as parallel key/value slices.
type sample struct {
	keys []uint16
	vals []float64
}

// popSample is one POP's sample.
type popSample struct {
	pop uint16
	sample
}

// slot is one second of the ring; it is valid for second only when covered.
type slot struct {
	second  int64
	covered bool
	agg     sample
	pops    []popSample
}

// Buffer is one service's ring of per-second records, holding only numbers and interned names.
type Buffer struct {
	mu     sync.RWMutex
	slots  []slot
	newest int64 // newest covered second; 0 before the first answer
	fields interner
	popIDs interner
	// histogramBounds maps interned histogram keys to their bound in ms.
	histogramBounds map[uint16]float64
}

// NewBuffer keeps the last seconds seconds.
func NewBuffer(seconds int) *Buffer {
	return &Buffer{slots: make([]slot, max(seconds, 1)), histogramBounds: map[uint16]float64{}}
}

// Seconds is the buffer's capacity.
func (b *Buffer) Seconds() int { return len(b.slots) }

// Newest is the newest second covered by an answer (0 when none).
func (b *Buffer) Newest() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.newest
}

// Oldest is the oldest second still held and covered (0 when none).
func (b *Buffer) Oldest() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.newest == 0 {
		return 0
	}
	for t := b.newest - int64(len(b.slots)) + 1; t <= b.newest; t++ {
		if s := b.at(t); s.covered && s.second == t {
			return t
		}
	}
	return 0
}

// Covered tells, for each second of [from, to], whether an answer covered it (a covered second without a record
// is zero traffic; an uncovered one, before the poller started or lost in a long outage, is unknown).
func (b *Buffer) Covered(from, to int64) []bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]bool, max(0, to-from+1))
	for t := max(from, b.newest-int64(len(b.slots))+1); t <= min(to, b.newest); t++ {
		s := b.at(t)
		out[t-from] = s.covered && s.second == t
	}
	return out
}

// Ingest stores an answer: its records, and every second it covers without a record as zero traffic. span is how
// far back the answer can reach (120 s for Fastly), so a long outage is not mistaken for silence.
func (b *Buffer) Ingest(resp *fastlyapi.RealtimeResponse, span int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	end := resp.NewestSecond()
	start := end - span + 1
	if b.newest != 0 {
		start = max(start, b.newest+1)
	}
	start = max(start, end-int64(len(b.slots))+1)
	for t := start; t <= end; t++ {
		s := b.at(t)
		s.reset(t)
	}
	for i := range resp.Data {
		b.store(&resp.Data[i], start, end)
	}
	b.newest = max(b.newest, end)
}

func (b *Buffer) store(rec *fastlyapi.RealtimeRecord, start, end int64) {
	t := rec.Recorded
	if t < end-int64(len(b.slots))+1 || t > end {
		return
	}
	s := b.at(t)
	if t < start && (!s.covered || s.second != t) {
		s.reset(t)
	}
	s.agg = b.fill(s.agg, rec.Aggregated)
	s.pops = s.pops[:0]
	for code, m := range rec.Datacenters {
		id, ok := b.popIDs.id(code)
		if !ok {
			continue
		}
		if len(s.pops) < cap(s.pops) {
			s.pops = s.pops[:len(s.pops)+1]
		} else {
			s.pops = append(s.pops, popSample{})
		}
		ps := &s.pops[len(s.pops)-1]
		ps.pop, ps.sample = id, b.fill(ps.sample, m)
	}
}

func (b *Buffer) fill(dst sample, m fastlyapi.Measurements) sample {
	dst.keys, dst.vals = dst.keys[:0], dst.vals[:0]
	for name, v := range m.Values {
		if id, ok := b.fields.id(name); ok && v != 0 {
			dst.keys, dst.vals = append(dst.keys, id), append(dst.vals, v)
		}
	}
	for bound, n := range m.MissHistogram {
		id, ok := b.fields.id(histogramPrefix + strconv.FormatFloat(bound, 'f', -1, 64))
		if ok && n != 0 {
			b.histogramBounds[id] = bound
			dst.keys, dst.vals = append(dst.keys, id), append(dst.vals, n)
		}
	}
	return dst
}

func (b *Buffer) at(t int64) *slot {
	n := int64(len(b.slots))
	return &b.slots[((t%n)+n)%n]
}

func (s *slot) reset(t int64) {
	s.second, s.covered = t, true
	s.agg.keys, s.agg.vals = s.agg.keys[:0], s.agg.vals[:0]
	s.pops = s.pops[:0]
}

// interner maps names to small ids.
type interner struct {
	ids   map[string]uint16
	names []string
}

func (in *interner) id(name string) (uint16, bool) {
	if id, ok := in.ids[name]; ok {
		return id, true
	}
	if len(in.names) >= maxKeys {
		return 0, false
	}
	if in.ids == nil {
		in.ids = map[string]uint16{}
	}
	id := uint16(len(in.names))
	in.ids[name] = id
	in.names = append(in.names, name)
	return id, true
}

func (in *interner) lookup(name string) (uint16, bool) {
	id, ok := in.ids[name]
	return id, ok
}
