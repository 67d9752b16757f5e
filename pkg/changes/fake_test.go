package changes

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// fakeAPI is an account's event log, alert history and versions, answering with Fastly's filters and pages.
type fakeAPI struct {
	events   []fastlyapi.Event
	alerts   []fastlyapi.AlertHistory
	versions map[string][]fastlyapi.Version

	eventsErr error // answered by every EventsPage call when set
	alertsErr error

	mu            sync.Mutex
	eventRequests []fastlyapi.EventsRequest
	alertRequests []fastlyapi.AlertHistoryRequest
	versionCalls  []string
	inFlight      int
	maxInFlight   int
	gate          chan struct{} // when set, every call waits in flight for it to close
}

var _ API = (*fakeAPI)(nil)

func (f *fakeAPI) enter() func() {
	f.mu.Lock()
	f.inFlight++
	f.maxInFlight = max(f.maxInFlight, f.inFlight)
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
	return func() {
		f.mu.Lock()
		f.inFlight--
		f.mu.Unlock()
	}
}

// callsInFlight is the number of calls entered and not yet returned.
func (f *fakeAPI) callsInFlight() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.inFlight
}

func (f *fakeAPI) EventsPage(_ context.Context, r fastlyapi.EventsRequest) (*fastlyapi.EventsPage, error) {
	defer f.enter()()
	f.mu.Lock()
	f.eventRequests = append(f.eventRequests, r)
	f.mu.Unlock()
	if f.eventsErr != nil {
		return nil, f.eventsErr
	}
	var match []fastlyapi.Event
	from, to := r.From.Truncate(time.Second), r.To.Truncate(time.Second)
	for _, e := range f.events {
		if e.EventType == r.EventType && (r.ServiceID == "" || e.ServiceID == r.ServiceID) &&
			!e.CreatedAt.Before(from) && !e.CreatedAt.After(to) {
			match = append(match, e)
		}
	}
	size := r.PageSize
	if size == 0 {
		size = fastlyapi.EventsPageSize
	}
	start := min((max(r.Page, 1)-1)*size, len(match))
	end := min(start+size, len(match))
	return &fastlyapi.EventsPage{Events: match[start:end], More: end < len(match), TotalPages: (len(match) + size - 1) / size}, nil
}

func (f *fakeAPI) AlertHistoryPage(_ context.Context, r fastlyapi.AlertHistoryRequest) (*fastlyapi.AlertHistoryPage, error) {
	defer f.enter()()
	f.mu.Lock()
	f.alertRequests = append(f.alertRequests, r)
	f.mu.Unlock()
	if f.alertsErr != nil {
		return nil, f.alertsErr
	}
	var match []fastlyapi.AlertHistory
	for _, h := range f.alerts {
		touches := !h.Start.After(r.To) && (h.End.IsZero() || !h.End.Before(r.From))
		if touches && (r.ServiceID == "" || h.Definition.ServiceID == r.ServiceID) && (r.Status == "" || h.Status == r.Status) {
			match = append(match, h)
		}
	}
	start := 0
	if r.Cursor != "" {
		start, _ = strconv.Atoi(r.Cursor)
	}
	end := min(start+fastlyapi.AlertHistoryPageSize, len(match))
	page := &fastlyapi.AlertHistoryPage{Entries: match[start:end], Total: len(match)}
	if end < len(match) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

func (f *fakeAPI) Versions(_ context.Context, serviceID string) ([]fastlyapi.Version, error) {
	defer f.enter()()
	f.mu.Lock()
	f.versionCalls = append(f.versionCalls, serviceID)
	f.mu.Unlock()
	return f.versions[serviceID], nil
}
