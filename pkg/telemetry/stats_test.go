package telemetry

import (
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
)

func TestStatsCacheAndStitchingAreCounted(t *testing.T) {
	m := newStatsMetrics()
	m.CacheLookup(true)
	m.CacheLookup(true)
	m.CacheLookup(false)
	m.CacheEvicted()
	m.Stitch(stats.Stitched)
	m.Stitch(stats.StitchPublished)
	m.Stitch(stats.StitchNoPoller)
	m.Stitch(stats.StitchNoPoller)

	assert.Equal(t, 2.0, testutil.ToFloat64(m.hits))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.misses))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.evictions))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.queries.WithLabelValues("stitched", "none")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.queries.WithLabelValues("not_needed", "published")))
	assert.Equal(t, 2.0, testutil.ToFloat64(m.queries.WithLabelValues("skipped", "no_poller")))
	assert.Zero(t, testutil.ToFloat64(m.queries.WithLabelValues("skipped", "disabled")), "every outcome starts at zero")
}

func TestStitchLabelsPartitionEveryOutcome(t *testing.T) {
	want := map[stats.StitchOutcome][2]string{
		stats.Stitched:         {"stitched", "none"},
		stats.StitchPublished:  {"not_needed", "published"},
		stats.StitchNoData:     {"not_needed", "no_data"},
		stats.StitchDisabled:   {"skipped", "disabled"},
		stats.StitchNoPoller:   {"skipped", "no_poller"},
		stats.StitchIncomplete: {"skipped", "incomplete"},
		stats.StitchTooMany:    {"skipped", "too_many_services"},
		"made_up":              {"skipped", "other"},
	}
	assert.Len(t, stats.StitchOutcomes, len(want)-1, "a new outcome needs a row here and in the README")
	for o, labels := range want {
		stitch, reason := stitchLabels(o)
		assert.Equal(t, labels, [2]string{stitch, reason}, string(o))
	}
}
