// Package stats answers Historical Stats queries: it plans the Fastly calls, merges their rows onto a bucket grid
// and computes the requested metrics per series.
package stats

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"golang.org/x/sync/errgroup"
)

// Fetcher is the Fastly call the engine makes.
type Fetcher interface {
	Stats(ctx context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error)
}

// Service is a selected service with its display name.
type Service struct {
	ID   string
	Name string
}

// Request is a validated stats query with its services and granularity resolved.
type Request struct {
	Query       query.Stats
	Services    []Service // the services to chart, in display order
	AllServices bool      // the user selected no service, meaning every service
	Granularity query.Granularity
	From, To    time.Time
	Now         time.Time
	FromAlert   bool       // an alert rule asks: cached buckets Fastly may still complete are fetched again
	Tail        TailSource // fills the unpublished tail from real-time data; nil leaves it empty
}

// Series is one metric of one service (or of the sum of the services) on the result's time grid.
type Series struct {
	Service Service // zero for the sum over services
	Metric  metrics.Metric
	Unit    string
	Values  []*float64 // nil = no value
}

// Result is the answer to one stats query.
type Result struct {
	Step    time.Duration
	Times   []time.Time
	Series  []Series
	Calls   []string // the Fastly calls made, as ExecutedQueryString shows them
	Notices []string
	// Provisional is set when buckets after the newest published one were filled from real-time data.
	Provisional *Provisional
}

// Options tune an engine; zero values select the defaults.
type Options struct {
	CacheBytes         int64 // bound of the finished-bucket cache; 0 disables it
	MaxConcurrentCalls int   // Fastly calls in flight across all queries; default 8
}

const defaultConcurrentCalls = 8

// Engine runs stats queries against Fastly; one engine serves every query of a datasource.
type Engine struct {
	upstream *upstream
	cache    *bucketCache
}

// NewEngine builds an engine that calls Fastly through f.
func NewEngine(f Fetcher, o Options) *Engine {
	if o.MaxConcurrentCalls <= 0 {
		o.MaxConcurrentCalls = defaultConcurrentCalls
	}
	e := &Engine{upstream: newUpstream(f, o.MaxConcurrentCalls)}
	if o.CacheBytes > 0 {
		e.cache = newBucketCache(o.CacheBytes)
	}
	return e
}

// Close drops the cached buckets.
func (e *Engine) Close() { e.cache.clear() }

// Run reads what the cache knows, fetches the rest concurrently and builds the series.
func (e *Engine) Run(ctx context.Context, r Request) (*Result, error) {
	fields := inputFields(r.Query.Metrics)
	w := newWindow(r)
	known := e.readCache(r, fields, w)
	sets := known.missing(r, fields, w)
	fetched, err := e.fetchSets(ctx, r, sets)
	if err != nil {
		return nil, err
	}
	table := newRowTable(fields, r.Services)
	known.fill(&table, w)
	var calls []string
	for i, f := range fetched {
		e.store(r, w, sets[i], f)
		for j, res := range f.results {
			table.add(res, f.calls[j].Fields)
			calls = append(calls, f.calls[j].String())
		}
	}
	provisional := stitch(ctx, r, fields, &table, w)
	grid, notices := buildGrid(r, table.frontier)
	res := &Result{Step: grid.step, Times: grid.times(), Notices: notices, Calls: calls, Provisional: provisional}
	provisional.describe(res, r.Granularity)
	res.Series = applyTopN(r.Query, buildSeries(r, fields, table, grid))
	return res, nil
}

// fetched is the answers to the calls of one fetch set.
type fetched struct {
	calls   []fastlyapi.StatsRequest
	results []*fastlyapi.StatsResult
}

// fetchSets plans every set and makes all their calls concurrently.
func (e *Engine) fetchSets(ctx context.Context, r Request, sets []fetchSet) ([]fetched, error) {
	out := make([]fetched, len(sets))
	g, ctx := errgroup.WithContext(ctx)
	for i, set := range sets {
		calls := plan(r, set)
		out[i] = fetched{calls: calls, results: make([]*fastlyapi.StatsResult, len(calls))}
		for j, c := range calls {
			g.Go(func() error {
				res, err := e.upstream.stats(ctx, c)
				out[i].results[j] = res
				return err
			})
		}
	}
	return out, g.Wait()
}

// inputFields lists the Fastly fields the metrics need, each once, in first-use order.
func inputFields(names []string) []string {
	var fields []string
	seen := map[string]bool{}
	for _, name := range names {
		m, _ := metrics.Lookup(name)
		for _, f := range m.Inputs {
			if !seen[f] {
				seen[f] = true
				fields = append(fields, f)
			}
		}
	}
	return fields
}
