package fastlyapi

import (
	"context"
	"fmt"
)

// NoDataMessage is the Error text of Fastly's 200 answer for a service without traffic.
const NoDataMessage = "No data available, please retry"

// RealtimeResponse is one answer of the Real-time Analytics API.
type RealtimeResponse struct {
	// Timestamp is the cursor for the next request (Unix seconds).
	Timestamp int64
	// AggregateDelay is how many seconds behind Timestamp the newest aggregated second is.
	AggregateDelay int64
	// Error is Fastly's message when it has nothing to return ("No data available"); it is not a failure.
	Error string
	// Data holds one record per second with traffic, oldest first; seconds without traffic are absent.
	Data []RealtimeRecord
}

// NewestSecond is the newest second Fastly has finished aggregating when it answered.
func (r *RealtimeResponse) NewestSecond() int64 {
	newest := r.Timestamp - r.AggregateDelay
	for _, rec := range r.Data {
		newest = max(newest, rec.Recorded)
	}
	return newest
}

// RealtimeRecord is one second of a service: the sum over POPs and the values of each POP.
type RealtimeRecord struct {
	Recorded   int64
	Aggregated Measurements
	POPs       map[string]Measurements
}

// Measurements are one second's values in the units of Historical Stats (`*_sub_time` converted to seconds).
type Measurements struct {
	Values map[string]float64
	// MissHistogram counts origin fetches by latency bucket, keyed by the bucket's upper bound in milliseconds.
	MissHistogram map[float64]float64
}

// ChannelRealtimePath is the real-time path of a service at cursor ts ("h" for the last 120 s).
func ChannelRealtimePath(serviceID, ts string) string {
	return "/v1/channel/" + pathEscape(serviceID) + "/ts/" + ts
}

// RealtimeSince asks for every second after the cursor ts (the previous answer's Timestamp; 0 for the newest second).
func (c *Client) RealtimeSince(ctx context.Context, serviceID string, ts int64) (*RealtimeResponse, error) {
	return c.realtime(ctx, ChannelRealtimePath(serviceID, fmt.Sprint(ts)))
}

// RealtimeHistory asks for the last 120 seconds Fastly keeps.
func (c *Client) RealtimeHistory(ctx context.Context, serviceID string) (*RealtimeResponse, error) {
	return c.realtime(ctx, ChannelRealtimePath(serviceID, "h"))
}

func (c *Client) realtime(ctx context.Context, path string) (*RealtimeResponse, error) {
	body, _, err := c.get(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	return DecodeRealtime(body, path)
}
