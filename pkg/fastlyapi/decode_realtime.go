package fastlyapi

import (
	"fmt"
	"math"
	"strconv"
	"unsafe"
)

// noRecordedTime refuses a record that cannot be placed in time.
const noRecordedTime = `a real-time record has no "recorded" time`

// realtimeEnvelope is the part of a real-time answer every product shares.
type realtimeEnvelope struct {
	Timestamp      int64
	AggregateDelay int64
	Error          string
}

// realtimeShape is how one product's records hold their values: values reads the object of "aggregated" and of
// each POP, empty stands for an absent "aggregated", record builds the product's record.
type realtimeShape[V, R any] struct {
	values func(d *realtimeDecoder) (V, error)
	empty  func() V
	record func(recorded int64, aggregated V, datacenters map[string]V) R
}

// realtimeDecoder reads a real-time body in one pass, checking the JSON grammar while it decodes records straight
// into Go values. Only bad JSON stops the pass; a well-formed value it must refuse is noted and read past, so a
// broken body is always reported as invalid JSON, then a missing Timestamp, then the first refused record.
type realtimeDecoder struct {
	jsonReader
	problem string            // why the values being read are refused; "" while they are fine
	names   map[string]string // one string per field name and POP code seen in the body
	layout  []string          // the field names of the previous values object by position
}

// decodeRealtimeBody decodes the envelope shared by the channel, origins and domains real-time APIs and each record
// of "Data"; the capitalised top-level keys are matched exactly, the first of repeated keys counts.
func decodeRealtimeBody[V, R any](body []byte, path string, shape realtimeShape[V, R]) (realtimeEnvelope, []R, error) {
	d := &realtimeDecoder{jsonReader: jsonReader{s: scanner{b: body}, path: path}, names: map[string]string{}}
	var env realtimeEnvelope
	if !d.s.at('{') {
		if err := d.wholeValue(); err != nil {
			return env, nil, err
		}
		return env, nil, d.fail("the response is not a JSON object")
	}
	data, refused, err := readEnvelope(d, shape, &env)
	if err == nil {
		err = d.end()
	}
	switch {
	case err != nil:
		return env, nil, err
	case env.Timestamp <= 0:
		return env, nil, d.fail(`no "Timestamp" in the real-time response`)
	case refused != "":
		return env, nil, d.fail(refused)
	}
	return env, data, nil
}

// wholeValue reads past the document, which must be one JSON value.
func (d *realtimeDecoder) wholeValue() error {
	if err := d.skip(); err != nil {
		return err
	}
	return d.end()
}

// readEnvelope reads the members of the top-level object into env and the records of "Data", returning why the
// first refused record is refused.
func readEnvelope[V, R any](d *realtimeDecoder, shape realtimeShape[V, R], env *realtimeEnvelope) ([]R, string, error) {
	data := []R{}
	var refused string
	var seen struct{ timestamp, delay, text, data bool }
	err := d.eachMember(func(key []byte) error {
		switch k := string(key); {
		case k == "Timestamp" && !seen.timestamp:
			seen.timestamp = true
			return d.readInt(&env.Timestamp)
		case k == "AggregateDelay" && !seen.delay:
			seen.delay = true
			return d.readInt(&env.AggregateDelay)
		case k == "Error" && !seen.text:
			seen.text = true
			return d.readText(&env.Error)
		case k == "Data" && !seen.data:
			seen.data = true
			return readRecords(d, shape, &data, &refused)
		}
		return d.skip()
	})
	return data, refused, err
}

// readRecords appends the records of "Data" to data until one is refused; anything but an array holds none.
func readRecords[V, R any](d *realtimeDecoder, shape realtimeShape[V, R], data *[]R, refused *string) error {
	if !d.s.at('[') {
		return d.skip()
	}
	return d.eachElement(func() error {
		if *refused != "" {
			return d.skip()
		}
		rec, problem, err := readRecord(d, shape)
		if problem != "" {
			*refused = problem
		} else {
			*data = append(*data, rec)
		}
		return err
	})
}

// readRecord reads {"recorded": s, "aggregated": values, "datacenter": {"<POP>": values}} in any key order,
// returning why the record is refused ("" when it is not).
func readRecord[V, R any](d *realtimeDecoder, shape realtimeShape[V, R]) (R, string, error) {
	var rec R
	if !d.s.at('{') {
		return rec, noRecordedTime, d.skip()
	}
	p := recordParts[V]{aggregated: shape.empty()}
	err := d.eachMember(func(key []byte) error { return p.read(d, key, shape.values) })
	switch {
	case err != nil:
		return rec, "", err
	case p.recorded <= 0:
		return rec, noRecordedTime, nil
	case p.aggProblem != "":
		return rec, fmt.Sprintf("record %d: aggregated: %s", p.recorded, p.aggProblem), nil
	case p.dcProblem != "":
		return rec, fmt.Sprintf("record %d: datacenter %s", p.recorded, p.dcProblem), nil
	}
	return shape.record(p.recorded, p.aggregated, p.datacenters), "", nil
}

// recordParts are the members of one record as read, with why its values objects are refused.
type recordParts[V any] struct {
	recorded              int64
	aggregated            V
	datacenters           map[string]V
	aggProblem, dcProblem string
	seen                  struct{ recorded, aggregated, datacenter bool }
}

// read reads the member key of a record; the first of repeated keys counts.
func (p *recordParts[V]) read(d *realtimeDecoder, key []byte, values func(*realtimeDecoder) (V, error)) error {
	var err error
	switch k := string(key); {
	case k == "recorded" && !p.seen.recorded:
		p.seen.recorded = true
		err = d.readInt(&p.recorded)
	case k == "aggregated" && !p.seen.aggregated:
		p.seen.aggregated = true
		p.aggregated, p.aggProblem, err = readValues(d, values)
	case k == "datacenter" && !p.seen.datacenter:
		p.seen.datacenter = true
		p.datacenters, p.dcProblem, err = readDatacenters(d, values)
	default:
		err = d.skip()
	}
	return err
}

// readValues reads one values object with read, returning why it is refused.
func readValues[V any](d *realtimeDecoder, read func(*realtimeDecoder) (V, error)) (V, string, error) {
	d.problem = ""
	v, err := read(d)
	return v, d.problem, err
}

// readDatacenters reads {"<POP>": values}; anything but an object means no POP values.
func readDatacenters[V any](d *realtimeDecoder, read func(*realtimeDecoder) (V, error)) (map[string]V, string, error) {
	if !d.s.at('{') {
		return nil, "", d.skip()
	}
	pops := map[string]V{}
	var problem string
	err := d.eachMember(func(code []byte) error {
		pop := d.name(code)
		v, p, err := readValues(d, read)
		if p != "" && problem == "" {
			problem = pop + ": " + p
		}
		pops[pop] = v
		return err
	})
	return pops, problem, err
}

// refuse notes why the values being read cannot be used; the first reason counts.
func (d *realtimeDecoder) refuse(reason string) {
	if d.problem == "" {
		d.problem = reason
	}
}

// openObject tells whether the value at the cursor is an object; anything else is refused, the reason led by
// prefix, and read past.
func (d *realtimeDecoder) openObject(prefix string) (bool, error) {
	if d.s.at('{') {
		return true, nil
	}
	d.refuse(prefix + "expected an object")
	return false, d.skip()
}

// name is key as a string, one per distinct key of the body, so records share their field names and POP codes.
func (d *realtimeDecoder) name(key []byte) string {
	if s, ok := d.names[string(key)]; ok {
		return s
	}
	s := string(key)
	d.names[s] = s
	return s
}

// newValues is a map sized like the previous values object: the records of one answer share their fields.
func (d *realtimeDecoder) newValues() map[string]float64 {
	return make(map[string]float64, len(d.layout))
}

// fieldName is the n-th key of a values object as a string, found without a lookup when the previous object had
// the same key there: the values objects of one answer share their key order.
func (d *realtimeDecoder) fieldName(n int, key []byte) string {
	if n < len(d.layout) && d.layout[n] == string(key) {
		return d.layout[n]
	}
	name := d.name(key)
	if n < len(d.layout) {
		d.layout[n] = name
	} else {
		d.layout = append(d.layout, name)
	}
	return name
}

// readFields reads the numeric members of the object at the cursor into values, through convert; other values are
// skipped and keys special claims are read by it.
func (d *realtimeDecoder) readFields(values map[string]float64, convert func(string, float64) float64, special func(key []byte) (bool, error)) error {
	n := 0
	err := d.eachMember(func(key []byte) error {
		if claimed, err := special(key); claimed || err != nil {
			return err
		}
		name := d.fieldName(n, key)
		n++
		v, isNumber, err := d.readFloat(name)
		if isNumber {
			values[name] = convert(name, v)
		}
		return err
	})
	d.layout = d.layout[:min(n, len(d.layout))]
	return err
}

// readFloat reads a JSON number; other values are read past with isNumber false, a number beyond float64 is refused.
func (d *realtimeDecoder) readFloat(name string) (v float64, isNumber bool, err error) {
	if !d.atNumber() {
		return 0, false, d.skip()
	}
	raw, ok := d.s.number()
	if !ok {
		return 0, false, d.invalid()
	}
	if v, err = parseNumber(raw); err != nil || math.IsInf(v, 0) {
		d.refuse(fmt.Sprintf("%s: number out of range: %s", name, raw))
		return 0, true, nil
	}
	return v, true, nil
}

// readInt reads a number like fastjson's GetInt64: anything but an integer in int64's range is 0.
func (d *realtimeDecoder) readInt(dst *int64) error {
	if !d.atNumber() {
		return d.skip()
	}
	raw, ok := d.s.number()
	if !ok {
		return d.invalid()
	}
	n, err := strconv.ParseInt(unsafe.String(&raw[0], len(raw)), 10, 64)
	if err != nil {
		n = 0
	}
	*dst = n
	return nil
}

func (d *realtimeDecoder) atNumber() bool {
	if d.s.skipSpace(); !d.s.more() {
		return false
	}
	c := d.s.peek()
	return c == '-' || c >= '0' && c <= '9'
}
