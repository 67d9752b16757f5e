package fastlyapi

import (
	"fmt"
	"math"
	"strconv"
	"unsafe"
)

// DecodeStats decodes a Historical Stats body in either shape: data keyed by service id (/stats, /stats/field)
// or an array of rows (/stats/service/...). serviceID names the service for rows that carry no service_id.
// It scans the body once without building a document: only start_time, service_id and the wanted fields are read.
func DecodeStats(body []byte, path string, fields []string, serviceID string) (*StatsResult, error) {
	d := newStatsDecoder(body, path, fields)
	if err := d.decodeEnvelope(serviceID); err != nil {
		return nil, err
	}
	return d.result, nil
}

// statsDecoder is a single-pass scanner over one stats body.
type statsDecoder struct {
	jsonReader
	fields  []string
	column  map[string]int
	row     []float64 // the wanted fields of the row being read
	result  *StatsResult
	current *Rows // rows of the last service seen, to skip the map lookup on consecutive rows
	curID   string
	layout  []slot // the keys of the previous row by position: rows of one response share their key order
}

// slot is what the key at one position of a row means.
type slot struct {
	key    string
	column int // index into fields, or one of the columns below
}

const (
	columnSkip      = -1
	columnStart     = -2
	columnServiceID = -3
)

// columnOf resolves the n-th key of a row, reusing the previous row's answer when the key is the same.
func (d *statsDecoder) columnOf(n int, key []byte) int {
	if n < len(d.layout) && d.layout[n].key == string(key) {
		return d.layout[n].column
	}
	col, ok := d.column[string(key)]
	switch {
	case ok:
	case string(key) == "start_time":
		col = columnStart
	case string(key) == "service_id":
		col = columnServiceID
	default:
		col = columnSkip
	}
	if n < len(d.layout) {
		d.layout[n] = slot{key: string(key), column: col}
	} else if n == len(d.layout) {
		d.layout = append(d.layout, slot{key: string(key), column: col})
	}
	return col
}

func newStatsDecoder(body []byte, path string, fields []string) *statsDecoder {
	column := make(map[string]int, len(fields))
	for i, f := range fields {
		column[f] = i
	}
	return &statsDecoder{jsonReader: jsonReader{s: scanner{b: body}, path: path}, fields: fields, column: column, row: make([]float64, len(fields)),
		result: &StatsResult{Fields: fields, ByService: map[string]*Rows{}}}
}

// decodeEnvelope reads the status envelope; a null or missing "data" is an answer without rows.
func (d *statsDecoder) decodeEnvelope(serviceID string) error {
	return d.readEnvelope(envelopeReaders{data: func() error { return d.decodeData(serviceID) }})
}

func (d *statsDecoder) decodeData(serviceID string) error {
	s := &d.s
	s.skipSpace()
	if !s.more() {
		return d.invalid()
	}
	switch s.peek() {
	case '[':
		return d.decodeRows(serviceID)
	case '{':
		return d.eachMember(func(key []byte) error { return d.decodeRows(string(key)) })
	}
	return d.fail(`"data" is not an object or an array`)
}

func (d *statsDecoder) decodeRows(serviceID string) error {
	if d.s.skipSpace(); !d.s.more() || d.s.peek() != '[' {
		return d.fail("service rows are not an array")
	}
	return d.eachElement(func() error { return d.decodeRow(serviceID) })
}

func (d *statsDecoder) decodeRow(serviceID string) error {
	if d.s.skipSpace(); !d.s.more() || d.s.peek() != '{' {
		return d.fail("a row is not an object")
	}
	clear(d.row)
	start, hasStart := 0.0, false
	rowService := serviceID
	n := 0
	err := d.eachMember(func(key []byte) error {
		col := d.columnOf(n, key)
		n++
		switch col {
		case columnSkip:
			return d.skip()
		case columnStart:
			hasStart = true
			return d.readNumber(&start, "start_time")
		case columnServiceID:
			return d.readServiceID(&rowService)
		}
		return d.readNumber(&d.row[col], d.fields[col])
	})
	if err != nil {
		return err
	}
	if !hasStart || !(start >= 0 && start <= maxStartTime) {
		return d.fail("a row has no valid start_time")
	}
	d.appendRow(rowService, int64(start))
	return nil
}

// maxStartTime is the last plausible bucket start (9999-12-31 UTC); anything later is a corrupt row.
const maxStartTime = 253402300799

func (d *statsDecoder) readServiceID(dst *string) error {
	if d.s.skipSpace(); d.s.more() && d.s.peek() == '"' {
		raw, err := d.key()
		if err == nil && len(raw) > 0 && string(raw) != *dst {
			*dst = string(raw)
		}
		return err
	}
	return d.skip()
}

func (d *statsDecoder) appendRow(serviceID string, start int64) {
	if d.current == nil || d.curID != serviceID {
		d.current, d.curID = d.rowsFor(serviceID), serviceID
	}
	d.current.Start = append(d.current.Start, start)
	for i, v := range d.row {
		d.current.Values[i] = append(d.current.Values[i], v)
	}
}

func (d *statsDecoder) rowsFor(serviceID string) *Rows {
	rows := d.result.ByService[serviceID]
	if rows == nil {
		rows = &Rows{Values: make([][]float64, len(d.fields))}
		d.result.ByService[serviceID] = rows
	}
	return rows
}

// readNumber reads a JSON number; null is NaN and a number sent as a string is parsed.
func (d *jsonReader) readNumber(dst *float64, name string) error {
	s := &d.s
	s.skipSpace()
	if !s.more() {
		return d.invalid()
	}
	switch c := s.peek(); {
	case c == '-' || c >= '0' && c <= '9':
		raw, ok := s.number()
		if !ok {
			return d.invalid()
		}
		v, err := parseNumber(raw)
		if err != nil {
			return d.fail(fmt.Sprintf("field %s: not a number: %q", name, raw))
		}
		*dst = v
		return nil
	case c == 'n':
		if !s.literal("null") {
			return d.invalid()
		}
		*dst = math.NaN()
		return nil
	case c == '"':
		raw, err := d.key()
		if err != nil {
			return err
		}
		v, perr := parseNumber(raw)
		if perr != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return d.fail(fmt.Sprintf("field %s: not a number: %q", name, raw))
		}
		*dst = v
		return nil
	}
	return d.fail(fmt.Sprintf("field %s: expected a number", name))
}

// parseNumber parses plain integers without strconv and everything else with it.
func parseNumber(raw []byte) (float64, error) {
	if len(raw) > 0 && len(raw) <= 15 {
		var n int64
		digits := true
		for _, c := range raw {
			if c < '0' || c > '9' {
				digits = false
				break
			}
			n = n*10 + int64(c-'0')
		}
		if digits {
			return float64(n), nil
		}
	}
	if len(raw) == 0 {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseFloat(unsafe.String(&raw[0], len(raw)), 64)
}
