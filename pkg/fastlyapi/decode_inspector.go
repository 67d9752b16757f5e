package fastlyapi

import (
	"encoding/json"
	"math"
)

// DecodeInspectorPage decodes one page of an inspector answer, reading metrics from every record. Records are
// sparse (a missing key is 0); next_cursor "" and null both end the pages. It scans the body once, like DecodeStats.
func DecodeInspectorPage(body []byte, path string, metrics []string) (*InspectorPage, error) {
	d := &inspectorDecoder{jsonReader: jsonReader{s: scanner{b: body}, path: path}, metrics: metrics, column: columns(metrics)}
	page := &InspectorPage{Metrics: metrics}
	err := d.readEnvelope(envelopeReaders{
		data: func() error { return d.readSeriesList(page) },
		other: func(key []byte) error {
			if string(key) == "meta" {
				return d.readCursor(&page.NextCursor)
			}
			return d.skip()
		},
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// inspectorDecoder is a single-pass scanner over one inspector page.
type inspectorDecoder struct {
	jsonReader
	metrics []string
	column  map[string]int
}

// columns maps each name to its index.
func columns(names []string) map[string]int {
	column := make(map[string]int, len(names))
	for i, n := range names {
		column[n] = i
	}
	return column
}

// readCursor reads meta.next_cursor.
func (d *inspectorDecoder) readCursor(dst *string) error {
	if !d.s.at('{') {
		return d.skip()
	}
	return d.eachMember(func(key []byte) error {
		if string(key) == "next_cursor" {
			return d.readText(dst)
		}
		return d.skip()
	})
}

func (d *inspectorDecoder) readSeriesList(page *InspectorPage) error {
	if !d.s.at('[') {
		if err := d.skip(); err != nil {
			return err
		}
		return d.fail(`"data" is not an array`)
	}
	return d.eachElement(func() error {
		s, err := d.readSeries()
		page.Series = append(page.Series, s)
		return err
	})
}

// readSeries reads {"dimensions": {"<dimension>": "<value>"}, "values": [record, …]}.
func (d *inspectorDecoder) readSeries() (InspectorSeries, error) {
	s := InspectorSeries{Dimensions: map[string]string{}, Values: make([][]float64, len(d.metrics))}
	if !d.s.at('{') {
		return s, d.fail("a series is not an object")
	}
	err := d.eachMember(func(key []byte) error {
		switch string(key) {
		case "dimensions":
			return d.readDimensions(s.Dimensions)
		case "values":
			if !d.s.at('[') {
				return d.skip()
			}
			return d.eachElement(func() error { return d.readRecord(&s) })
		}
		return d.skip()
	})
	return s, err
}

// readDimensions reads the string members of an object; anything else is skipped.
func (d *inspectorDecoder) readDimensions(dims map[string]string) error {
	if !d.s.at('{') {
		return d.skip()
	}
	return d.eachMember(func(key []byte) error {
		if !d.s.at('"') {
			return d.skip()
		}
		value, err := d.key()
		dims[string(key)] = string(value)
		return err
	})
}

// readRecord reads {"timestamp": s, "<metric>": n, …}; a metric missing or null is 0 (no traffic).
func (d *inspectorDecoder) readRecord(s *InspectorSeries) error {
	if !d.s.at('{') {
		return d.fail("a record has no valid timestamp")
	}
	row := len(s.Timestamps)
	for i := range s.Values {
		s.Values[i] = append(s.Values[i], 0)
	}
	ts := math.NaN()
	err := d.eachMember(func(key []byte) error {
		if string(key) == "timestamp" {
			return d.readNumber(&ts, "timestamp")
		}
		col, ok := d.column[string(key)]
		if !ok {
			return d.skip()
		}
		if err := d.readNumber(&s.Values[col][row], d.metrics[col]); err != nil {
			return err
		}
		if math.IsNaN(s.Values[col][row]) {
			s.Values[col][row] = 0
		}
		return nil
	})
	if err != nil {
		return err
	}
	if math.IsNaN(ts) || !(ts >= 0 && ts <= maxStartTime) {
		return d.fail("a record has no valid timestamp")
	}
	s.Timestamps = append(s.Timestamps, int64(ts))
	return nil
}

// decodeEnablement reads a 200 answer of the enablement API: the product is enabled when the answer names it.
func decodeEnablement(body []byte, path, product string) (bool, error) {
	var answer struct {
		Product struct {
			ID string `json:"id"`
		} `json:"product"`
	}
	if err := json.Unmarshal(body, &answer); err != nil {
		return false, &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	if answer.Product.ID == "" {
		return false, &DecodeError{Path: path, Reason: `no "product.id" in the answer`}
	}
	return answer.Product.ID == product, nil
}
