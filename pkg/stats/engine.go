// Package stats answers Historical Stats queries: it plans the Fastly calls, merges their rows onto a bucket grid
// and computes the requested metrics per series.
package stats

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Fetcher is the Fastly call the engine makes.
type Fetcher interface {
	Stats(ctx context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error)
}

// Request is a validated stats query with its services and granularity resolved.
type Request struct {
	Query       query.Stats
	Services    []series.Service // the services to chart, in display order
	AllServices bool             // the user selected no service, meaning every service
	Granularity query.Granularity
	From, To    time.Time
	Now         time.Time
	FromAlert   bool       // an alert rule asks: cached buckets Fastly may still complete are fetched again
	Tail        TailReader // fills the unpublished tail from real-time data; nil leaves it empty
	// StitchDeclined, with no Tail, is the notice that says why the unpublished tail was left empty.
	StitchDeclined string
}

// Result is the answer to one stats query: one series per metric and service, or per metric for the sum.
type Result struct {
	series.Result
	Step time.Duration
	// Provisional is set when buckets after the newest published one were filled from real-time data.
	Provisional *Provisional
}

// Config tunes an engine; zero values select the defaults.
type Config struct {
	CacheBytes         int64    // bound of the finished-bucket cache; 0 disables it
	MaxConcurrentCalls int      // Fastly calls in flight across all queries; default 24
	Observer           Observer // told about cache lookups, evictions and stitching; nil tells nobody
}

const defaultConcurrentCalls = 24

// Engine runs stats queries against Fastly; one engine serves every query of a datasource.
type Engine struct {
	upstream *upstream
	cache    *bucketCache
	obs      Observer
}

// NewEngine builds an engine that calls Fastly through f.
func NewEngine(f Fetcher, c Config) *Engine {
	if c.MaxConcurrentCalls <= 0 {
		c.MaxConcurrentCalls = defaultConcurrentCalls
	}
	if c.Observer == nil {
		c.Observer = noObserver{}
	}
	e := &Engine{upstream: newUpstream(f, c.MaxConcurrentCalls), obs: c.Observer}
	if c.CacheBytes > 0 {
		e.cache = newBucketCache(c.CacheBytes, c.Observer.CacheEvicted)
	}
	return e
}

// Close drops the cached buckets.
func (e *Engine) Close() { e.cache.clear() }

// CacheBytes is the approximate size of the cached buckets.
func (e *Engine) CacheBytes() int64 { return e.cache.size() }

// Run answers one query: what the cache knows, plus the rest fetched concurrently.
func (e *Engine) Run(ctx context.Context, r Request) (*Result, error) {
	o := e.RunAll(ctx, []Request{r})[0]
	return o.Result, o.Err
}

// fetched is the answers to the calls of one fetch set.
type fetched struct {
	calls   []fastlyapi.StatsRequest
	results []*fastlyapi.StatsResult
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
