// Package logs answers queries of Fastly's Log Explorer & Insights (sampled request logs kept 7 days): it checks
// the product is enabled, clips ranges to the retention, pages records up to a limit, drops records a "not equal"
// filter excludes, and shares identical calls in flight and for finished windows.
package logs

import (
	"context"
	"fmt"
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/ttlcache"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// API is the part of Fastly the engine calls.
type API interface {
	LogInsights(ctx context.Context, r fastlyapi.InsightsRequest) ([]fastlyapi.InsightsRow, error)
	LogRecords(ctx context.Context, r fastlyapi.LogRecordsRequest) (fastlyapi.LogRecordsPage, error)
	LogAggregations(ctx context.Context, r fastlyapi.LogAggregationsRequest) ([]fastlyapi.LogAggregationRow, error)
	LogTimeseries(ctx context.Context, r fastlyapi.LogTimeseriesRequest) ([]fastlyapi.LogTimeseriesPoint, error)
	LogExplorerInsightsEnabled(ctx context.Context, serviceID string) (bool, error)
}

// StatsRunner answers the Historical Stats query log volume reads when a logs query has no filter.
type StatsRunner interface {
	Run(ctx context.Context, r stats.Request) (*stats.Result, error)
}

// Defaults of Config.
const (
	// PageSize is the most records Fastly returns per call.
	PageSize = fastlyapi.LogExplorerPageLimit
	// defaultCacheTTL is how long a finished window's answer is reused: a dashboard refresh within it makes no call.
	defaultCacheTTL = 5 * time.Minute
)

// Config tunes the engine; zero values select the defaults.
type Config struct {
	CacheBytes int64            // bound of the finished-window cache; 0 disables it
	CacheTTL   time.Duration    // life of a cached answer
	Now        func() time.Time // clock of the caches; default time.Now
}

// Engine runs log queries; one engine serves every query of a datasource.
type Engine struct {
	api     API
	stats   StatsRunner
	now     func() time.Time
	enabled *ttlcache.Cache[string, bool]
	answers *answerCache
}

// NewEngine builds an engine that calls Fastly through api and Historical Stats through st.
func NewEngine(api API, st StatsRunner, cfg Config) *Engine {
	if cfg.CacheTTL <= 0 {
		cfg.CacheTTL = defaultCacheTTL
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Engine{api: api, stats: st, now: cfg.Now, enabled: newEnablementCache(api, cfg.Now),
		answers: newAnswerCache(max(cfg.CacheBytes, 0), cfg.CacheTTL, cfg.Now)}
}

// CacheBytes is the approximate size of the cached answers.
func (e *Engine) CacheBytes() int64 { return e.answers.size() }

// Close drops the cached answers.
func (e *Engine) Close() { e.answers.clear() }

// ServiceRange is the service one log query reads and its time range.
type ServiceRange struct {
	Service  series.Service
	From, To time.Time
}

// NotEnabledError says a service does not have Log Explorer & Insights.
type NotEnabledError struct{ Service series.Service }

func (e *NotEnabledError) Error() string {
	return fmt.Sprintf("Log Explorer & Insights is not enabled for service %s (%s), so Fastly keeps no sampled logs for it: "+
		"enable it in the Fastly control panel (the service's Observability > Log Explorer & Insights page) or choose a service that has it",
		e.Service.Name, e.Service.ID)
}

// prepare checks the service has the product and clips the window to the retention.
func (e *Engine) prepare(ctx context.Context, w ServiceRange) (ServiceRange, []series.Notice, error) {
	clipped, notices, err := clipToRetention(w, e.now())
	if err != nil {
		return w, nil, err
	}
	ok, err := e.enabled.Get(ctx, w.Service.ID, false)
	if err != nil {
		return w, nil, err
	}
	if !ok {
		return w, nil, &NotEnabledError{Service: w.Service}
	}
	return clipped, notices, nil
}

// finished tells whether every record of the window has landed, so its answer can be reused.
func (e *Engine) finished(w ServiceRange) bool { return !w.To.After(e.now().Add(-recordDelay)) }

// wireFilters are the filters Fastly applies, in its form.
func wireFilters(filters []query.LogFilter) []fastlyapi.LogFilter {
	sent := query.SentFilters(filters)
	if len(sent) == 0 {
		return nil
	}
	out := make([]fastlyapi.LogFilter, len(sent))
	for i, f := range sent {
		out[i] = fastlyapi.LogFilter{Field: f.Field, Operator: f.Operator, Value: string(f.Value)}
	}
	return out
}
