package fastlyapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/valyala/fastjson"
)

// InspectorRealtimeResponse is one answer of the Origin or Domain Inspector real-time API.
type InspectorRealtimeResponse struct {
	// Timestamp is the cursor for the next request (Unix seconds).
	Timestamp int64
	// AggregateDelay is how many seconds behind Timestamp the newest aggregated second is.
	AggregateDelay int64
	// Error is Fastly's message when it has nothing to return ("No data available"); it is not a failure.
	Error string
	// Data holds one record per second with traffic, oldest first.
	Data []InspectorRealtimeRecord
}

// InspectorRealtimeRecord is one second of a service, keyed by origin host (origins) or domain (domains).
type InspectorRealtimeRecord struct {
	Recorded int64
	// Aggregated maps a host or domain to its values summed over POPs.
	Aggregated map[string]map[string]float64
	// Datacenters maps a POP to its hosts or domains and their values.
	Datacenters map[string]map[string]map[string]float64
}

// InspectorRealtimePath is the real-time path of a product and service at cursor ts ("h" for the last 120 s).
func InspectorRealtimePath(p Product, serviceID, ts string) string {
	return "/v1/" + p.collection() + "/" + pathEscape(serviceID) + "/ts/" + ts
}

// InspectorRealtimeSince asks for every second of the product after the cursor ts.
func (c *Client) InspectorRealtimeSince(ctx context.Context, p Product, serviceID string, ts int64) (*InspectorRealtimeResponse, error) {
	return c.inspectorRealtime(ctx, InspectorRealtimePath(p, serviceID, fmt.Sprint(ts)))
}

// InspectorRealtimeHistory asks for the product's last 120 seconds.
func (c *Client) InspectorRealtimeHistory(ctx context.Context, p Product, serviceID string) (*InspectorRealtimeResponse, error) {
	return c.inspectorRealtime(ctx, InspectorRealtimePath(p, serviceID, "h"))
}

func (c *Client) inspectorRealtime(ctx context.Context, path string) (*InspectorRealtimeResponse, error) {
	body, _, err := c.get(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	return DecodeInspectorRealtime(body, path)
}

// IsNotEnabled tells whether err is Fastly's 400 "no product on service" for a service without the add-on.
func IsNotEnabled(err error) bool {
	var apiErr *Error
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && strings.Contains(apiErr.Message, notEnabledTitle)
}

// DecodeInspectorRealtime decodes an inspector real-time body; values keep Fastly's units (counts and bytes).
func DecodeInspectorRealtime(body []byte, path string) (*InspectorRealtimeResponse, error) {
	env, data, err := decodeRealtimeBody(body, path, decodeInspectorRealtimeRecord)
	if err != nil {
		return nil, err
	}
	return &InspectorRealtimeResponse{Timestamp: env.Timestamp, AggregateDelay: env.AggregateDelay, Error: env.Error, Data: data}, nil
}

func decodeInspectorRealtimeRecord(v *fastjson.Value) (InspectorRealtimeRecord, error) {
	rec := InspectorRealtimeRecord{Recorded: v.GetInt64("recorded")}
	if rec.Recorded <= 0 {
		return rec, fmt.Errorf(`a real-time record has no "recorded" time`)
	}
	var err error
	if rec.Aggregated, err = decodeDimensionValues(v.Get("aggregated")); err != nil {
		return rec, fmt.Errorf("record %d: aggregated: %w", rec.Recorded, err)
	}
	dc := v.Get("datacenter")
	if dc == nil || dc.Type() != fastjson.TypeObject {
		return rec, nil
	}
	pops, _ := dc.Object()
	rec.Datacenters = make(map[string]map[string]map[string]float64, pops.Len())
	pops.Visit(func(code []byte, pv *fastjson.Value) {
		if err != nil {
			return
		}
		var dims map[string]map[string]float64
		if dims, err = decodeDimensionValues(pv); err == nil {
			rec.Datacenters[string(code)] = dims
		} else {
			err = fmt.Errorf("record %d: datacenter %s: %w", rec.Recorded, code, err)
		}
	})
	return rec, err
}

// decodeDimensionValues reads {"<host or domain>": {"<field>": n}}; non-numeric values are skipped.
func decodeDimensionValues(v *fastjson.Value) (map[string]map[string]float64, error) {
	out := map[string]map[string]float64{}
	if v == nil {
		return out, nil
	}
	obj, err := v.Object()
	if err != nil {
		return nil, err
	}
	obj.Visit(func(name []byte, dv *fastjson.Value) {
		if err != nil {
			return
		}
		fields, ferr := dv.Object()
		if ferr != nil {
			err = fmt.Errorf("%s: %w", name, ferr)
			return
		}
		values := make(map[string]float64, fields.Len())
		fields.Visit(func(key []byte, fv *fastjson.Value) {
			if fv.Type() == fastjson.TypeNumber {
				values[string(key)] = fv.GetFloat64()
			}
		})
		out[string(name)] = values
	})
	return out, err
}
