// Package realtime polls Fastly's Real-time Analytics API once per service, keeps the seconds in bounded buffers
// of compact minute blocks and serves them to every reader of a datasource: streams, panel queries and alert rules.
package realtime

import (
	"cmp"
	"math/bits"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// histogramPrefix interns a miss_histogram bucket as a key of its own, e.g. "miss_histogram/650".
const histogramPrefix = "miss_histogram/"

// maxKeys bounds the interned field and POP names of one buffer (keys are uint16).
const maxKeys = 1<<16 - 1

// Buffer is one service's last seconds of records, in minute blocks holding only numbers and interned names.
type Buffer struct {
	mu       sync.RWMutex
	capacity int64
	blocks   []block // ascending minutes; only the last may be open
	newest   int64   // newest covered second; 0 before the first answer
	trimmed  int64   // first second not dropped by EvictOldest; 0 when none was
	fields   interner
	popIDs   interner
	// histogramBounds maps interned histogram keys to their bound in ms; histogramKeys the bounds to their keys.
	histogramBounds map[uint16]float64
	histogramKeys   map[float64]uint16
	vals            []float64    // scratch: one record's values by key
	touched         []uint16     // scratch: the keys set in vals
	held            atomic.Int64 // Bytes' total as of the last change, read by the memory bound without walking blocks
}

// NewBuffer keeps the last seconds seconds.
func NewBuffer(seconds int) *Buffer {
	return &Buffer{capacity: int64(max(seconds, 1)), histogramBounds: map[uint16]float64{},
		histogramKeys: map[float64]uint16{}}
}

// Seconds is the buffer's capacity.
func (b *Buffer) Seconds() int { return int(b.capacity) }

// Newest is the newest second covered by an answer (0 when none).
func (b *Buffer) Newest() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.newest
}

// Trimmed is the first second still held after EvictOldest dropped older ones (0 when none was dropped).
func (b *Buffer) Trimmed() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.trimmed
}

// low is the oldest second the buffer may hold.
func (b *Buffer) low() int64 { return max(b.newest-b.capacity+1, b.trimmed) }

// eachBlock calls f with every block holding covered seconds of [from, to] and the mask of those seconds.
func (b *Buffer) eachBlock(from, to int64, f func(bl *block, mask uint64)) {
	if b.newest == 0 {
		return
	}
	from, to = max(from, b.low()), min(to, b.newest)
	for i := range b.blocks {
		bl := &b.blocks[i]
		if mask := bl.covered & bl.span(from, to); mask != 0 {
			f(bl, mask)
		}
	}
}

// Oldest is the oldest second still held and covered (0 when none).
func (b *Buffer) Oldest() int64 {
	b.mu.RLock()
	defer b.mu.RUnlock()
	oldest := int64(0)
	b.eachBlock(b.low(), b.newest, func(bl *block, mask uint64) {
		if oldest == 0 {
			oldest = bl.minute + int64(bits.TrailingZeros64(mask))
		}
	})
	return oldest
}

// Covered tells, for each second of [from, to], whether an answer covered it (a covered second without a record
// is zero traffic; an uncovered one, before the poller started or lost in a long outage, is unknown).
func (b *Buffer) Covered(from, to int64) []bool {
	b.mu.RLock()
	defer b.mu.RUnlock()
	out := make([]bool, max(0, to-from+1))
	b.eachBlock(from, to, func(bl *block, mask uint64) {
		for ; mask != 0; mask &= mask - 1 {
			out[bl.minute+int64(bits.TrailingZeros64(mask))-from] = true
		}
	})
	return out
}

// Ingest stores an answer: its records, and every second it covers without a record as zero traffic. span is how
// far back the answer can reach (120 s for Fastly), so a long outage is not mistaken for silence. Seconds already
// covered keep what they hold.
func (b *Buffer) Ingest(resp *fastlyapi.RealtimeResponse, span int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	end := resp.NewestSecond()
	first := end - b.capacity + 1 // oldest second a record may fill
	if b.newest != 0 {
		first = max(first, b.newest+1)
	}
	start := max(end-span+1, first)
	next := start
	for _, rec := range records(resp.Data, first, end) {
		if t := rec.Recorded; t >= next {
			b.cover(next, t)
			next = t + 1
		} else {
			b.cover(t, t)
		}
		b.put(rec)
	}
	b.cover(next, end)
	b.newest = max(b.newest, end)
	b.expire()
	b.recount()
}

// records are the records of seconds [first, end] in ascending order, the last one of a second winning.
func records(data []fastlyapi.RealtimeRecord, first, end int64) []*fastlyapi.RealtimeRecord {
	out := make([]*fastlyapi.RealtimeRecord, 0, len(data))
	for i := range data {
		if t := data[i].Recorded; t >= first && t <= end {
			out = append(out, &data[i])
		}
	}
	slices.SortStableFunc(out, func(x, y *fastlyapi.RealtimeRecord) int { return cmp.Compare(x.Recorded, y.Recorded) })
	kept := out[:0]
	for i, rec := range out {
		if i+1 == len(out) || out[i+1].Recorded != rec.Recorded {
			kept = append(kept, rec)
		}
	}
	return kept
}

// cover marks [from, to] covered, adding blocks as needed.
func (b *Buffer) cover(from, to int64) {
	if from > to {
		return
	}
	for m := minuteOf(from); m <= to; m += blockSeconds {
		bl := b.blockAt(m)
		bl.covered |= bl.span(from, to)
	}
}

// blockAt is the block of minute m, which is the last one or newer; a new block seals the previous one.
func (b *Buffer) blockAt(m int64) *block {
	if n := len(b.blocks); n > 0 && b.blocks[n-1].minute == m {
		return &b.blocks[n-1]
	}
	if n := len(b.blocks); n > 0 {
		b.blocks[n-1].seal()
	}
	b.blocks = append(b.blocks, block{minute: m, open: &openBlock{}})
	return &b.blocks[len(b.blocks)-1]
}

// put appends a record to the last block, which covers its second.
func (b *Buffer) put(rec *fastlyapi.RealtimeRecord) {
	bl := &b.blocks[len(b.blocks)-1]
	sec := int(rec.Recorded - bl.minute)
	b.load(rec.Aggregated)
	bl.open.sum.append(sec, b.vals, b.touched)
	for code, m := range rec.POPs {
		if id, ok := b.popIDs.id(code); ok {
			b.load(m)
			bl.open.pop(id).append(sec, b.vals, b.touched)
		}
	}
}

// load sets the scratch values of m's non-zero fields and histogram buckets.
func (b *Buffer) load(m fastlyapi.Measurements) {
	b.touched = b.touched[:0]
	for name, v := range m.Values {
		if id, ok := b.fields.id(name); ok {
			b.set(id, v)
		}
	}
	for bound, n := range m.MissHistogram {
		if id, ok := b.histogramKey(bound); ok && n != 0 {
			b.histogramBounds[id] = bound
			b.set(id, n)
		}
	}
}

// histogramKey interns a miss_histogram bucket, e.g. "miss_histogram/650".
func (b *Buffer) histogramKey(bound float64) (uint16, bool) {
	if id, ok := b.histogramKeys[bound]; ok {
		return id, true
	}
	id, ok := b.fields.id(histogramPrefix + strconv.FormatFloat(bound, 'f', -1, 64))
	if ok {
		b.histogramKeys[bound] = id
	}
	return id, ok
}

// set adds v to the scratch value of key id.
func (b *Buffer) set(id uint16, v float64) {
	if v == 0 {
		return
	}
	if int(id) >= len(b.vals) {
		b.vals = append(b.vals, make([]float64, int(id)+1-len(b.vals))...)
	}
	b.vals[id] += v
	b.touched = append(b.touched, id)
}

// expire drops the blocks whose seconds are all older than the buffer holds.
func (b *Buffer) expire() {
	low, n := b.low(), 0
	for n < len(b.blocks) && b.blocks[n].minute+blockSeconds <= low {
		n++
	}
	b.blocks = slices.Delete(b.blocks, 0, n)
}

// EvictOldest drops the oldest block, returning the bytes it held; ok is false when the buffer holds none.
func (b *Buffer) EvictOldest() (freed int64, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.blocks) == 0 {
		return 0, false
	}
	bl := &b.blocks[0]
	summed, detail := bl.bytes()
	b.trimmed = max(b.trimmed, min(bl.minute+blockSeconds, b.newest+1))
	b.blocks = slices.Delete(b.blocks, 0, 1)
	b.recount()
	return summed + detail, true
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
