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

// callsInFlight bounds the concurrent Fastly calls of one query.
const callsInFlight = 4

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
}

// Engine runs stats queries against Fastly.
type Engine struct {
	fetcher Fetcher
}

// NewEngine builds an engine that calls Fastly through f.
func NewEngine(f Fetcher) *Engine { return &Engine{fetcher: f} }

// Run plans the calls, fetches them concurrently and builds the series.
func (e *Engine) Run(ctx context.Context, r Request) (*Result, error) {
	fields := inputFields(r.Query.Metrics)
	calls := plan(r, fields)
	results, err := e.fetchAll(ctx, calls)
	if err != nil {
		return nil, err
	}
	table := mergeRows(results, fields, r.Services)
	grid, notices := buildGrid(r, table.frontier)
	res := &Result{Step: grid.step, Times: grid.times(), Notices: notices}
	res.Series = applyTopN(r.Query, buildSeries(r, fields, table, grid))
	for _, c := range calls {
		res.Calls = append(res.Calls, c.String())
	}
	return res, nil
}

func (e *Engine) fetchAll(ctx context.Context, calls []fastlyapi.StatsRequest) ([]*fastlyapi.StatsResult, error) {
	results := make([]*fastlyapi.StatsResult, len(calls))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(callsInFlight)
	for i, c := range calls {
		g.Go(func() error {
			res, err := e.fetcher.Stats(ctx, c)
			results[i] = res
			return err
		})
	}
	return results, g.Wait()
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
