package fastlyapi

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// nanosPerSecond converts the real-time `*_sub_time` nanoseconds to the seconds Historical Stats uses.
const nanosPerSecond = 1e9

// missHistogramKey is the real-time-only field holding origin latency counts.
const missHistogramKey = "miss_histogram"

// DecodeRealtime decodes a Real-time Analytics body; values are converted to the units Historical Stats uses.
func DecodeRealtime(body []byte, path string) (*RealtimeResponse, error) {
	env, data, err := decodeRealtimeBody(body, path, channelShape)
	if err != nil {
		return nil, err
	}
	return &RealtimeResponse{Timestamp: env.Timestamp, AggregateDelay: env.AggregateDelay, Error: env.Error, Data: data}, nil
}

// channelShape holds one second's values of a service, summed and per POP, as Measurements.
var channelShape = realtimeShape[Measurements, RealtimeRecord]{
	values: readMeasurements,
	empty:  func() Measurements { return Measurements{Values: map[string]float64{}} },
	record: func(recorded int64, aggregated Measurements, datacenters map[string]Measurements) RealtimeRecord {
		return RealtimeRecord{Recorded: recorded, Aggregated: aggregated, POPs: datacenters}
	},
}

// readMeasurements reads {"<field>": n, "miss_histogram": {"<ms>": n}}; non-numeric values are skipped.
func readMeasurements(d *realtimeDecoder) (Measurements, error) {
	m := Measurements{Values: d.newValues()}
	if ok, err := d.openObject(""); !ok {
		return m, err
	}
	err := d.readFields(m.Values, realtimeValue, func(key []byte) (bool, error) {
		if string(key) != missHistogramKey {
			return false, nil
		}
		var err error
		m.MissHistogram, err = readHistogram(d)
		return true, err
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

// readHistogram reads {"<upper bound in ms>": count}; counts of one bound are summed, an empty one is nil.
func readHistogram(d *realtimeDecoder) (map[float64]float64, error) {
	if ok, err := d.openObject(missHistogramKey + ": "); !ok {
		return nil, err
	}
	var out map[float64]float64
	err := d.eachMember(func(key []byte) error {
		bound, err := strconv.ParseFloat(string(key), 64)
		if err != nil || math.IsInf(bound, 0) || math.IsNaN(bound) {
			d.refuse(fmt.Sprintf("miss_histogram key %q is not a number of milliseconds", key))
		}
		count, _, err := d.readFloat(missHistogramKey)
		if out == nil {
			out = map[float64]float64{}
		}
		out[bound] += count
		return err
	})
	return out, err
}
