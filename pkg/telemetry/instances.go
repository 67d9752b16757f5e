package telemetry

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// Holdings is what one live datasource instance holds now.
type Holdings struct {
	Pollers, Services int   // real-time pollers running and the distinct services they follow
	SummedBytes       int64 // real-time buffers: sums over POPs
	DetailBytes       int64 // real-time buffers: per-POP samples
	RegionBytes       int64 // real-time buffers: sums by stats region
	CacheBytes        int64 // stats bucket cache
	LogsCacheBytes    int64 // Log Explorer & Insights answers of finished windows
}

// Buffer mode label values.
const (
	modeSummed    = "summed"
	modePOPDetail = "pop_detail"
	modeRegions   = "region_sums"
)

// liveInstances is a collector of gauges summed over the datasource instances alive in the process.
type liveInstances struct {
	instances, pollers, services, bufferBytes, cacheBytes, logsCacheBytes *prometheus.Desc

	mu    sync.Mutex
	next  int
	byKey map[int]func() Holdings
}

var _ prometheus.Collector = (*liveInstances)(nil)

func newLiveInstances() *liveInstances {
	desc := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "", name), help, labels, nil)
	}
	return &liveInstances{
		instances: desc("instances", "Datasource instances alive in the plugin process."),
		pollers:   desc("realtime_pollers", "Real-time pollers running, each long-polling Fastly for one service and product."),
		services:  desc("realtime_services", "Services followed by real-time pollers (summed over datasource instances)."),
		bufferBytes: desc("realtime_buffer_bytes",
			"Approximate bytes held by real-time buffers, by mode (summed over POPs, per-POP detail, or summed by stats region).", "mode"),
		cacheBytes:     desc("stats_cache_bytes", "Approximate bytes held by the stats bucket caches."),
		logsCacheBytes: desc("logs_cache_bytes", "Approximate bytes held by the Log Explorer & Insights answer caches."),
		byKey:          map[int]func() Holdings{},
	}
}

// Track adds an instance to the gauges; the returned function removes it and is safe to call more than once.
func (m *Metrics) Track(holdings func() Holdings) (untrack func()) { return m.live.add(holdings) }

func (l *liveInstances) add(holdings func() Holdings) func() {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := l.next
	l.next++
	l.byKey[key] = holdings
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		delete(l.byKey, key)
	}
}

// Describe implements prometheus.Collector.
func (l *liveInstances) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{l.instances, l.pollers, l.services, l.bufferBytes, l.cacheBytes, l.logsCacheBytes} {
		ch <- d
	}
}

// Collect implements prometheus.Collector; it asks every live instance outside the lock.
func (l *liveInstances) Collect(ch chan<- prometheus.Metric) {
	sources := l.sources()
	var sum Holdings
	for _, holdings := range sources {
		h := holdings()
		sum.Pollers += h.Pollers
		sum.Services += h.Services
		sum.SummedBytes += h.SummedBytes
		sum.DetailBytes += h.DetailBytes
		sum.RegionBytes += h.RegionBytes
		sum.CacheBytes += h.CacheBytes
		sum.LogsCacheBytes += h.LogsCacheBytes
	}
	gauge := func(d *prometheus.Desc, v float64, labels ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, labels...)
	}
	gauge(l.instances, float64(len(sources)))
	gauge(l.pollers, float64(sum.Pollers))
	gauge(l.services, float64(sum.Services))
	gauge(l.bufferBytes, float64(sum.SummedBytes), modeSummed)
	gauge(l.bufferBytes, float64(sum.DetailBytes), modePOPDetail)
	gauge(l.bufferBytes, float64(sum.RegionBytes), modeRegions)
	gauge(l.cacheBytes, float64(sum.CacheBytes))
	gauge(l.logsCacheBytes, float64(sum.LogsCacheBytes))
}

func (l *liveInstances) sources() []func() Holdings {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make([]func() Holdings, 0, len(l.byKey))
	for _, h := range l.byKey {
		out = append(out, h)
	}
	return out
}
