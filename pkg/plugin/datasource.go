// Package plugin is the Grafana datasource: instance lifecycle, query dispatch, health check and resources.
package plugin

import (
	"context"
	"net/http"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/changes"
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/edgemetrics/fastly-datasource/pkg/telemetry"
	"github.com/edgemetrics/fastly-datasource/pkg/usage"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/httpclient"
	"github.com/grafana/grafana-plugin-sdk-go/backend/instancemgmt"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

var (
	_ backend.QueryDataHandler      = (*Datasource)(nil)
	_ backend.CheckHealthHandler    = (*Datasource)(nil)
	_ backend.CallResourceHandler   = (*Datasource)(nil)
	_ instancemgmt.InstanceDisposer = (*Datasource)(nil)
	_ backend.StreamHandler         = (*Datasource)(nil)
)

// queryHandler answers one query of one type.
type queryHandler func(ctx context.Context, q backend.DataQuery) (data.Frames, error)

// Datasource is one configured Fastly datasource.
type Datasource struct {
	settings   Settings
	httpClient *http.Client
	api        *fastlyapi.Client
	account    *account
	stats      *stats.Engine
	inspector  *inspector.Engine
	usage      *usage.Engine
	changes    *changes.Engine
	logs       *logs.Engine
	handlers   map[query.Type]queryHandler
	realtime   *realtime.Hub
	resources  backend.CallResourceHandler
	now        func() time.Time
	untrack    func() // removes the instance from the plugin metrics' gauges
}

// NewDatasource is the instance factory: it parses the settings once and builds the Fastly clients.
func NewDatasource(ctx context.Context, s backend.DataSourceInstanceSettings) (instancemgmt.Instance, error) {
	settings, err := LoadSettings(s)
	if err != nil {
		return nil, err
	}
	opts, err := s.HTTPClientOptions(ctx)
	if err != nil {
		return nil, err
	}
	httpClient, err := httpclient.New(opts)
	if err != nil {
		return nil, err
	}
	return newDatasource(settings, httpClient, time.Now)
}

func newDatasource(settings Settings, httpClient *http.Client, now func() time.Time) (*Datasource, error) {
	return newMeteredDatasource(settings, httpClient, now, telemetry.Default())
}

// newMeteredDatasource builds a datasource that reports its cost to m.
func newMeteredDatasource(settings Settings, httpClient *http.Client, now func() time.Time, m *telemetry.Metrics) (*Datasource, error) {
	retry := fastlyapi.DefaultRetryPolicy(settings.MaxRetries)
	api, err := fastlyapi.NewClient(settings.apiToken, settings.APIURL, httpClient,
		fastlyapi.WithRetries(retry), fastlyapi.WithObserver(m.Upstream()))
	if err != nil {
		return nil, err
	}
	d := &Datasource{settings: settings, httpClient: httpClient, api: api, now: now}
	if d.realtime, err = newRealtimeHub(settings, httpClient, now, m.Upstream(), retry, func(ctx context.Context) (map[string]string, bool) {
		return d.account.statsRegions(ctx)
	}); err != nil {
		return nil, err
	}
	d.account = newAccount(api, now)
	d.stats = stats.NewEngine(api, stats.Config{CacheBytes: int64(settings.CacheSizeMB) << 20,
		MaxConcurrentCalls: settings.MaxConcurrentCalls, Observer: m.Stats()})
	d.inspector = newInspectorEngine(api, settings, now)
	d.usage = usage.NewEngine(api, d.account)
	d.changes = newChangesEngine(api, settings)
	d.logs = newLogsEngine(api, d.stats, settings.LogsCacheSizeMB, now)
	d.handlers = map[query.Type]queryHandler{
		query.TypeStats:      d.handleStats,
		query.TypeServices:   d.handleServices,
		query.TypeVersions:   d.handleVersions,
		query.TypeEvents:     d.handleEvents,
		query.TypeAlerts:     d.handleAlerts,
		query.TypeUsage:      d.handleUsage,
		query.TypeRealtime:   d.handleRealtime,
		query.TypeOrigins:    d.inspectorHandler(query.TypeOrigins),
		query.TypeDomains:    d.inspectorHandler(query.TypeDomains),
		query.TypeInsights:   d.handleInsights,
		query.TypeLogs:       d.handleLogs,
		query.TypeLogMetrics: d.handleLogMetrics,
		query.TypeLogVolume:  d.handleLogVolume,
	}
	d.resources = d.newResourceHandler()
	d.untrack = m.Track(d.holdings)
	return d, nil
}

// holdings is what the instance holds now, for the plugin metrics' gauges.
func (d *Datasource) holdings() telemetry.Holdings {
	rt := d.realtime.Holdings()
	return telemetry.Holdings{Pollers: rt.Pollers, Services: rt.Services, SummedBytes: rt.SummedBytes,
		DetailBytes: rt.DetailBytes, RegionBytes: rt.RegionBytes, CacheBytes: d.stats.CacheBytes(), LogsCacheBytes: d.logs.CacheBytes()}
}

// Dispose stops the real-time pollers, drops the stats cache and closes idle connections when the settings change
// or the datasource is deleted; the plugin metrics stop counting what it held.
func (d *Datasource) Dispose() {
	d.untrack()
	d.realtime.Close()
	d.stats.Close()
	d.logs.Close()
	d.httpClient.CloseIdleConnections()
}
