package simulator

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Page sizes of GET /events: Fastly's default is 20; it documents no maximum, so the simulator caps a page at 100
// records, the size the plugin asks for, to keep one answer small.
const (
	defaultEventPageSize = 20
	maxEventPageSize     = 100
)

// eventsResponse is a JSON:API page of GET /events, with the members in the order Fastly sends them.
type eventsResponse struct {
	Data  []eventJSON `json:"data"`
	Links eventLinks  `json:"links"`
	Meta  eventsMeta  `json:"meta"`
}

type eventJSON struct {
	ID         string          `json:"id"`
	Type       string          `json:"type"`
	Attributes eventAttributes `json:"attributes"`
}

type eventAttributes struct {
	CustomerID  string         `json:"customer_id"`
	Description string         `json:"description"`
	EventType   string         `json:"event_type"`
	IP          string         `json:"ip"`
	Metadata    map[string]any `json:"metadata"`
	ServiceID   string         `json:"service_id"`
	UserID      string         `json:"user_id"`
	CreatedAt   string         `json:"created_at"`
	Admin       bool           `json:"admin"`
}

// eventLinks are absolute URLs carrying the request's filters; Fastly omits the ones that do not apply.
type eventLinks struct {
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	Next  string `json:"next,omitempty"`
	Prev  string `json:"prev,omitempty"`
}

type eventsMeta struct {
	RecordCount int `json:"record_count"`
	CurrentPage int `json:"current_page"`
	TotalPages  int `json:"total_pages"`
	PerPage     int `json:"per_page"`
}

// eventFilter is a parsed GET /events query.
type eventFilter struct {
	eventType, serviceID, customerID, userID string
	from, to                                 time.Time // inclusive bounds on created_at
	newestFirst                              bool
	page, size                               int
}

// serveEvents answers GET /events: the account event log, filtered, sorted by created_at and paged like Fastly's.
func (s *Simulator) serveEvents(w http.ResponseWriter, r *http.Request) {
	f, err := parseEventFilter(r.URL.Query())
	if err != nil {
		writeJSONAPIError(w, http.StatusBadRequest, err.Error())
		return
	}
	events := s.filteredEvents(f, s.now())
	totalPages := (len(events) + f.size - 1) / f.size
	first := len(events) // a page past the end, however large its number, is empty
	if f.page-1 < totalPages {
		first = (f.page - 1) * f.size
	}
	page := events[first:min(first+f.size, len(events))]
	resp := eventsResponse{
		Data:  make([]eventJSON, len(page)),
		Links: eventPageLinks(r, f.page, f.size, totalPages),
		Meta:  eventsMeta{RecordCount: len(events), CurrentPage: f.page, TotalPages: totalPages, PerPage: f.size},
	}
	for i, e := range page {
		resp.Data[i] = e.json()
	}
	writeJSONAPI(w, http.StatusOK, resp)
}

func (e accountEvent) json() eventJSON {
	return eventJSON{ID: e.id, Type: "event", Attributes: eventAttributes{
		CustomerID: customerID, Description: e.description, EventType: e.eventType, IP: eventIP + ", " + eventIP,
		Metadata: e.metadata, ServiceID: e.serviceID, UserID: e.userID, CreatedAt: formatTime(e.created), Admin: e.admin,
	}}
}

// filteredEvents returns the events f selects, in f's order; they number at most a few per version and two purges a
// day of each selected service's life, so a page is cut from a list bounded by the model, not by the request.
func (s *Simulator) filteredEvents(f eventFilter, now time.Time) []accountEvent {
	if f.customerID != "" && f.customerID != customerID {
		return nil
	}
	var events []accountEvent
	for i, svc := range s.services {
		if f.serviceID != "" && f.serviceID != svc.ID {
			continue
		}
		for _, e := range s.serviceEvents(i, now, f.from, f.to) {
			if (f.eventType == "" || e.eventType == f.eventType) && (f.userID == "" || e.userID == f.userID) {
				events = append(events, e)
			}
		}
	}
	sort.SliceStable(events, func(a, b int) bool {
		ea, eb := events[a], events[b]
		if !ea.created.Equal(eb.created) {
			return ea.created.Before(eb.created) != f.newestFirst
		}
		return ea.id < eb.id
	})
	return events
}

// farFuture bounds an open-ended created_at range.
var farFuture = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

func parseEventFilter(q url.Values) (eventFilter, error) {
	f := eventFilter{
		eventType: q.Get("filter[event_type]"), serviceID: q.Get("filter[service_id]"),
		customerID: q.Get("filter[customer_id]"), userID: q.Get("filter[user_id]"),
		to: farFuture, page: 1, size: defaultEventPageSize,
	}
	if err := parseCreatedAt(q, &f); err != nil {
		return f, err
	}
	switch q.Get("sort") {
	case "", "created_at":
	case "-created_at":
		f.newestFirst = true
	default:
		return f, fmt.Errorf("invalid sort %q: use created_at or -created_at", q.Get("sort"))
	}
	var err error
	if f.page, err = pageParam(q, "page[number]", 1); err != nil {
		return f, err
	}
	if f.size, err = pageParam(q, "page[size]", defaultEventPageSize); err != nil {
		return f, err
	}
	f.size = min(f.size, maxEventPageSize)
	return f, nil
}

// parseCreatedAt reads filter[created_at][gte|gt|lte|lt]; a bare filter[created_at] is ignored.
func parseCreatedAt(q url.Values, f *eventFilter) error {
	bounds := []struct {
		key   string
		apply func(time.Time)
	}{
		{"filter[created_at][gte]", func(t time.Time) { f.from = later(f.from, t) }},
		{"filter[created_at][gt]", func(t time.Time) { f.from = later(f.from, t.Add(time.Second)) }},
		{"filter[created_at][lte]", func(t time.Time) { f.to = earlier(f.to, t) }},
		{"filter[created_at][lt]", func(t time.Time) { f.to = earlier(f.to, t.Add(-time.Second)) }},
	}
	for _, b := range bounds {
		value := q.Get(b.key)
		if value == "" {
			continue
		}
		t, err := parseEventTime(value)
		if err != nil {
			return fmt.Errorf("invalid %s %q: expected an ISO 8601 date or date-time", b.key, value)
		}
		b.apply(t)
	}
	return nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func earlier(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func parseEventTime(value string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, value); err == nil {
		return t.UTC(), nil
	}
	return time.Parse(time.DateOnly, value)
}

func pageParam(q url.Values, key string, fallback int) (int, error) {
	value := q.Get(key)
	if value == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("invalid %s %q: expected a positive integer", key, value)
	}
	return n, nil
}

// eventPageLinks mirrors Fastly's links: next and last while pages remain, prev and first after the first page.
func eventPageLinks(r *http.Request, page, size, totalPages int) eventLinks {
	var links eventLinks
	if page < totalPages {
		links.Next = eventPageURL(r, page+1, size)
		links.Last = eventPageURL(r, totalPages, size)
	}
	if page > 1 {
		links.Prev = eventPageURL(r, min(page-1, max(totalPages, 1)), size)
		links.First = eventPageURL(r, 1, size)
	}
	return links
}

// eventPageURL is the absolute URL of another page, filters kept, with brackets unescaped the way Fastly writes them.
func eventPageURL(r *http.Request, page, size int) string {
	q := r.URL.Query()
	q.Set("page[number]", strconv.Itoa(page))
	q.Set("page[size]", strconv.Itoa(size))
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, k+"="+url.QueryEscape(v))
		}
	}
	return absoluteURL(r, strings.Join(parts, "&"))
}

// jsonAPIError is one member of a JSON:API errors array.
type jsonAPIError struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
}

func writeJSONAPI(w http.ResponseWriter, status int, body any) {
	writeJSONAs(w, "application/vnd.api+json", status, body)
}

func writeJSONAPIError(w http.ResponseWriter, status int, detail string) {
	writeJSONAPI(w, status, map[string][]jsonAPIError{"errors": {{Title: http.StatusText(status), Detail: detail}}})
}
