package fastlyapi

import (
	"fmt"
	"math"
	"strconv"

	"github.com/valyala/fastjson"
)

// DecodeStats decodes a Historical Stats body in either shape: data keyed by service id (/stats, /stats/field)
// or an array of rows (/stats/service/...). serviceID names the service for rows that carry no service_id.
func DecodeStats(body []byte, path string, fields []string, serviceID string) (*StatsResult, error) {
	var p fastjson.Parser
	doc, err := p.ParseBytes(body)
	if err != nil {
		return nil, &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	if err := checkEnvelope(doc, path); err != nil {
		return nil, err
	}
	d := statsDecoder{path: path, fields: fields, result: &StatsResult{Fields: fields, ByService: map[string]*Rows{}}}
	data := doc.Get("data")
	switch {
	case data == nil || data.Type() == fastjson.TypeNull:
		return nil, &DecodeError{Path: path, Reason: `no "data" in the response`}
	case data.Type() == fastjson.TypeArray:
		err = d.decodeRows(data, serviceID)
	case data.Type() == fastjson.TypeObject:
		err = d.decodeByService(data)
	default:
		err = &DecodeError{Path: path, Reason: fmt.Sprintf(`"data" is a %s, expected an object or an array`, data.Type())}
	}
	if err != nil {
		return nil, err
	}
	return d.result, nil
}

// checkEnvelope turns {"status":"error","msg":...} into a StatusError.
func checkEnvelope(doc *fastjson.Value, path string) error {
	if doc.Type() != fastjson.TypeObject {
		return &DecodeError{Path: path, Reason: fmt.Sprintf("expected a JSON object, got %s", doc.Type())}
	}
	status := doc.Get("status")
	if status == nil || string(status.GetStringBytes()) == "success" {
		return nil
	}
	msg := string(doc.GetStringBytes("msg"))
	if msg == "" {
		msg = "status " + status.String()
	}
	return &StatusError{Path: path, Message: msg}
}

type statsDecoder struct {
	path   string
	fields []string
	result *StatsResult
}

func (d *statsDecoder) decodeByService(data *fastjson.Value) error {
	obj, _ := data.Object()
	var err error
	obj.Visit(func(key []byte, rows *fastjson.Value) {
		if err == nil {
			err = d.decodeRows(rows, string(key))
		}
	})
	return err
}

func (d *statsDecoder) decodeRows(rows *fastjson.Value, serviceID string) error {
	arr, err := rows.Array()
	if err != nil {
		return &DecodeError{Path: d.path, Reason: "service rows are not an array"}
	}
	for _, row := range arr {
		if err := d.decodeRow(row, serviceID); err != nil {
			return err
		}
	}
	return nil
}

func (d *statsDecoder) decodeRow(row *fastjson.Value, serviceID string) error {
	if row.Type() != fastjson.TypeObject {
		return &DecodeError{Path: d.path, Reason: "a row is not an object"}
	}
	startValue := row.Get("start_time")
	start, err := number(startValue)
	if startValue == nil || err != nil || math.IsNaN(start) {
		return &DecodeError{Path: d.path, Reason: "a row has no valid start_time"}
	}
	if id := row.GetStringBytes("service_id"); len(id) > 0 {
		serviceID = string(id)
	}
	rows := d.rowsFor(serviceID)
	rows.Start = append(rows.Start, int64(start))
	for i, f := range d.fields {
		v, err := number(row.Get(f))
		if err != nil {
			return &DecodeError{Path: d.path, Reason: fmt.Sprintf("field %s at start_time %d: %v", f, int64(start), err)}
		}
		rows.Values[i] = append(rows.Values[i], v)
	}
	return nil
}

func (d *statsDecoder) rowsFor(serviceID string) *Rows {
	rows := d.result.ByService[serviceID]
	if rows == nil {
		rows = &Rows{Values: make([][]float64, len(d.fields))}
		d.result.ByService[serviceID] = rows
	}
	return rows
}

// number reads a JSON number; a missing key is 0 (Fastly omits zero counters in sparse shapes), null is NaN,
// and a number sent as a string is parsed.
func number(v *fastjson.Value) (float64, error) {
	if v == nil {
		return 0, nil
	}
	switch v.Type() {
	case fastjson.TypeNumber:
		return v.Float64()
	case fastjson.TypeNull:
		return math.NaN(), nil
	case fastjson.TypeString:
		f, err := strconv.ParseFloat(string(v.GetStringBytes()), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, fmt.Errorf("not a number: %q", v.GetStringBytes())
		}
		return f, nil
	default:
		return 0, fmt.Errorf("expected a number, got %s", v.Type())
	}
}
