package fastlyapi

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// InsightsDefaultLimit is the number of rows asked for when a request names none (Fastly's own default).
const InsightsDefaultLimit = 10

// InsightsRequest is one /observability/log-insights call: one ranked list of one visualization.
type InsightsRequest struct {
	ServiceID, Visualization string
	Start, End               time.Time // start inclusive, end exclusive
	Pops                     []string  // POP codes; empty = all
	Domain                   string    // "" = every domain
	DomainExactMatch         bool      // false: Domain matches as a suffix
	Limit                    int       // rows; 0 = InsightsDefaultLimit
}

// Path is the API path the request calls.
func (r InsightsRequest) Path() string { return LogInsightsPath }

// Params are the query parameters the request sends; limit is always sent because the spec and the live API
// disagree on its default.
func (r InsightsRequest) Params() url.Values {
	p := url.Values{}
	p.Set("service_id", r.ServiceID)
	p.Set("visualization", r.Visualization)
	p.Set("start", wireTime(r.Start))
	p.Set("end", wireTime(r.End))
	p.Set("limit", strconv.Itoa(orDefault(r.Limit, InsightsDefaultLimit)))
	addList(p, "pops", r.Pops)
	if r.Domain != "" {
		p.Set("domain", r.Domain)
		p.Set("domain_exact_match", strconv.FormatBool(r.DomainExactMatch))
	}
	return p
}

// String renders the call for ExecutedQueryString.
func (r InsightsRequest) String() string { return DescribeCall(r.Path(), r.Params()) }

// InsightsRow is one ranked row: its dimension, the dimension's attributes and its values, as Fastly sent them
// (numbers float64, text string). The dimension key status-code is normalised to status_code; a values object is
// a list of one.
type InsightsRow struct {
	Dimensions, Attributes map[string]any
	Values                 []map[string]any
}

// LogInsights fetches one visualization; data null (no rows, or no product) is nil, nil.
func (c *Client) LogInsights(ctx context.Context, r InsightsRequest) ([]InsightsRow, error) {
	body, _, err := c.get(ctx, r.Path(), r.Params())
	if err != nil {
		return nil, err
	}
	return DecodeLogInsights(body, r.Path())
}

type insightsItem struct {
	Dimensions map[string]any  `json:"dimensions"`
	Attributes map[string]any  `json:"dimension_attributes"`
	Values     json.RawMessage `json:"values"`
}

// DecodeLogInsights decodes a Log Insights answer in its spec and live shapes.
func DecodeLogInsights(body []byte, path string) ([]InsightsRow, error) {
	var items []insightsItem
	if err := decodeData(body, path, &items); err != nil || items == nil {
		return nil, err
	}
	rows := make([]InsightsRow, 0, len(items))
	for _, it := range items {
		values, err := valuesList(it.Values, path)
		if err != nil {
			return nil, err
		}
		rows = append(rows, InsightsRow{Dimensions: statusCodeKey(it.Dimensions), Attributes: it.Attributes, Values: values})
	}
	return rows, nil
}

// statusCodeKey renames the spec's status-code dimension to the live API's status_code.
func statusCodeKey(dims map[string]any) map[string]any {
	if v, ok := dims["status-code"]; ok {
		if _, live := dims["status_code"]; !live {
			dims["status_code"] = v
		}
		delete(dims, "status-code")
	}
	return dims
}

// valuesList reads values sent as a list of objects or as one object; null or absent is no values.
func valuesList(raw json.RawMessage, path string) ([]map[string]any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	if raw[0] == '{' {
		var one map[string]any
		if err := json.Unmarshal(raw, &one); err != nil {
			return nil, &DecodeError{Path: path, Reason: `"values": ` + err.Error()}
		}
		return []map[string]any{one}, nil
	}
	var list []map[string]any
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, &DecodeError{Path: path, Reason: `"values" is neither an object nor a list of objects: ` + err.Error()}
	}
	return list, nil
}

// decodeData unmarshals the "data" member of an answer into dst; data null leaves dst untouched, a missing data
// member or a body that is not a JSON object is a DecodeError.
func decodeData(body []byte, path string, dst any) error {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return &DecodeError{Path: path, Reason: "invalid JSON: " + err.Error()}
	}
	if len(env.Data) == 0 {
		return &DecodeError{Path: path, Reason: `no "data" in the answer`}
	}
	if bytes.Equal(env.Data, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(env.Data, dst); err != nil {
		return &DecodeError{Path: path, Reason: `"data": ` + err.Error()}
	}
	return nil
}

// orDefault is n, or def when n is not positive.
func orDefault(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}
