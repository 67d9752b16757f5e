package telemetry

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxSeries is the most series the metrics can expose (docs/performance.md quotes it).
const maxSeries = 594

func TestRegisteringTwiceIsNotAnError(t *testing.T) {
	reg := prometheus.NewPedanticRegistry()
	m := New()
	require.NoError(t, m.Register(reg))
	require.NoError(t, m.Register(reg), "a second datasource instance registering again must not fail or panic")
	assert.Error(t, New().Register(reg), "other metrics with the same names are refused, not silently merged")
}

func TestDefaultRegistersOnceWithTheDefaultRegistry(t *testing.T) {
	a, b := Default(), Default()
	require.Same(t, a, b)
	untrack := a.Track(func() Holdings { return Holdings{Pollers: 1} })
	defer untrack()
	n, err := testutil.GatherAndCount(prometheus.DefaultGatherer, "fastly_datasource_instances", "fastly_datasource_upstream_retries_total")
	require.NoError(t, err)
	assert.Equal(t, 1+len(fastlyapi.EndpointClasses), n, "the SDK serves prometheus.DefaultGatherer to Grafana")
}

func TestMetricNamesFollowPrometheusConventions(t *testing.T) {
	m := New()
	exercise(m)
	for _, c := range m.Collectors() {
		problems, err := testutil.CollectAndLint(c)
		require.NoError(t, err)
		assert.Empty(t, problems)
	}
}

// TestSeriesAreBounded feeds every class, every status and a made-up class: the series stay a fixed, small set.
func TestSeriesAreBounded(t *testing.T) {
	m := New()
	exercise(m)
	for _, class := range append(slices.Clone(fastlyapi.EndpointClasses), "made-up") {
		for status := 0; status < 1000; status++ {
			var err error
			if status < 200 || status > 299 {
				err = errFailed
			}
			m.upstream.Request(class, status, 1, time.Second, err)
			m.upstream.Retry(class, status)
		}
		m.upstream.Request(class, 0, 0, time.Second, context.Canceled)
	}
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, m.Register(reg))
	families, err := reg.Gather()
	require.NoError(t, err)
	series := 0
	for _, f := range families {
		for _, metric := range f.GetMetric() {
			series++
			if h := metric.GetHistogram(); h != nil {
				series += len(h.GetBucket()) + 2 // +Inf, _sum and _count besides the finite buckets
			}
		}
	}
	assert.Equal(t, maxSeries, series)
}

// TestEveryMetricIsDocumentedInTheReadme reads the README's "Plugin metrics" section.
func TestEveryMetricIsDocumentedInTheReadme(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, section, ok := strings.Cut(string(raw), "## Plugin metrics")
	require.True(t, ok, "README.md has a Plugin metrics section")
	section, _, _ = strings.Cut(section, "\n## ")
	m := New()
	exercise(m)
	reg := prometheus.NewPedanticRegistry()
	require.NoError(t, m.Register(reg))
	families, err := reg.Gather()
	require.NoError(t, err)
	var names []string
	for _, f := range families {
		names = append(names, f.GetName())
		assert.Contains(t, section, "`"+f.GetName()+"`")
	}
	assert.Len(t, names, 16, "every family is exercised: %v", names)
}

// exercise makes every metric family appear once.
func exercise(m *Metrics) {
	m.upstream.Request(fastlyapi.ClassStats, 200, 10, time.Millisecond, nil)
	m.upstream.Request(fastlyapi.ClassStats, 503, 0, time.Millisecond, errors.New("busy"))
	m.upstream.Retry(fastlyapi.ClassStats, 503)
	m.stats.CacheLookup(true)
	m.stats.CacheLookup(false)
	m.stats.CacheEvicted()
	m.stats.Stitch(stats.Stitched)
}
