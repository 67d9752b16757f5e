package fastlyapi

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/valyala/fastjson"
)

// nanosPerSecond converts the real-time `*_sub_time` nanoseconds to the seconds Historical Stats uses.
const nanosPerSecond = 1e9

// missHistogramKey is the real-time-only field holding origin latency counts.
const missHistogramKey = "miss_histogram"

// DecodeRealtime decodes a real-time body; the capitalised top-level keys are matched exactly as Fastly sends them.
func DecodeRealtime(body []byte, path string) (*RealtimeResponse, error) {
	env, data, err := decodeRealtimeBody(body, path, decodeRealtimeRecord)
	if err != nil {
		return nil, err
	}
	return &RealtimeResponse{Timestamp: env.Timestamp, AggregateDelay: env.AggregateDelay, Error: env.Error, Data: data}, nil
}

// realtimeEnvelope is the part of a real-time answer every product shares.
type realtimeEnvelope struct {
	Timestamp      int64
	AggregateDelay int64
	Error          string
}

// decodeRealtimeBody validates the envelope shared by the channel, origins and domains real-time APIs and decodes
// each record of "Data" with decode, parsing one record at a time.
func decodeRealtimeBody[R any](body []byte, path string, decode func(*fastjson.Value) (R, error)) (realtimeEnvelope, []R, error) {
	if err := fastjson.ValidateBytes(body); err != nil {
		return realtimeEnvelope{}, nil, &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	members := splitRealtimeBody(body)
	if !members.isObject {
		return realtimeEnvelope{}, nil, &DecodeError{Path: path, Reason: "the response is not a JSON object"}
	}
	var p fastjson.Parser
	env := realtimeEnvelope{
		Timestamp:      parseMember(&p, members.timestamp).GetInt64(),
		AggregateDelay: parseMember(&p, members.aggregateDelay).GetInt64(),
		Error:          string(parseMember(&p, members.errorText).GetStringBytes()),
	}
	if env.Timestamp <= 0 {
		return env, nil, &DecodeError{Path: path, Reason: `no "Timestamp" in the real-time response`}
	}
	records := arrayElements(members.data)
	data := make([]R, 0, len(records))
	for _, raw := range records {
		rec, err := decode(parseMember(&p, raw))
		if err != nil {
			return env, nil, &DecodeError{Path: path, Reason: err.Error()}
		}
		data = append(data, rec)
	}
	return env, data, nil
}

func decodeRealtimeRecord(v *fastjson.Value) (RealtimeRecord, error) {
	rec := RealtimeRecord{Recorded: v.GetInt64("recorded")}
	if rec.Recorded <= 0 {
		return rec, fmt.Errorf(`a real-time record has no "recorded" time`)
	}
	agg, err := decodeMeasurements(v.Get("aggregated"))
	if err != nil {
		return rec, fmt.Errorf("record %d: aggregated: %w", rec.Recorded, err)
	}
	rec.Aggregated = agg
	dc := v.Get("datacenter")
	if dc == nil || dc.Type() != fastjson.TypeObject {
		return rec, nil
	}
	pops, _ := dc.Object()
	rec.Datacenters = make(map[string]Measurements, pops.Len())
	pops.Visit(func(code []byte, pv *fastjson.Value) {
		if err != nil {
			return
		}
		var m Measurements
		if m, err = decodeMeasurements(pv); err == nil {
			rec.Datacenters[string(code)] = m
		}
	})
	return rec, err
}

func decodeMeasurements(v *fastjson.Value) (Measurements, error) {
	m := Measurements{Values: map[string]float64{}}
	if v == nil {
		return m, nil
	}
	obj, err := v.Object()
	if err != nil {
		return m, err
	}
	obj.Visit(func(key []byte, fv *fastjson.Value) {
		if err != nil {
			return
		}
		name := string(key)
		switch {
		case name == missHistogramKey:
			m.MissHistogram, err = decodeHistogram(fv)
		case fv.Type() == fastjson.TypeNumber:
			m.Values[name] = realtimeValue(name, fv.GetFloat64())
		}
	})
	return m, err
}

// realtimeValue converts a field to the unit Historical Stats uses for it.
func realtimeValue(name string, v float64) float64 {
	if strings.HasSuffix(name, "_sub_time") {
		return v / nanosPerSecond
	}
	return v
}

func decodeHistogram(v *fastjson.Value) (map[float64]float64, error) {
	obj, err := v.Object()
	if err != nil {
		return nil, fmt.Errorf("miss_histogram: %w", err)
	}
	if obj.Len() == 0 {
		return nil, nil
	}
	out := make(map[float64]float64, obj.Len())
	obj.Visit(func(key []byte, cv *fastjson.Value) {
		if err != nil {
			return
		}
		bound, perr := strconv.ParseFloat(string(key), 64)
		if perr != nil {
			err = fmt.Errorf("miss_histogram key %q is not a number of milliseconds", key)
			return
		}
		out[bound] += cv.GetFloat64()
	})
	return out, err
}
