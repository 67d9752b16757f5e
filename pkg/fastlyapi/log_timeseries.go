package fastlyapi

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/valyala/fastjson"
)

// timeDimensions are the keys a time series point may carry its bucket time under, most likely first; the spec
// does not name the key.
var timeDimensions = []string{"time", "timestamp"}

// LogTimeseriesRequest is one /observability/timeseries?source=logs call.
type LogTimeseriesRequest struct {
	ServiceID   string
	From, To    time.Time // from inclusive, to exclusive
	Granularity string    // second, minute, hour or day
	Series      []string  // "<op>[<field>]", each sent as its own series parameter
	Dimensions  []string  // group-by fields besides time
	Filters     []LogFilter
}

// Path is the API path the request calls.
func (r LogTimeseriesRequest) Path() string { return LogTimeseriesPath }

// Params are the query parameters the request sends.
func (r LogTimeseriesRequest) Params() url.Values {
	p := url.Values{}
	p.Set("source", logSource)
	p.Set("service_id", r.ServiceID)
	p.Set("from", wireTime(r.From))
	p.Set("to", wireTime(r.To))
	p.Set("granularity", r.Granularity)
	p["series"] = append([]string(nil), r.Series...)
	addList(p, "dimensions", r.Dimensions)
	addLogFilters(p, r.Filters)
	return p
}

// String renders the call for ExecutedQueryString.
func (r LogTimeseriesRequest) String() string { return DescribeCall(r.Path(), r.Params()) }

// LogTimeseriesPoint is one bucket of one group: its start (UTC), its dimensions other than time, and its series
// values; a series Fastly sent no value for has no key.
type LogTimeseriesPoint struct {
	Time       time.Time
	Dimensions map[string]string
	Values     map[string]float64
}

// LogTimeseries fetches one time series answer.
func (c *Client) LogTimeseries(ctx context.Context, r LogTimeseriesRequest) ([]LogTimeseriesPoint, error) {
	body, _, err := c.get(ctx, r.Path(), r.Params())
	if err != nil {
		return nil, err
	}
	return DecodeLogTimeseries(body, r.Path())
}

// DecodeLogTimeseries decodes a time series answer; the bucket time is the "time" dimension (or "timestamp",
// there or beside "dimensions"), RFC 3339 or Unix seconds; data null is nil, nil.
func DecodeLogTimeseries(body []byte, path string) ([]LogTimeseriesPoint, error) {
	items, err := seriesItems(body, path)
	if err != nil || items == nil {
		return nil, err
	}
	points := make([]LogTimeseriesPoint, 0, len(items))
	for _, it := range items {
		t, err := pointTime(it.raw, it.dimensions, path)
		if err != nil {
			return nil, err
		}
		points = append(points, LogTimeseriesPoint{Time: t, Dimensions: it.dimensions, Values: it.values})
	}
	return points, nil
}

// pointTime finds the bucket time and removes it from dims.
func pointTime(item *fastjson.Value, dims map[string]string, path string) (time.Time, error) {
	for _, key := range timeDimensions {
		text, ok := dims[key]
		if !ok {
			if v := item.Get(key); v != nil {
				text, ok = valueText(v), true
			}
		}
		if !ok {
			continue
		}
		delete(dims, key)
		return parseBucketTime(text, path)
	}
	return time.Time{}, &DecodeError{Path: path, Reason: `a time series point has no "time" dimension`}
}

func parseBucketTime(text, path string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, text); err == nil {
		return t.UTC(), nil
	}
	if sec, err := strconv.ParseInt(strings.TrimSpace(text), 10, 64); err == nil {
		return time.Unix(sec, 0).UTC(), nil
	}
	return time.Time{}, &DecodeError{Path: path, Reason: fmt.Sprintf("a time series point's time %.40q is neither RFC 3339 nor Unix seconds", text)}
}
