package fastlyapi

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"time"
)

// AlertHistoryPath is the history of Fastly's alerts.
const AlertHistoryPath = "/alerts/history"

// AlertHistoryPageSize is how many entries one page of /alerts/history asks for.
const AlertHistoryPageSize = 100

// Alert statuses of a history entry.
const (
	AlertActive   = "active"
	AlertResolved = "resolved"
)

// AlertHistoryRequest is one page of alert history: entries that start or end in [From, To], of one service or
// none (every service), of one status or "" (both), oldest first.
type AlertHistoryRequest struct {
	ServiceID string
	Status    string
	From, To  time.Time
	Cursor    string // "" for the first page, then the previous page's NextCursor
	Limit     int    // 0 = AlertHistoryPageSize
}

// Params are the request's query parameters.
func (r AlertHistoryRequest) Params() url.Values {
	p := map[string]string{
		"after":  wireTime(r.From),
		"before": wireTime(r.To),
		"limit":  strconv.Itoa(cmp.Or(r.Limit, AlertHistoryPageSize)),
		"sort":   "start",
	}
	for k, v := range map[string]string{"service_id": r.ServiceID, "status": r.Status, "cursor": r.Cursor} {
		if v != "" {
			p[k] = v
		}
	}
	return query(p)
}

// Describe renders the call the way ExecutedQueryString shows it.
func (r AlertHistoryRequest) Describe() string { return DescribeCall(AlertHistoryPath, r.Params()) }

// AlertHistory is one firing of an alert, with a snapshot of its definition.
type AlertHistory struct {
	ID           string
	DefinitionID string
	Definition   AlertDefinition
	Status       string
	Start        time.Time
	End          time.Time // zero while the alert is active
}

// alertHistoryEntry is an AlertHistory as Fastly sends it.
type alertHistoryEntry struct {
	ID           string          `json:"id"`
	DefinitionID string          `json:"definition_id"`
	Definition   AlertDefinition `json:"definition"`
	Status       string          `json:"status"`
	Start        optionalTime    `json:"start"`
	End          optionalTime    `json:"end"`
}

// AlertDefinition is what an alert watches and when it fires.
type AlertDefinition struct {
	ID                 string              `json:"id"`
	ServiceID          string              `json:"service_id"`
	Name               string              `json:"name"`
	Description        string              `json:"description"`
	Source             string              `json:"source"` // stats, origins or domains
	Metric             string              `json:"metric"`
	Dimensions         map[string][]string `json:"dimensions"`
	EvaluationStrategy EvaluationStrategy  `json:"evaluation_strategy"`
}

// EvaluationStrategy is an alert's condition: a type such as above_threshold, a threshold and a period such as 5m.
type EvaluationStrategy struct {
	Type        string   `json:"type"`
	Period      string   `json:"period"`
	Threshold   float64  `json:"threshold"`
	IgnoreBelow *float64 `json:"ignore_below"`
}

// AlertHistoryPage is one page of alert history; NextCursor is "" on the last page.
type AlertHistoryPage struct {
	Entries    []AlertHistory
	NextCursor string
	Total      int
}

// AlertHistoryPage reads one page of alert history.
func (c *Client) AlertHistoryPage(ctx context.Context, r AlertHistoryRequest) (*AlertHistoryPage, error) {
	body, _, err := c.get(ctx, AlertHistoryPath, r.Params())
	if err != nil {
		return nil, err
	}
	return DecodeAlertHistory(body, AlertHistoryPath)
}

// DecodeAlertHistory reads one page of GET /alerts/history. Times are UTC; an end that is null, "" or absent
// stays zero.
func DecodeAlertHistory(body []byte, path string) (*AlertHistoryPage, error) {
	var doc struct {
		Data []alertHistoryEntry `json:"data"`
		Meta struct {
			NextCursor string `json:"next_cursor"`
			Total      int    `json:"total"`
		} `json:"meta"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, &DecodeError{Path: path, Reason: err.Error()}
	}
	page := &AlertHistoryPage{Entries: make([]AlertHistory, len(doc.Data)), NextCursor: doc.Meta.NextCursor, Total: doc.Meta.Total}
	for i, e := range doc.Data {
		page.Entries[i] = AlertHistory{ID: e.ID, DefinitionID: e.DefinitionID, Definition: e.Definition, Status: e.Status,
			Start: e.Start.Time, End: e.End.Time}
	}
	return page, nil
}

// optionalTime is an RFC 3339 time that may be null or "" (zero then), kept in UTC.
type optionalTime struct{ time.Time }

// UnmarshalJSON reads an RFC 3339 string, null or "".
func (t *optionalTime) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) || bytes.Equal(b, []byte(`""`)) {
		t.Time = time.Time{}
		return nil
	}
	var v time.Time
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	t.Time = v.UTC()
	return nil
}
