package fastlyapi

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/valyala/fastjson"
)

// The reference real-time decoders below build one fastjson tree of the whole body and walk it, as the plugin
// decoded real-time answers before its single-pass decoder; tests hold the decoder to their results.

// realtimeTree decodes body into a fastjson tree and each record of its "Data" with record.
func realtimeTree[R any](body []byte, record func(*fastjson.Value) (R, error)) (realtimeEnvelope, []R, error) {
	if err := fastjson.ValidateBytes(body); err != nil {
		return realtimeEnvelope{}, nil, fmt.Errorf("invalid JSON: %w", err)
	}
	doc, err := fastjson.ParseBytes(body)
	if err != nil {
		return realtimeEnvelope{}, nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if doc.Type() != fastjson.TypeObject {
		return realtimeEnvelope{}, nil, errors.New("the response is not a JSON object")
	}
	env := realtimeEnvelope{Timestamp: doc.GetInt64("Timestamp"), AggregateDelay: doc.GetInt64("AggregateDelay"),
		Error: string(doc.GetStringBytes("Error"))}
	if env.Timestamp <= 0 {
		return env, nil, errors.New(`no "Timestamp" in the real-time response`)
	}
	data := []R{}
	for _, rv := range doc.GetArray("Data") {
		rec, err := record(rv)
		if err != nil {
			return env, nil, err
		}
		data = append(data, rec)
	}
	return env, data, nil
}

func treeRealtimeRecord(v *fastjson.Value) (RealtimeRecord, error) {
	rec := RealtimeRecord{Recorded: v.GetInt64("recorded")}
	if rec.Recorded <= 0 {
		return rec, errors.New(noRecordedTime)
	}
	agg, err := treeMeasurements(v.Get("aggregated"))
	if err != nil {
		return rec, fmt.Errorf("record %d: aggregated: %w", rec.Recorded, err)
	}
	rec.Aggregated = agg
	pops := v.GetObject("datacenter")
	if pops == nil {
		return rec, nil
	}
	rec.POPs = map[string]Measurements{}
	pops.Visit(func(code []byte, pv *fastjson.Value) {
		var m Measurements
		if m, err = treeMeasurements(pv); err == nil {
			rec.POPs[string(code)] = m
		}
	})
	return rec, err
}

func treeMeasurements(v *fastjson.Value) (Measurements, error) {
	m := Measurements{Values: map[string]float64{}}
	if v == nil {
		return m, nil
	}
	obj, err := v.Object()
	if err != nil {
		return m, err
	}
	obj.Visit(func(key []byte, fv *fastjson.Value) {
		name := string(key)
		switch {
		case name == missHistogramKey && err == nil:
			m.MissHistogram, err = treeHistogram(fv)
		case fv.Type() == fastjson.TypeNumber:
			m.Values[name] = realtimeValue(name, fv.GetFloat64())
		}
	})
	return m, err
}

func treeHistogram(v *fastjson.Value) (map[float64]float64, error) {
	obj, err := v.Object()
	if err != nil || obj.Len() == 0 {
		return nil, err
	}
	out := map[float64]float64{}
	obj.Visit(func(key []byte, cv *fastjson.Value) {
		bound, perr := strconv.ParseFloat(string(key), 64)
		if perr != nil && err == nil {
			err = fmt.Errorf("miss_histogram key %q is not a number of milliseconds", key)
		}
		out[bound] += cv.GetFloat64()
	})
	return out, err
}

func treeInspectorRecord(v *fastjson.Value) (InspectorRealtimeRecord, error) {
	rec := InspectorRealtimeRecord{Recorded: v.GetInt64("recorded")}
	if rec.Recorded <= 0 {
		return rec, errors.New(noRecordedTime)
	}
	var err error
	if rec.Aggregated, err = treeDimensionValues(v.Get("aggregated")); err != nil {
		return rec, fmt.Errorf("record %d: aggregated: %w", rec.Recorded, err)
	}
	pops := v.GetObject("datacenter")
	if pops == nil {
		return rec, nil
	}
	rec.POPs = map[string]map[string]map[string]float64{}
	pops.Visit(func(code []byte, pv *fastjson.Value) {
		dims, derr := treeDimensionValues(pv)
		if derr != nil && err == nil {
			err = fmt.Errorf("record %d: datacenter %s: %w", rec.Recorded, code, derr)
		}
		rec.POPs[string(code)] = dims
	})
	return rec, err
}

func treeDimensionValues(v *fastjson.Value) (map[string]map[string]float64, error) {
	out := map[string]map[string]float64{}
	if v == nil {
		return out, nil
	}
	obj, err := v.Object()
	if err != nil {
		return nil, err
	}
	obj.Visit(func(name []byte, dv *fastjson.Value) {
		fields, ferr := dv.Object()
		if ferr != nil {
			if err == nil {
				err = fmt.Errorf("%s: %w", name, ferr)
			}
			return
		}
		values := map[string]float64{}
		fields.Visit(func(key []byte, fv *fastjson.Value) {
			if fv.Type() == fastjson.TypeNumber {
				values[string(key)] = fv.GetFloat64()
			}
		})
		out[string(name)] = values
	})
	return out, err
}

// errorClass is the kind of a decode failure: one of the envelope's, or "record".
func errorClass(reason string) string {
	for _, class := range []string{"invalid JSON", "not a JSON object", `no "Timestamp"`} {
		if strings.Contains(reason, class) {
			return class
		}
	}
	return "record"
}
