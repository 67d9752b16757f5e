package fastlyapi

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// StatsRequest is one Historical Stats call.
type StatsRequest struct {
	ServiceID string   // set: /stats/service/{id}[/field/{f}]; empty: /stats or /stats/field/{f}
	Field     string   // set: only this field (/field/{f})
	Services  []string // with neither ServiceID nor Field: the services= filter of /stats
	Fields    []string // fields to decode from the rows; with Field set it must be exactly [Field]
	From, To  time.Time
	By        string // minute, hour or day
	Region    string // "" = all regions
}

// Path is the API path the request calls.
func (r StatsRequest) Path() string {
	var b strings.Builder
	b.WriteString("/stats")
	if r.ServiceID != "" {
		b.WriteString("/service/" + pathEscape(r.ServiceID))
	}
	if r.Field != "" {
		b.WriteString("/field/" + pathEscape(r.Field))
	}
	return b.String()
}

// Params are the query parameters the request sends.
func (r StatsRequest) Params() map[string]string {
	p := map[string]string{
		"from": strconv.FormatInt(r.From.Unix(), 10),
		"to":   strconv.FormatInt(r.To.Unix(), 10),
		"by":   r.By,
	}
	if r.Region != "" {
		p["region"] = r.Region
	}
	if r.ServiceID == "" && r.Field == "" && len(r.Services) > 0 {
		p["services"] = strings.Join(r.Services, ",")
	}
	return p
}

// String renders the call for ExecutedQueryString.
func (r StatsRequest) String() string { return DescribeCall(r.Path(), query(r.Params())) }

// Rows holds the decoded buckets of one service, column by column.
type Rows struct {
	Start  []int64     // bucket start, Unix seconds
	Values [][]float64 // Values[i][j]: field i of StatsResult.Fields at bucket j; NaN where Fastly sent null
}

// StatsResult is a decoded Historical Stats answer.
type StatsResult struct {
	Fields    []string
	ByService map[string]*Rows
}

// Stats performs one Historical Stats call and decodes the requested fields.
func (c *Client) Stats(ctx context.Context, r StatsRequest) (*StatsResult, error) {
	body, _, err := c.get(ctx, r.Path(), query(r.Params()))
	if err != nil {
		return nil, err
	}
	return DecodeStats(body, r.Path(), r.Fields, r.ServiceID)
}
