package realtime

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unsafe"
)

// blockSeconds is the span of a block: one minute, aligned to minute boundaries.
const blockSeconds = 60

// block is one minute of a buffer: the seconds answers covered, and the series of the sum and of each POP.
type block struct {
	minute  int64      // first second, a multiple of 60
	covered uint64     // bit s: second minute+s is covered
	open    *openBlock // the growing series; nil once sealed
	sum     []byte     // sealed sum series
	pops    []byte     // sealed POP series: count, then POP id, length and series each; nil without POPs
}

// openBlock holds the newest block's series while seconds are appended.
type openBlock struct {
	sum  minuteSeries
	pops []popSeries
}

// minuteSeries is the sum or one POP over a minute: the seconds with a record, and one column per field over them.
type minuteSeries struct {
	present uint64
	cols    []column
}

// popSeries is one POP's series.
type popSeries struct {
	pop uint16
	minuteSeries
}

// Sizes of the fixed structs a buffer accounts for.
const (
	blockSize     = int64(unsafe.Sizeof(block{}))
	openBlockSize = int64(unsafe.Sizeof(openBlock{}))
	popSeriesSize = int64(unsafe.Sizeof(popSeries{}))
	columnSize    = int64(unsafe.Sizeof(column{}))
)

// minuteOf is the first second of t's minute.
func minuteOf(t int64) int64 { return t - ((t%blockSeconds)+blockSeconds)%blockSeconds }

// span is the bitmask of the block's seconds within [from, to].
func (bl *block) span(from, to int64) uint64 {
	lo, hi := max(from-bl.minute, 0), min(to-bl.minute, blockSeconds-1)
	if lo > hi {
		return 0
	}
	return ^uint64(0) >> (63 - hi) &^ (1<<lo - 1)
}

// append adds second sec's record, whose values vals holds by key (touched listing the keys set); it zeroes vals.
func (s *minuteSeries) append(sec int, vals []float64, touched []uint16) {
	entry := bits.OnesCount64(s.present)
	s.present |= 1 << sec
	for i := range s.cols {
		c := &s.cols[i]
		c.append(vals[c.key])
		vals[c.key] = 0
	}
	for _, key := range touched {
		if v := vals[key]; v != 0 {
			s.cols = append(s.cols, newColumn(key, entry, v))
			vals[key] = 0
		}
	}
}

// pop is the series of POP id, added when the block has none yet.
func (o *openBlock) pop(id uint16) *minuteSeries {
	for i := range o.pops {
		if o.pops[i].pop == id {
			return &o.pops[i].minuteSeries
		}
	}
	o.pops = append(o.pops, popSeries{pop: id})
	return &o.pops[len(o.pops)-1].minuteSeries
}

// seal replaces the open series by their compact encoding.
func (bl *block) seal() {
	o := bl.open
	if o == nil {
		return
	}
	bl.sum, bl.open = slices.Clone(o.sum.seal(nil)), nil
	if len(o.pops) == 0 {
		return
	}
	var arena, enc []byte
	arena = binary.AppendUvarint(arena, uint64(len(o.pops)))
	for i := range o.pops {
		enc = o.pops[i].seal(enc[:0])
		arena = binary.AppendUvarint(arena, uint64(o.pops[i].pop))
		arena = binary.AppendUvarint(arena, uint64(len(enc)))
		arena = append(arena, enc...)
	}
	bl.pops = slices.Clone(arena)
}

// seal appends the series in the sealed layout: the presence bitmap, then the columns.
func (s *minuteSeries) seal(dst []byte) []byte {
	dst = binary.LittleEndian.AppendUint64(dst, s.present)
	return sealColumns(dst, s.cols)
}

// seriesView reads one series of a block, open or sealed.
type seriesView struct {
	present uint64
	open    []column
	sealed  []byte // the columns in the sealed layout
}

// sealedView reads a series in the sealed layout.
func sealedView(enc []byte) seriesView {
	return seriesView{present: binary.LittleEndian.Uint64(enc), sealed: enc[8:]}
}

// eachColumn calls f with every column's key and reader.
func (v seriesView) eachColumn(f func(key uint16, r columnReader)) {
	if v.sealed != nil {
		eachSealedColumn(v.sealed, f)
		return
	}
	for i := range v.open {
		f(v.open[i].key, v.open[i].reader())
	}
}

// seconds fills secs with the second (within the minute) of each entry.
func (v seriesView) seconds(secs *[blockSeconds]uint8) {
	for p, i := v.present, 0; p != 0; p, i = p&(p-1), i+1 {
		secs[i] = uint8(bits.TrailingZeros64(p))
	}
}

// sumView reads the block's sum series.
func (bl *block) sumView() seriesView {
	if bl.open != nil {
		return seriesView{present: bl.open.sum.present, open: bl.open.sum.cols}
	}
	return sealedView(bl.sum)
}

// eachPOP calls f with every POP of the block and its series.
func (bl *block) eachPOP(f func(pop uint16, v seriesView)) {
	bl.scanPOPs(func(pop uint16, v seriesView) bool { f(pop, v); return true })
}

// popView is the series of POP id, if the block has one.
func (bl *block) popView(id uint16) (view seriesView, found bool) {
	bl.scanPOPs(func(pop uint16, v seriesView) bool {
		if pop == id {
			view, found = v, true
		}
		return !found
	})
	return view, found
}

// scanPOPs calls f with the block's POPs and their series, open or sealed, until f returns false.
func (bl *block) scanPOPs(f func(pop uint16, v seriesView) bool) {
	if o := bl.open; o != nil {
		for i := range o.pops {
			if !f(o.pops[i].pop, seriesView{present: o.pops[i].present, open: o.pops[i].cols}) {
				return
			}
		}
		return
	}
	enc := bl.pops
	count, k := binary.Uvarint(enc)
	enc = enc[k:]
	for range count {
		pop, k := binary.Uvarint(enc)
		enc = enc[k:]
		size, k := binary.Uvarint(enc)
		enc = enc[k:]
		if !f(uint16(pop), sealedView(enc[:size])) {
			return
		}
		enc = enc[size:]
	}
}

// bytes is the memory the block holds for the sum and for the POPs (its own struct excluded).
func (bl *block) bytes() (summed, detail int64) {
	summed, detail = int64(cap(bl.sum)), int64(cap(bl.pops))
	if o := bl.open; o != nil {
		summed += openBlockSize + o.sum.bytes()
		detail += int64(cap(o.pops)) * popSeriesSize
		for i := range o.pops {
			detail += o.pops[i].bytes()
		}
	}
	return summed, detail
}

// bytes is the memory of the series' columns.
func (s *minuteSeries) bytes() int64 {
	n := int64(cap(s.cols)) * columnSize
	for i := range s.cols {
		n += int64(cap(s.cols[i].data))
	}
	return n
}
