// Package inspector answers Origin Inspector and Domain Inspector queries from their historical APIs: it checks
// the add-on is enabled, reads every page of series, places them on the stats bucket grid and computes metrics.
package inspector

import (
	"context"
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/internal/ttlcache"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"golang.org/x/sync/errgroup"
)

// maxMetricsPerCall is how many metrics one call asks for ("up to ten metrics are accepted").
const maxMetricsPerCall = 10

// API is the part of Fastly the engine calls.
type API interface {
	InspectorPage(ctx context.Context, r fastlyapi.InspectorRequest) (*fastlyapi.InspectorPage, error)
	InspectorEnabled(ctx context.Context, p fastlyapi.Product, serviceID string) (bool, error)
}

// Config tunes the engine; zero values select the defaults.
type Config struct {
	MaxPages      int              // pages read per listing before stopping with a notice (Settings.InspectorMaxPages)
	PageSize      int              // series per page; default fastlyapi.InspectorPageLimit
	MaxConcurrent int              // concurrent listings of one query; default 4
	Now           func() time.Time // clock of the enablement cache; default time.Now
}

// Engine runs inspector queries.
type Engine struct {
	api     API
	cfg     Config
	enabled *ttlcache.Cache[enablementKey, bool]
}

// NewEngine builds an engine that calls Fastly through api.
func NewEngine(api API, cfg Config) *Engine {
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = 50
	}
	if cfg.PageSize <= 0 {
		cfg.PageSize = fastlyapi.InspectorPageLimit
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 4
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Engine{api: api, cfg: cfg, enabled: newEnablementCache(api, cfg.Now)}
}

// Request is a validated inspector query with its services and granularity resolved.
type Request struct {
	Query       query.Inspector
	Services    []series.Service
	Granularity query.Granularity
	From, To    time.Time
	Now         time.Time
}

// Product is the add-on the request reads.
func (r Request) Product() fastlyapi.Product {
	if r.Query.Type == query.TypeDomains {
		return fastlyapi.DomainInspector
	}
	return fastlyapi.OriginInspector
}

// Result is the answer to one inspector query: one series per metric and group (service and grouped dimensions:
// host or domain, datacenter, region, source); the latency histogram has Buckets instead of Values.
type Result struct {
	series.Result
	Product fastlyapi.Product
	Step    time.Duration
}

// NotEnabledError says the add-on is not enabled for a service.
type NotEnabledError struct {
	Product fastlyapi.Product
	Service series.Service
}

func (e *NotEnabledError) Error() string {
	return fmt.Sprintf("%s is not enabled for service %s (%s): it is a paid add-on enabled per service in Fastly; enable it there or choose a service that has it",
		e.Product.Title(), e.Service.Name, e.Service.ID)
}

// Run checks every service has the add-on, reads all pages of every listing and builds the series.
func (e *Engine) Run(ctx context.Context, r Request) (*Result, error) {
	if err := e.checkEnabled(ctx, r.Product(), r.Services); err != nil {
		return nil, err
	}
	fields := newFieldPlan(r.Query)
	listings := planListings(r, fields, e.cfg.PageSize)
	outcomes, err := e.readAll(ctx, listings)
	if err != nil {
		return nil, err
	}
	table := newGroupTable(r, fields)
	res := &Result{Product: r.Product()}
	for i, o := range outcomes {
		table.add(listings[i].service, o.series, listings[i].request.Metrics)
		res.Calls = append(res.Calls, o.calls...)
		if o.truncated {
			res.Notices = append(res.Notices, series.Warn(e.capNotice(listings[i])))
		}
	}
	grid, notices := series.NewGrid(r.Granularity, r.From, r.To, r.Now, table.frontier)
	res.Step, res.Times, res.Notices = grid.Step(), grid.Times(), append(res.Notices, notices...)
	res.Services = len(r.Services)
	res.Series = buildSeries(r, fields, table, grid)
	return res, nil
}

func (e *Engine) checkEnabled(ctx context.Context, p fastlyapi.Product, services []series.Service) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(e.cfg.MaxConcurrent)
	for _, s := range services {
		g.Go(func() error {
			ok, err := e.isEnabled(ctx, p, s.ID)
			if err == nil && !ok {
				err = &NotEnabledError{Product: p, Service: s}
			}
			return err
		})
	}
	return g.Wait()
}

func (e *Engine) isEnabled(ctx context.Context, p fastlyapi.Product, serviceID string) (bool, error) {
	return e.enabled.Get(ctx, enablementKey{product: p, serviceID: serviceID}, false)
}

func (e *Engine) capNotice(l listing) string {
	return fmt.Sprintf("Fastly had more than %d pages of %s series for %s; only the first %d pages (%d series each) are shown. "+
		"Filter or group by fewer dimensions, or raise the inspector page limit in the datasource settings.",
		e.cfg.MaxPages, l.request.Product.Title(), l.service.Name, e.cfg.MaxPages, e.cfg.PageSize)
}

// listing is one paginated read: one service and one chunk of at most ten metrics.
type listing struct {
	service series.Service
	request fastlyapi.InspectorRequest
}

// outcome is every series a listing returned, the calls made and whether the page cap stopped it.
type outcome struct {
	series    []fastlyapi.InspectorSeries
	calls     []string
	truncated bool
}

func planListings(r Request, fields fieldPlan, pageSize int) []listing {
	base := fastlyapi.InspectorRequest{
		Product: r.Product(), Start: r.From, End: r.To, Downsample: string(r.Granularity),
		GroupBy: fields.apiGroupBy, Names: r.Query.Names(), POPs: r.Query.POPs,
		Regions: r.Query.Regions, Limit: pageSize,
	}
	var out []listing
	for _, s := range r.Services {
		for start := 0; start < len(fields.wire); start += maxMetricsPerCall {
			req := base
			req.ServiceID = s.ID
			req.Metrics = fields.wire[start:min(start+maxMetricsPerCall, len(fields.wire))]
			out = append(out, listing{service: s, request: req})
		}
	}
	return out
}

func (e *Engine) readAll(ctx context.Context, listings []listing) ([]outcome, error) {
	outcomes := make([]outcome, len(listings))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(e.cfg.MaxConcurrent)
	for i, l := range listings {
		g.Go(func() error {
			o, err := e.readListing(ctx, l.request)
			outcomes[i] = o
			return err
		})
	}
	return outcomes, g.Wait()
}

// readListing follows next_cursor through every page, up to the page cap.
func (e *Engine) readListing(ctx context.Context, req fastlyapi.InspectorRequest) (outcome, error) {
	var o outcome
	for page := 0; ; page++ {
		if page == e.cfg.MaxPages {
			o.truncated = true
			return o, nil
		}
		o.calls = append(o.calls, req.String())
		p, err := e.api.InspectorPage(ctx, req)
		if err != nil {
			return o, err
		}
		o.series = append(o.series, p.Series...)
		if p.NextCursor == "" {
			return o, nil
		}
		req.Cursor = p.NextCursor
	}
}
