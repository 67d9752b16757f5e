package fastlyapi

import (
	"fmt"
	"math"

	"github.com/valyala/fastjson"
)

// DecodeInspectorPage decodes one page of an inspector answer, reading metrics from every record. Records are
// sparse (a missing key is 0); next_cursor "" and null both end the pages.
func DecodeInspectorPage(body []byte, path string, metrics []string) (*InspectorPage, error) {
	var p fastjson.Parser
	doc, err := p.ParseBytes(body)
	if err != nil {
		return nil, &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	if err := checkEnvelope(doc, path); err != nil {
		return nil, err
	}
	page := &InspectorPage{Metrics: metrics, NextCursor: string(doc.GetStringBytes("meta", "next_cursor"))}
	data := doc.Get("data")
	if data == nil || data.Type() != fastjson.TypeArray {
		return nil, &DecodeError{Path: path, Reason: `"data" is missing or not an array`}
	}
	for _, item := range data.GetArray() {
		s, err := decodeInspectorSeries(item, path, metrics)
		if err != nil {
			return nil, err
		}
		page.Series = append(page.Series, s)
	}
	return page, nil
}

func decodeInspectorSeries(item *fastjson.Value, path string, metrics []string) (InspectorSeries, error) {
	s := InspectorSeries{Dimensions: map[string]string{}, Values: make([][]float64, len(metrics))}
	if item.Type() != fastjson.TypeObject {
		return s, &DecodeError{Path: path, Reason: "a series is not an object"}
	}
	if dims := item.GetObject("dimensions"); dims != nil {
		dims.Visit(func(key []byte, v *fastjson.Value) {
			if v.Type() == fastjson.TypeString {
				s.Dimensions[string(key)] = string(v.GetStringBytes())
			}
		})
	}
	for _, record := range item.GetArray("values") {
		if err := s.appendRecord(record, path, metrics); err != nil {
			return s, err
		}
	}
	return s, nil
}

func (s *InspectorSeries) appendRecord(record *fastjson.Value, path string, metrics []string) error {
	ts, err := number(record.Get("timestamp"))
	if record.Get("timestamp") == nil || err != nil || math.IsNaN(ts) {
		return &DecodeError{Path: path, Reason: "a record has no valid timestamp"}
	}
	s.Timestamps = append(s.Timestamps, int64(ts))
	for i, m := range metrics {
		v, err := number(record.Get(m))
		if err != nil {
			return &DecodeError{Path: path, Reason: fmt.Sprintf("metric %s at timestamp %d: %v", m, int64(ts), err)}
		}
		if math.IsNaN(v) {
			v = 0 // a null counter carries no traffic, like a missing one
		}
		s.Values[i] = append(s.Values[i], v)
	}
	return nil
}

// decodeEnablement reads a 200 answer of the enablement API: the product is enabled when the answer names it.
func decodeEnablement(body []byte, path, product string) (bool, error) {
	var parser fastjson.Parser
	doc, err := parser.ParseBytes(body)
	if err != nil {
		return false, &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	id := string(doc.GetStringBytes("product", "id"))
	if id == "" {
		return false, &DecodeError{Path: path, Reason: `no "product.id" in the answer`}
	}
	return id == product, nil
}
