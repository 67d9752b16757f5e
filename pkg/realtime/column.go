package realtime

import (
	"encoding/binary"
	"math"
)

// rawScale marks a column stored as raw float64 bits because no decimal scale holds its values exactly.
const rawScale = -1

// maxScale is the largest power of ten a column may scale by (Fastly's nanosecond fields converted to seconds).
const maxScale = 9

// pow10 are the scales a column may use.
var pow10 = [maxScale + 1]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

// column holds one field's values over the entries of a series, as zigzag varint deltas of the values scaled by
// 10^scale to integers, or as raw float64 bits (scale rawScale). Entries before start are zero.
type column struct {
	key   uint16
	scale int8
	start uint8
	n     uint8 // entries written from start on
	last  int64 // last scaled value written
	data  []byte
}

// scaled returns v·10^scale as an integer when that is exact, so reading it back gives v bit for bit.
func scaled(v float64, scale int8) (int64, bool) {
	if scale == rawScale {
		return 0, false
	}
	s := math.Round(v * pow10[scale])
	if !(math.Abs(s) < 1<<53) {
		return 0, false
	}
	i := int64(s)
	return i, math.Float64bits(unscale(i, scale)) == math.Float64bits(v)
}

func unscale(i int64, scale int8) float64 {
	if scale == 0 {
		return float64(i)
	}
	return float64(i) / pow10[scale]
}

// scaleFor is the smallest scale that holds v exactly, or rawScale.
func scaleFor(v float64) int8 {
	for s := int8(0); s <= maxScale; s++ {
		if _, ok := scaled(v, s); ok {
			return s
		}
	}
	return rawScale
}

// newColumn starts a column whose first value v is entry index start.
func newColumn(key uint16, start int, v float64) column {
	c := column{key: key, scale: scaleFor(v), start: uint8(start)}
	c.append(v)
	return c
}

// append adds the next entry, widening the scale (or falling back to raw bits) when v needs it.
func (c *column) append(v float64) {
	if c.scale != rawScale {
		i, ok := scaled(v, c.scale)
		if !ok {
			c.rescale(c.widerScale(v))
			i, ok = scaled(v, c.scale)
		}
		if ok {
			c.data = binary.AppendVarint(c.data, i-c.last)
			c.last, c.n = i, c.n+1
			return
		}
	}
	c.data = binary.LittleEndian.AppendUint64(c.data, math.Float64bits(v))
	c.n++
}

// widerScale is the smallest scale above the column's that holds v exactly, or rawScale.
func (c *column) widerScale(v float64) int8 {
	for s := c.scale + 1; s <= maxScale; s++ {
		if _, ok := scaled(v, s); ok {
			return s
		}
	}
	return rawScale
}

// rescale re-encodes the column at a new scale (rawScale when the new value fits no scale).
func (c *column) rescale(scale int8) {
	values := make([]float64, 0, c.n)
	c.reader().each(func(_ int, v float64) { values = append(values, v) })
	for _, v := range values {
		if _, ok := scaled(v, scale); !ok {
			scale = rawScale
		}
	}
	*c = column{key: c.key, scale: scale, start: c.start, data: make([]byte, 0, cap(c.data))}
	for _, v := range values {
		c.append(v)
	}
}

// reader reads the column's entries.
func (c *column) reader() columnReader {
	return columnReader{scale: c.scale, start: int(c.start), n: int(c.n), data: c.data}
}

// columnReader decodes one column, open or sealed.
type columnReader struct {
	scale    int8
	start, n int
	data     []byte
}

// each calls f with the entry index and value of every stored entry (zero entries before start are skipped).
func (r columnReader) each(f func(entry int, v float64)) {
	if r.scale == rawScale {
		for i := range r.n {
			f(r.start+i, math.Float64frombits(binary.LittleEndian.Uint64(r.data[8*i:])))
		}
		return
	}
	var acc int64
	data := r.data
	for i := range r.n {
		d, k := binary.Varint(data)
		data = data[k:]
		acc += d
		f(r.start+i, unscale(acc, r.scale))
	}
}

// sealColumns appends the columns in the sealed layout: count, then key, scale, start, n, length and bytes each.
func sealColumns(dst []byte, cols []column) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(cols)))
	for i := range cols {
		c := &cols[i]
		dst = binary.AppendUvarint(dst, uint64(c.key))
		dst = append(dst, byte(c.scale), c.start, c.n)
		dst = binary.AppendUvarint(dst, uint64(len(c.data)))
		dst = append(dst, c.data...)
	}
	return dst
}

// eachSealedColumn calls f for every column of a sealed series.
func eachSealedColumn(enc []byte, f func(key uint16, r columnReader)) {
	count, k := binary.Uvarint(enc)
	enc = enc[k:]
	for range count {
		key, k := binary.Uvarint(enc)
		enc = enc[k:]
		scale, start, n := int8(enc[0]), int(enc[1]), int(enc[2])
		size, k := binary.Uvarint(enc[3:])
		enc = enc[3+k:]
		f(uint16(key), columnReader{scale: scale, start: start, n: n, data: enc[:size]})
		enc = enc[size:]
	}
}
