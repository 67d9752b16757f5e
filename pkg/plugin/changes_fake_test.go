package plugin

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
)

// fakeEvent is one entry of the fake event log.
type fakeEvent struct {
	ID, Type, Service, User, Description string
	Admin                                bool
	At                                   time.Time
	Metadata                             map[string]any
}

// fakeAlert is one entry of the fake alert history.
type fakeAlert struct {
	ID, Service, Name, Status, Metric string
	Start, End                        time.Time // End zero while active
}

// fakeChanges serves /events and /alerts/history with Fastly's filters, pages and shapes from fixed entries, and
// hands every other path to the simulator; its answers do not depend on what the simulator serves there.
type fakeChanges struct {
	sim          http.Handler
	events       []fakeEvent
	alerts       []fakeAlert
	eventsStatus []int // statuses answered by the next /events calls, one each, before the log is served

	mu       sync.Mutex
	requests []string
}

// newChangesSim starts a simulator behind a fakeChanges.
func newChangesSim(t *testing.T, cfg simulator.Config, f *fakeChanges) (*simulator.Simulator, *httptest.Server) {
	t.Helper()
	sim, _ := newSim(t, cfg)
	f.sim = sim
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return sim, srv
}

func (f *fakeChanges) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/events" && r.URL.Path != "/alerts/history" {
		f.sim.ServeHTTP(w, r)
		return
	}
	f.mu.Lock()
	f.requests = append(f.requests, r.URL.Path+"?"+r.URL.RawQuery)
	status := 0
	if r.URL.Path == "/events" && len(f.eventsStatus) > 0 {
		status, f.eventsStatus = f.eventsStatus[0], f.eventsStatus[1:]
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch {
	case r.Header.Get("Fastly-Key") != simToken:
		fastlyError(w, http.StatusUnauthorized, "Provided credentials are missing or invalid")
	case status != 0:
		fastlyError(w, status, "This token may not read the event log")
	case r.URL.Path == "/events":
		_ = json.NewEncoder(w).Encode(f.eventsPage(r))
	default:
		_ = json.NewEncoder(w).Encode(f.alertsPage(r))
	}
}

func (f *fakeChanges) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.requests...)
}

func fastlyError(w http.ResponseWriter, status int, msg string) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"msg": http.StatusText(status), "detail": msg})
}

// eventsPage answers GET /events: filters on type, service and created_at, pages of page[size], links.next.
func (f *fakeChanges) eventsPage(r *http.Request) map[string]any {
	q := r.URL.Query()
	from, _ := time.Parse(time.RFC3339, q.Get("filter[created_at][gte]"))
	to, _ := time.Parse(time.RFC3339, q.Get("filter[created_at][lte]"))
	var match []fakeEvent
	for _, e := range f.events {
		if e.Type == q.Get("filter[event_type]") && (q.Get("filter[service_id]") == "" || e.Service == q.Get("filter[service_id]")) &&
			!e.At.Before(from) && !e.At.After(to) {
			match = append(match, e)
		}
	}
	sort.SliceStable(match, func(i, j int) bool { return match[i].At.Before(match[j].At) })
	page, _ := strconv.Atoi(q.Get("page[number]"))
	size, _ := strconv.Atoi(q.Get("page[size]"))
	start := min((page-1)*size, len(match))
	end := min(start+size, len(match))
	data := []map[string]any{}
	for _, e := range match[start:end] {
		data = append(data, map[string]any{"id": e.ID, "type": "event", "attributes": map[string]any{
			"event_type": e.Type, "description": e.Description, "service_id": e.Service, "user_id": e.User, "admin": e.Admin,
			"created_at": e.At.Format(time.RFC3339), "metadata": e.Metadata, "customer_id": "customer0000000000000", "ip": "192.0.2.1"}})
	}
	links := map[string]any{}
	if end < len(match) {
		links["next"] = "https://api.fastly.com/events?page[number]=" + strconv.Itoa(page+1)
	}
	return map[string]any{"data": data, "links": links, "meta": map[string]any{"current_page": page, "per_page": size,
		"record_count": len(match), "total_pages": (len(match) + size - 1) / size}}
}

// alertsPage answers GET /alerts/history: entries touching [after, before], of service_id and status, by cursor.
func (f *fakeChanges) alertsPage(r *http.Request) map[string]any {
	q := r.URL.Query()
	after, _ := time.Parse(time.RFC3339, q.Get("after"))
	before, _ := time.Parse(time.RFC3339, q.Get("before"))
	var match []fakeAlert
	for _, a := range f.alerts {
		touches := !a.Start.After(before) && (a.End.IsZero() || !a.End.Before(after))
		if touches && (q.Get("service_id") == "" || a.Service == q.Get("service_id")) && (q.Get("status") == "" || a.Status == q.Get("status")) {
			match = append(match, a)
		}
	}
	start, _ := strconv.Atoi(q.Get("cursor"))
	limit, _ := strconv.Atoi(q.Get("limit"))
	end := min(start+limit, len(match))
	data := []map[string]any{}
	for _, a := range match[start:end] {
		var endValue any
		if !a.End.IsZero() {
			endValue = a.End.Format(time.RFC3339)
		}
		data = append(data, map[string]any{"id": a.ID, "object": "history", "definition_id": "def-" + a.ID, "status": a.Status,
			"start": a.Start.Format(time.RFC3339), "end": endValue,
			"definition": map[string]any{"id": "def-" + a.ID, "service_id": a.Service, "name": a.Name, "source": "stats", "metric": a.Metric,
				"dimensions": map[string]any{}, "integration_ids": []string{},
				"evaluation_strategy": map[string]any{"type": "above_threshold", "period": "5m", "threshold": 50}}})
	}
	next := ""
	if end < len(match) {
		next = strconv.Itoa(end)
	}
	return map[string]any{"data": data, "meta": map[string]any{"next_cursor": next, "limit": limit, "sort": "start", "total": len(match)}}
}
