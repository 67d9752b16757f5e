// Package telemetry exposes the plugin's own cost as Prometheus metrics: upstream calls, the stats cache, stitching,
// real-time pollers and buffers. Grafana reads them over the plugin protocol from Prometheus' default registry.
package telemetry

import (
	"errors"
	"sync"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/prometheus/client_golang/prometheus"
)

// namespace prefixes every metric name.
const namespace = "fastly_datasource"

// Metrics are one process's plugin metrics: counters shared by every instance, gauges summed over the live ones.
type Metrics struct {
	upstream *upstreamMetrics
	stats    *statsMetrics
	live     *liveInstances
}

// New builds unregistered metrics (tests register them with a registry of their own).
func New() *Metrics {
	return &Metrics{upstream: newUpstreamMetrics(), stats: newStatsMetrics(), live: newLiveInstances()}
}

// Collectors are every collector of m.
func (m *Metrics) Collectors() []prometheus.Collector {
	return append(append(m.upstream.collectors(), m.stats.collectors()...), m.live)
}

// Register registers m's collectors with r; registering m again is no error, other collectors of its names are.
func (m *Metrics) Register(r prometheus.Registerer) error {
	var errs []error
	for _, c := range m.Collectors() {
		var already prometheus.AlreadyRegisteredError
		err := r.Register(c)
		if errors.As(err, &already) && already.ExistingCollector == c {
			continue
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

var (
	defaultOnce    sync.Once
	defaultMetrics *Metrics
)

// Default is the process's metrics, registered once with the default registry the SDK serves to CollectMetrics.
func Default() *Metrics {
	defaultOnce.Do(func() {
		defaultMetrics = New()
		if err := defaultMetrics.Register(prometheus.DefaultRegisterer); err != nil {
			log.DefaultLogger.Warn("the plugin's own metrics could not all be registered", "error", err.Error())
		}
	})
	return defaultMetrics
}

// Upstream is the observer to give every Fastly client.
func (m *Metrics) Upstream() fastlyapi.Observer { return m.upstream }

// Stats is the observer to give every stats engine.
func (m *Metrics) Stats() stats.Observer { return m.stats }
