package fastlyapi

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// Usage paths.
const (
	UsagePath          = "/stats/usage"
	UsageByServicePath = "/stats/usage_by_service"
	UsageByMonthPath   = "/stats/usage_by_month"
)

// Usage is one usage entry. With billable units (usage_by_month only) bandwidth is in GB and requests in tens
// of thousands, hence floats.
type Usage struct {
	Bandwidth       float64 `json:"bandwidth"`
	Requests        float64 `json:"requests"`
	ComputeRequests float64 `json:"compute_requests"`
}

// Add adds o to u.
func (u *Usage) Add(o Usage) {
	u.Bandwidth += o.Bandwidth
	u.Requests += o.Requests
	u.ComputeRequests += o.ComputeRequests
}

// UsageRange is the [From, To] of /stats/usage and /stats/usage_by_service, sent as Unix seconds. Region is not
// sent: Fastly ignores it on these endpoints and answers every region.
type UsageRange struct{ From, To time.Time }

// Params are the query parameters of the range.
func (r UsageRange) Params() map[string]string {
	return map[string]string{"from": strconv.FormatInt(r.From.Unix(), 10), "to": strconv.FormatInt(r.To.Unix(), 10)}
}

// MonthRequest selects one calendar month of /stats/usage_by_month.
type MonthRequest struct {
	Year, Month   int
	BillableUnits bool
}

// Params are the query parameters of the month.
func (r MonthRequest) Params() map[string]string {
	p := map[string]string{"year": fmt.Sprintf("%04d", r.Year), "month": fmt.Sprintf("%02d", r.Month)}
	if r.BillableUnits {
		p["billable_units"] = "true"
	}
	return p
}

// MonthUsage is the data of /stats/usage_by_month.
type MonthUsage struct {
	CustomerID string
	Services   map[string]ServiceMonthUsage // by service id
	Total      map[string]Usage             // by region
}

// ServiceMonthUsage is one service's month: its name and usage by region.
type ServiceMonthUsage struct {
	Name    string
	Regions map[string]Usage
}

// Describe renders the call of the range on path (UsagePath or UsageByServicePath) for ExecutedQueryString.
func (r UsageRange) Describe(path string) string { return DescribeCall(path, query(r.Params())) }

// String renders the month's call for ExecutedQueryString.
func (r MonthRequest) String() string { return DescribeCall(UsageByMonthPath, query(r.Params())) }

// Usage returns region → usage summed over all services for the range.
func (c *Client) Usage(ctx context.Context, r UsageRange) (map[string]Usage, error) {
	var data map[string]Usage
	if err := c.getUsage(ctx, UsagePath, r.Params(), &data); err != nil {
		return nil, err
	}
	return data, nil
}

// UsageByService returns region → service id → usage for the range.
func (c *Client) UsageByService(ctx context.Context, r UsageRange) (map[string]map[string]Usage, error) {
	var data map[string]map[string]Usage
	if err := c.getUsage(ctx, UsageByServicePath, r.Params(), &data); err != nil {
		return nil, err
	}
	return data, nil
}

// UsageByMonth returns one month's usage per service and in total.
func (c *Client) UsageByMonth(ctx context.Context, r MonthRequest) (*MonthUsage, error) {
	body, _, err := c.get(ctx, UsageByMonthPath, query(r.Params()))
	if err != nil {
		return nil, err
	}
	return DecodeMonthUsage(body, UsageByMonthPath)
}

func (c *Client) getUsage(ctx context.Context, path string, params map[string]string, dst any) error {
	body, _, err := c.get(ctx, path, query(params))
	if err != nil {
		return err
	}
	return DecodeEnvelope(body, path, dst)
}

// DecodeMonthUsage reads /stats/usage_by_month: {customer_id, services: {sid: {name, <region>: usage}}, total: {<region>: usage}}.
func DecodeMonthUsage(body []byte, path string) (*MonthUsage, error) {
	var raw struct {
		CustomerID string                                `json:"customer_id"`
		Services   map[string]map[string]json.RawMessage `json:"services"`
		Total      map[string]Usage                      `json:"total"`
	}
	if err := DecodeEnvelope(body, path, &raw); err != nil {
		return nil, err
	}
	out := &MonthUsage{CustomerID: raw.CustomerID, Services: map[string]ServiceMonthUsage{}, Total: raw.Total}
	for id, entry := range raw.Services {
		s := ServiceMonthUsage{Regions: map[string]Usage{}}
		for key, value := range entry {
			if key == "name" {
				if err := json.Unmarshal(value, &s.Name); err != nil {
					return nil, &DecodeError{Path: path, Reason: fmt.Sprintf("services.%s.name: %v", id, err)}
				}
				continue
			}
			var u Usage
			if err := json.Unmarshal(value, &u); err != nil {
				return nil, &DecodeError{Path: path, Reason: fmt.Sprintf("services.%s.%s: %v", id, key, err)}
			}
			s.Regions[key] = u
		}
		out.Services[id] = s
	}
	return out, nil
}
