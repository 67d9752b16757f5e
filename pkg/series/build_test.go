package series

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBuildOrdersSeriesByMetricOrBySubject(t *testing.T) {
	requests, _ := metrics.Lookup("requests")
	hitRatio, _ := metrics.Lookup("hit_ratio")
	subjects := []Subject{{Service: Service{ID: "a", Name: "a"}}, {Service: Service{ID: "b", Name: "b"}, Dimensions: []Label{{Name: "datacenter", Value: "LHR"}}}}
	fill := func(s *Series, i int) { s.Values = vals(float64(i)) }
	assert.Equal(t, []string{"requests:a", "requests:b", "hit_ratio:a", "hit_ratio:b"},
		names(Build([]metrics.Metric{requests, hitRatio}, subjects, false, fill)))
	bySubject := Build([]metrics.Metric{requests, hitRatio}, subjects, true, fill)
	assert.Equal(t, []string{"requests:a", "hit_ratio:a", "requests:b", "hit_ratio:b"}, names(bySubject))
	assert.Equal(t, subjects[1].Dimensions, bySubject[2].Dimensions, "each series carries its subject's labels")
	assert.Equal(t, vals(1.0), bySubject[3].Values, "and the values filled for its subject")
}

func TestGridFillComputesFromTheMetricsInputColumns(t *testing.T) {
	requests, _ := metrics.Lookup("requests")
	hitRatio, _ := metrics.Lookup("hit_ratio")
	fields := []string{"miss", "requests", "hits"}
	columns := [][][]float64{{{1, 0}, {120, 60}, {3, 0}}}
	fill := GridFill(fields, columns, true, time.Minute)
	got := Build([]metrics.Metric{requests, hitRatio}, []Subject{{}}, false, fill)
	require.Len(t, got, 2)
	assert.Equal(t, vals(2.0, 1.0), got[0].Values, "counters per second")
	assert.Equal(t, "reqps", got[0].Unit)
	assert.Equal(t, vals(0.75, nil), got[1].Values, "ratios from the counters, none without hits or misses")

	histogram, ok := metrics.LookupInspector(metrics.QueryTypeOrigins, metrics.LatencyHistogram)
	require.True(t, ok)
	latency := make([][]float64, len(histogram.Inputs))
	for k := range latency {
		latency[k] = []float64{float64(k)}
	}
	h := Build([]metrics.Metric{histogram}, []Subject{{}}, false, GridFill(histogram.Inputs, [][][]float64{latency}, false, time.Minute))
	assert.Equal(t, latency, h[0].Buckets, "the histogram keeps its bucket counts")
	assert.Nil(t, h[0].Values)
}
