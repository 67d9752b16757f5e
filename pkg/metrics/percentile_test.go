package metrics

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMissHistogramKeysAreUpperBoundsOfFastlysLayout(t *testing.T) {
	for key, lower := range map[float64]float64{
		1: 0, 4: 3, 10: 9, 20: 10, 250: 240, 300: 250, 650: 600, 1000: 950, 1100: 1000, 3000: 2900, 3500: 3000,
		10000: 9500, 11000: 10000, 20000: 19000, 25000: 20000, 60000: 55000,
	} {
		got := MissHistogram(map[float64]float64{key: 3})
		require.Len(t, got, 1)
		assert.Equal(t, HistogramBucket{Lower: lower, Upper: key, Count: 3}, got[0], "key %v", key)
	}
	got := MissHistogram(map[float64]float64{650: 1, 4: 2, 30: 5})
	assert.Equal(t, []HistogramBucket{{3, 4, 2}, {20, 30, 5}, {600, 650, 1}}, got,
		"ordered; Fastly leaves empty buckets out, so a lower bound is not the previous key")
}

// TestMissHistogramMatchesRecordedMissTimes checks the layout against Fastly's recorded answer: each second's miss
// time lies between the sums of its fetches' bucket bounds.
func TestMissHistogramMatchesRecordedMissTimes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(recorded.Dir(t), "fastly-exporter", "rt_response_fixture.json"))
	require.NoError(t, err)
	type measurements struct {
		MissTime      float64            `json:"miss_time"` // seconds
		MissHistogram map[string]float64 `json:"miss_histogram"`
	}
	var answer struct {
		Data []struct {
			Aggregated measurements            `json:"aggregated"`
			POP        map[string]measurements `json:"datacenter"`
		}
	}
	require.NoError(t, json.Unmarshal(raw, &answer))
	checked := 0
	for _, rec := range answer.Data {
		all := []measurements{rec.Aggregated}
		for _, pop := range rec.POP {
			all = append(all, pop)
		}
		for _, m := range all {
			counts := map[float64]float64{}
			for key, n := range m.MissHistogram {
				bound, err := strconv.ParseFloat(key, 64)
				require.NoError(t, err)
				counts[bound] = n
			}
			if len(counts) == 0 {
				continue
			}
			least, most := 0.0, 0.0
			for _, b := range MissHistogram(counts) {
				least += b.Count * b.Lower
				most += b.Count * b.Upper
			}
			ms := m.MissTime * 1000
			assert.True(t, least <= ms && ms <= most, "%v ms in %v: between %v and %v", ms, m.MissHistogram, least, most)
			checked++
		}
	}
	assert.Greater(t, checked, 10, "the recording has seconds with misses")
}

// spreadOverMissBuckets is the histogram counts (ordered as LatencyBuckets, the open bucket empty) at the
// miss_histogram's resolution: each Origin Inspector bucket's count spread over the miss_histogram buckets inside
// it in proportion to their width, which is the even spread both percentiles assume.
func spreadOverMissBuckets(counts []float64) map[float64]float64 {
	out := map[float64]float64{}
	lower := 0.0
	for _, s := range missHistogramSpans {
		for upper := lower + s.width; upper <= s.upTo; upper += s.width {
			for i, b := range LatencyBuckets {
				if b.Lower <= lower && upper <= b.Upper && counts[i] > 0 {
					out[upper] = counts[i] * s.width / (b.Upper - b.Lower)
				}
			}
			lower = upper
		}
	}
	return out
}

func TestInspectorAndRealtimePercentilesAgreeOnTheSameHistogram(t *testing.T) {
	inspector := histogram(map[int]float64{0: 30, 1: 120, 2: 75, 3: 400, 4: 260, 5: 150, 6: 90, 7: 40, 8: 24, 9: 9, 10: 5})
	realtime := MissHistogram(spreadOverMissBuckets(inspector))
	for q := 0.01; q < 1; q += 0.01 {
		want, ok := Percentile(inspector, q)
		require.True(t, ok)
		got, ok := HistogramQuantile(realtime, q)
		require.True(t, ok)
		assert.InDelta(t, want, got, 1e-6*want, "p%.0f", q*100)
	}
	for _, name := range []string{"latency_p50", "latency_p95", "latency_p99"} {
		origins, _ := LookupInspector(QueryTypeOrigins, name)
		rt, _ := Lookup("miss_" + name)
		assert.Contains(t, origins.Description, percentileDefinition, name)
		assert.Contains(t, rt.Description, percentileDefinition, name)
	}
}

func TestHistogramQuantileOfAnOpenBucketIsItsLowerBound(t *testing.T) {
	got, ok := HistogramQuantile([]HistogramBucket{{0, 10, 5}, {10, 20, 0}, {60000, math.Inf(1), 5}}, 0.99)
	assert.True(t, ok)
	assert.Equal(t, 60000.0, got)
	got, ok = HistogramQuantile([]HistogramBucket{{0, 10, 5}, {10, 20, 0}}, 0.5)
	assert.True(t, ok)
	assert.Equal(t, 5.0, got, "empty buckets are skipped")
	_, ok = HistogramQuantile([]HistogramBucket{{0, 10, 0}}, 0.5)
	assert.False(t, ok, "nothing counted")
}
