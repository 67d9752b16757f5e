package fastlyapi

import (
	"context"
	"fmt"
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
	// POPs maps a POP to its hosts or domains and their values.
	POPs map[string]map[string]map[string]float64
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
