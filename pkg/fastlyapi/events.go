package fastlyapi

import (
	"cmp"
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// EventsPath is the account event log.
const EventsPath = "/events"

// EventsPageSize is how many events one page of /events asks for (Fastly's default is 20).
const EventsPageSize = 100

// EventsRequest is one page of the event log: one event type, one service or none (every service), a time range.
type EventsRequest struct {
	EventType string
	ServiceID string // "" = every service of the account
	From, To  time.Time
	Page      int // 1-based; 0 is taken as 1 so that no call ever means "every page"
	PageSize  int // 0 = EventsPageSize
}

// Params are the request's query parameters: the filters, page number and page size.
func (r EventsRequest) Params() url.Values {
	p := map[string]string{
		"filter[event_type]":      r.EventType,
		"filter[created_at][gte]": wireTime(r.From),
		"filter[created_at][lte]": wireTime(r.To),
		"page[number]":            strconv.Itoa(max(r.Page, 1)),
		"page[size]":              strconv.Itoa(cmp.Or(r.PageSize, EventsPageSize)),
	}
	if r.ServiceID != "" {
		p["filter[service_id]"] = r.ServiceID
	}
	return query(p)
}

// Describe renders the call the way ExecutedQueryString shows it.
func (r EventsRequest) Describe() string { return DescribeCall(EventsPath, r.Params()) }

// Event is one entry of the account event log.
type Event struct {
	ID          string
	EventType   string
	Description string
	ServiceID   string // "" for account events
	UserID      string
	Admin       bool // performed by Fastly staff
	CreatedAt   time.Time
	Metadata    map[string]any
}

// EventsPage is one page of the event log; More tells whether Fastly has a next page.
type EventsPage struct {
	Events     []Event
	More       bool
	TotalPages int
}

// EventsPage reads one page of the event log with the request's filters.
func (c *Client) EventsPage(ctx context.Context, r EventsRequest) (*EventsPage, error) {
	body, _, err := c.get(ctx, EventsPath, r.Params())
	if err != nil {
		return nil, err
	}
	return DecodeEvents(body, EventsPath)
}

// eventsDocument is the JSON:API answer of GET /events.
type eventsDocument struct {
	Data  []eventResource `json:"data"`
	Links struct {
		Next *string `json:"next"`
	} `json:"links"`
	Meta struct {
		TotalPages int `json:"total_pages"`
	} `json:"meta"`
}

type eventResource struct {
	ID         string `json:"id"`
	Attributes struct {
		EventType   string         `json:"event_type"`
		Description string         `json:"description"`
		ServiceID   *string        `json:"service_id"`
		UserID      *string        `json:"user_id"`
		Admin       bool           `json:"admin"`
		CreatedAt   time.Time      `json:"created_at"`
		Metadata    map[string]any `json:"metadata"`
	} `json:"attributes"`
}

// DecodeEvents reads one page of GET /events (JSON:API: data[].attributes, links.next, meta). Times are UTC.
func DecodeEvents(body []byte, path string) (*EventsPage, error) {
	var doc eventsDocument
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, &DecodeError{Path: path, Reason: err.Error()}
	}
	page := &EventsPage{Events: make([]Event, len(doc.Data)), TotalPages: doc.Meta.TotalPages}
	page.More = doc.Links.Next != nil && *doc.Links.Next != ""
	for i, d := range doc.Data {
		a := d.Attributes
		page.Events[i] = Event{ID: d.ID, EventType: a.EventType, Description: a.Description, ServiceID: deref(a.ServiceID),
			UserID: deref(a.UserID), Admin: a.Admin, CreatedAt: a.CreatedAt.UTC(), Metadata: a.Metadata}
	}
	return page, nil
}

// versionInDescription finds the version number Fastly writes into descriptions ("… on Version '63'").
var versionInDescription = regexp.MustCompile(`(?i)\bversion '?(\d+)'?`)

// versionKeys are the metadata keys that may carry the activated version number.
var versionKeys = []string{"version", "version_number", "number"}

// Version is the service version an event is about: from its metadata where a version key holds a number, else
// from the description text; false when neither names one.
func (e Event) Version() (int, bool) {
	for _, k := range versionKeys {
		if n, ok := wholeNumber(e.Metadata[k]); ok {
			return n, true
		}
	}
	if m := versionInDescription.FindStringSubmatch(e.Description); m != nil {
		n, err := strconv.Atoi(m[1])
		return n, err == nil && n > 0
	}
	return 0, false
}

// wholeNumber reads a positive whole number given as a JSON number or a string of digits.
func wholeNumber(v any) (int, bool) {
	switch x := v.(type) {
	case float64:
		if x > 0 && x == float64(int(x)) {
			return int(x), true
		}
	case string:
		if n, err := strconv.Atoi(strings.TrimSpace(x)); err == nil && n > 0 {
			return n, true
		}
	}
	return 0, false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
