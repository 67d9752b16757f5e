package realtime

import (
	"context"
	"errors"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// InspectorUpstream is the part of Fastly's Origin and Domain Inspector real-time API a poller calls; the Hub's
// Upstream provides it when it implements these methods too (fastlyapi.Client does).
type InspectorUpstream interface {
	InspectorRealtimeHistory(ctx context.Context, p fastlyapi.Product, serviceID string) (*fastlyapi.InspectorRealtimeResponse, error)
	InspectorRealtimeSince(ctx context.Context, p fastlyapi.Product, serviceID string, ts int64) (*fastlyapi.InspectorRealtimeResponse, error)
}

// ErrNoInspectorUpstream is returned when the hub's upstream cannot read inspector real-time data.
var ErrNoInspectorUpstream = errors.New("this datasource's real-time client cannot read Origin or Domain Inspector data")

// feed is one real-time product of a service, answered in the shape the buffer ingests.
type feed interface {
	history(ctx context.Context, serviceID string) (*fastlyapi.RealtimeResponse, error)
	since(ctx context.Context, serviceID string, ts int64) (*fastlyapi.RealtimeResponse, error)
}

// channelFeed reads /v1/channel.
type channelFeed struct{ up Upstream }

func (f channelFeed) history(ctx context.Context, serviceID string) (*fastlyapi.RealtimeResponse, error) {
	return f.up.RealtimeHistory(ctx, serviceID)
}

func (f channelFeed) since(ctx context.Context, serviceID string, ts int64) (*fastlyapi.RealtimeResponse, error) {
	return f.up.RealtimeSince(ctx, serviceID, ts)
}

// inspectorFeed reads /v1/origins or /v1/domains and keys each value by host or domain and field.
type inspectorFeed struct {
	up      InspectorUpstream
	product fastlyapi.Product
}

func (f inspectorFeed) history(ctx context.Context, serviceID string) (*fastlyapi.RealtimeResponse, error) {
	resp, err := f.up.InspectorRealtimeHistory(ctx, f.product, serviceID)
	return flatten(resp), err
}

func (f inspectorFeed) since(ctx context.Context, serviceID string, ts int64) (*fastlyapi.RealtimeResponse, error) {
	resp, err := f.up.InspectorRealtimeSince(ctx, f.product, serviceID, ts)
	return flatten(resp), err
}

// flatten turns the extra host/domain level into buffer keys "<name>\x1f<field>".
func flatten(r *fastlyapi.InspectorRealtimeResponse) *fastlyapi.RealtimeResponse {
	if r == nil {
		return nil
	}
	out := &fastlyapi.RealtimeResponse{Timestamp: r.Timestamp, AggregateDelay: r.AggregateDelay, Error: r.Error,
		Data: make([]fastlyapi.RealtimeRecord, len(r.Data))}
	for i, rec := range r.Data {
		out.Data[i] = fastlyapi.RealtimeRecord{Recorded: rec.Recorded, Aggregated: flattenDimensions(rec.Aggregated),
			POPs: make(map[string]fastlyapi.Measurements, len(rec.POPs))}
		for pop, dims := range rec.POPs {
			out.Data[i].POPs[pop] = flattenDimensions(dims)
		}
	}
	return out
}

func flattenDimensions(dims map[string]map[string]float64) fastlyapi.Measurements {
	m := fastlyapi.Measurements{Values: map[string]float64{}}
	for name, values := range dims {
		for field, v := range values {
			m.Values[name+dimensionSep+field] = v
		}
	}
	return m
}
