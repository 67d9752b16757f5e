package fastlyapi

// DecodeInspectorRealtime decodes an Origin or Domain Inspector real-time body; values keep Fastly's units.
func DecodeInspectorRealtime(body []byte, path string) (*InspectorRealtimeResponse, error) {
	env, data, err := decodeRealtimeBody(body, path, inspectorShape)
	if err != nil {
		return nil, err
	}
	return &InspectorRealtimeResponse{Timestamp: env.Timestamp, AggregateDelay: env.AggregateDelay, Error: env.Error, Data: data}, nil
}

// inspectorShape holds one second's values of a service by origin host or domain, summed and per POP.
var inspectorShape = realtimeShape[map[string]map[string]float64, InspectorRealtimeRecord]{
	values: readDimensionValues,
	empty:  func() map[string]map[string]float64 { return map[string]map[string]float64{} },
	record: func(recorded int64, aggregated map[string]map[string]float64, datacenters map[string]map[string]map[string]float64) InspectorRealtimeRecord {
		return InspectorRealtimeRecord{Recorded: recorded, Aggregated: aggregated, POPs: datacenters}
	},
}

// readDimensionValues reads {"<host or domain>": {"<field>": n}}; non-numeric values are skipped.
func readDimensionValues(d *realtimeDecoder) (map[string]map[string]float64, error) {
	if ok, err := d.openObject(""); !ok {
		return nil, err
	}
	out := map[string]map[string]float64{}
	err := d.eachMember(func(key []byte) error {
		name := d.name(key)
		if ok, err := d.openObject(name + ": "); !ok {
			return err
		}
		values := d.newValues()
		out[name] = values
		return d.readFields(values, keepUnit, claimNone)
	})
	return out, err
}

// keepUnit leaves a value in Fastly's unit.
func keepUnit(_ string, v float64) float64 { return v }

// claimNone reads every key as a field.
func claimNone([]byte) (bool, error) { return false, nil }
