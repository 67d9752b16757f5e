package telemetry

import (
	"slices"

	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/prometheus/client_golang/prometheus"
)

// Stitch label values: what stitching did for a query.
const (
	stitchDone      = "stitched"   // provisional buckets were filled from real-time data
	stitchNotNeeded = "not_needed" // nothing unpublished to fill
	stitchSkipped   = "skipped"    // unpublished buckets were left empty; reason says why
	reasonNone      = "none"       // the reason of a stitched query
)

// statsMetrics count the stats engine's cache lookups and stitching.
type statsMetrics struct {
	hits      prometheus.Counter
	misses    prometheus.Counter
	evictions prometheus.Counter
	queries   *prometheus.CounterVec
}

var _ stats.Observer = (*statsMetrics)(nil)

func newStatsMetrics() *statsMetrics {
	m := &statsMetrics{
		hits: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "stats_cache_hits_total",
			Help: "Series (service × field × region × granularity) of stats queries found in the bucket cache."}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "stats_cache_misses_total",
			Help: "Series of stats queries the bucket cache held nothing usable for."}),
		evictions: prometheus.NewCounter(prometheus.CounterOpts{Namespace: namespace, Name: "stats_cache_evictions_total",
			Help: "Series dropped from the bucket cache to stay within its configured size."}),
		queries: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "stats_queries_total",
			Help: "Stats queries answered, by what stitching real-time data did (stitched, not_needed, skipped) and why."},
			[]string{"stitch", "reason"}),
	}
	for _, o := range stats.StitchOutcomes {
		m.queries.WithLabelValues(stitchLabels(o))
	}
	return m
}

func (m *statsMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.hits, m.misses, m.evictions, m.queries}
}

// CacheLookup implements stats.Observer.
func (m *statsMetrics) CacheLookup(hit bool) {
	if hit {
		m.hits.Inc()
	} else {
		m.misses.Inc()
	}
}

// CacheEvicted implements stats.Observer.
func (m *statsMetrics) CacheEvicted() { m.evictions.Inc() }

// Stitch implements stats.Observer.
func (m *statsMetrics) Stitch(o stats.StitchOutcome) {
	m.queries.WithLabelValues(stitchLabels(o)).Inc()
}

// stitchLabels are the stitch and reason labels of an outcome; an outcome stats does not list is skipped/other.
func stitchLabels(o stats.StitchOutcome) (stitch, reason string) {
	switch {
	case o == stats.Stitched:
		return stitchDone, reasonNone
	case !slices.Contains(stats.StitchOutcomes, o):
		return stitchSkipped, "other"
	case !o.Needed():
		return stitchNotNeeded, string(o)
	default:
		return stitchSkipped, string(o)
	}
}
