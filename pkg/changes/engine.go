// Package changes answers the annotation queries: deploys from the event log's version activations (or, when the
// log cannot be read, from the versions' update times), any event-log entry, and Fastly's alert history.
package changes

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"golang.org/x/sync/errgroup"
)

// DefaultMaxPages bounds the pages one listing reads: 10 pages of 100 events or alerts is more marks than a
// graph can show legibly, and keeps a query to a handful of calls per service.
const DefaultMaxPages = 10

// defaultConcurrent is the concurrent calls of one query when Config leaves it unset: the datasource's default
// maxConcurrentCalls, which the plugin always passes.
const defaultConcurrent = 24

// API is the part of Fastly the engine calls.
type API interface {
	EventsPage(ctx context.Context, r fastlyapi.EventsRequest) (*fastlyapi.EventsPage, error)
	AlertHistoryPage(ctx context.Context, r fastlyapi.AlertHistoryRequest) (*fastlyapi.AlertHistoryPage, error)
	Versions(ctx context.Context, serviceID string) ([]fastlyapi.Version, error)
}

// Config tunes the engine; zero values select the defaults.
type Config struct {
	MaxConcurrent int // concurrent Fastly calls of one query (Settings.MaxConcurrentCalls)
	MaxPages      int // pages read per listing before stopping with a notice; default DefaultMaxPages
}

// Engine runs annotation queries.
type Engine struct {
	api API
	cfg Config
}

// NewEngine builds an engine that calls Fastly through api.
func NewEngine(api API, cfg Config) *Engine {
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = defaultConcurrent
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	return &Engine{api: api, cfg: cfg}
}

// Request is the services and time range of an annotation query.
type Request struct {
	Services    []series.Service // the selected services, or every service of the account when AllServices
	AllServices bool             // nothing selected: one listing without a service filter instead of one per service
	From, To    time.Time
	Now         time.Time // where an alert that is still active ends when the range reaches past it; zero = To
}

// MaxListedServices bounds the listings of one annotation query: more selected services than this are read as one
// listing without a service filter (per event type), keeping the selected services' entries, so the calls grow
// with the event types and pages, never with the number of services.
const MaxListedServices = 10

// scopes are the service filters of the request's listings: "" alone for every service (or more than
// MaxListedServices), else one per service.
func (r Request) scopes() []series.Service {
	if r.AllServices || len(r.Services) > MaxListedServices {
		return []series.Service{{}}
	}
	return r.Services
}

// selects tells whether an entry of serviceID belongs to the request: every entry when every service is asked for.
func (r Request) selects(serviceID string) bool {
	return r.AllServices || slices.ContainsFunc(r.Services, func(s series.Service) bool { return s.ID == serviceID })
}

// names maps the request's service ids to their names.
func (r Request) names() serviceNames {
	m := serviceNames{}
	for _, s := range r.Services {
		m[s.ID] = s.Name
	}
	return m
}

// serviceNames names services by id; an id the account list lacks (a deleted service) names itself.
type serviceNames map[string]string

func (n serviceNames) of(id string) string {
	if name, ok := n[id]; ok {
		return name
	}
	return id
}

// inRange reports whether t lies in [from, to] at the second precision of Fastly's times; zero never does.
func inRange(t, from, to time.Time) bool {
	return !t.IsZero() && !t.Before(from.Truncate(time.Second)) && !t.After(to)
}

// listing is what one paginated read gave: its items, its calls, and whether pages were left unread.
type listing[T any] struct {
	items     []T
	calls     []string
	truncated bool
}

// pageOf is one page of a listing: its items, the call that read it, and whether another page follows.
type pageOf[T any] struct {
	items []T
	call  string
	more  bool
}

// readListing reads the pages of one listing from read (pages 1, 2, ...) until there are no more or maxPages were read.
func readListing[T any](ctx context.Context, maxPages int, read func(ctx context.Context, page int) (pageOf[T], error)) (listing[T], error) {
	var l listing[T]
	for page := 1; ; page++ {
		p, err := read(ctx, page)
		if err != nil {
			return l, err
		}
		l.items, l.calls = append(l.items, p.items...), append(l.calls, p.call)
		if !p.more {
			return l, nil
		}
		if page == maxPages {
			l.truncated = true
			return l, nil
		}
	}
}

// capNotice says a listing of source stopped at the page bound: more than the bound of what for scope (every
// service when scope is zero), only the first ones, in order, shown.
func (e *Engine) capNotice(source, what string, scope series.Service, pageSize int, order string) string {
	name := "all services"
	if scope.ID != "" {
		name = scope.Name
	}
	n := e.cfg.MaxPages * pageSize
	return fmt.Sprintf("Fastly's %s has more than %d %s for %s in this range; only the first %d (%s) are shown. "+
		"Narrow the time range or select fewer services.", source, n, what, name, n, order)
}

// forEach runs do for indexes 0..n-1 with at most the configured calls in flight; the first error cancels the rest.
func (e *Engine) forEach(ctx context.Context, n int, do func(ctx context.Context, i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(e.cfg.MaxConcurrent)
	for i := range n {
		g.Go(func() error { return do(gctx, i) })
	}
	return g.Wait()
}
