package query

import (
	"encoding/json"
	"strings"
	"time"
)

// UsageBy values of a usage query.
const (
	UsageByRegion  = "region"
	UsageByService = "service"
	UsageByMonth   = "month"
)

// MonthLayout is the format of Usage.Month.
const MonthLayout = "2006-01"

// Usage is a usage and billing query: by region (filtered by the plugin), service or month.
type Usage struct {
	UsageBy       string `json:"usageBy"`       // region (default), service or month
	Month         string `json:"month"`         // YYYY-MM, with usageBy month; default the month of the range end
	Region        string `json:"region"`        // filtered in the plugin (Fastly ignores region= on these endpoints)
	BillableUnits bool   `json:"billableUnits"` // usageBy month only: bandwidth in GB, requests in tens of thousands
}

// ParseUsage decodes and validates a usage query.
func ParseUsage(raw json.RawMessage) (Usage, error) {
	var q Usage
	if len(raw) > 0 {
		if err := decodeModel(raw, "a usage", &q); err != nil {
			return q, err
		}
	}
	q.UsageBy = strings.TrimSpace(q.UsageBy)
	if q.UsageBy == "" {
		q.UsageBy = UsageByRegion
	}
	q.Month = strings.TrimSpace(q.Month)
	q.Region = strings.TrimSpace(q.Region)
	switch q.UsageBy {
	case UsageByRegion, UsageByService, UsageByMonth:
	default:
		return q, invalid("unknown usageBy %q: use region, service or month", q.UsageBy)
	}
	if q.Month != "" {
		if _, err := q.MonthStart(); err != nil {
			return q, err
		}
	}
	if q.Region != "" && !regionPattern.MatchString(q.Region) {
		return q, invalid("invalid region %q: use a stats region such as usa or europe, or leave it empty for all regions", q.Region)
	}
	return q, nil
}

// MonthStart is the first instant (UTC) of the chosen month; zero when no month is set.
func (q Usage) MonthStart() (time.Time, error) {
	if q.Month == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(MonthLayout, q.Month)
	if err != nil {
		return time.Time{}, invalid("invalid month %q: use YYYY-MM, e.g. 2026-03", q.Month)
	}
	return t.UTC(), nil
}
