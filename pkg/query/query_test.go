package query

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatsDefaults(t *testing.T) {
	q, err := ParseStats([]byte(`{"metrics":["requests"]}`))
	require.NoError(t, err)
	assert.Equal(t, GranularityAuto, q.Granularity)
	assert.Equal(t, GroupByService, q.GroupBy)
	assert.Empty(t, q.Services)
}

func TestParseStatsSplitsCommaSeparatedServices(t *testing.T) {
	q, err := ParseStats([]byte(`{"metrics":["requests"],"services":["SU1Z0isxPaozGVKXdv0eY1,7i6HN3TK9wS159v2gPAZ8A", " {SU1Z0isxPaozGVKXdv0eY1} ", ""]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"SU1Z0isxPaozGVKXdv0eY1", "7i6HN3TK9wS159v2gPAZ8A"}, q.Services)
}

func TestParseStatsRejectsBadInput(t *testing.T) {
	cases := map[string]struct{ json, want string }{
		"not json":            {`{"metrics":`, "not valid JSON"},
		"no metric":           {`{"metrics":[]}`, "choose at least one metric"},
		"unknown metric":      {`{"metrics":["reqests"]}`, `did you mean "requests"`},
		"bad granularity":     {`{"metrics":["requests"],"granularity":"week"}`, "unknown granularity"},
		"bad groupBy":         {`{"metrics":["requests"],"groupBy":"pop"}`, "unknown groupBy"},
		"bad region":          {`{"metrics":["requests"],"region":"../../x"}`, "invalid region"},
		"path injection":      {`{"metrics":["requests"],"services":["abc/../../tokens"]}`, "is not a Fastly service id"},
		"query injection":     {`{"metrics":["requests"],"services":["SU1Z0isxPaozGVKXdv0eY1?x=1"]}`, "is not a Fastly service id"},
		"unreplaced variable": {`{"metrics":["requests"],"services":["$service"]}`, "template variable $service was not replaced"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseStats([]byte(c.json))
			var invalid *InvalidError
			require.ErrorAs(t, err, &invalid)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func TestTypeOfEmptyIsStats(t *testing.T) {
	assert.Equal(t, TypeStats, TypeOf(""))
	assert.Equal(t, Type("realtime"), TypeOf("realtime"))
}

func TestResolveAuto(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		name     string
		span     time.Duration
		ago      time.Duration
		interval time.Duration
		maxPts   int64
		want     Granularity
	}{
		{"6h fits minutes", 6 * time.Hour, 0, 30 * time.Second, 1000, GranularityMinute},
		{"24h with 1000 points needs hours", 24 * time.Hour, 0, time.Minute, 1000, GranularityHour},
		{"24h with 1500 points fits minutes", 24 * time.Hour, 0, time.Minute, 1500, GranularityMinute},
		{"interval above a minute", 2 * time.Hour, 0, 5 * time.Minute, 1000, GranularityHour},
		{"older than minute retention", time.Hour, 40 * 24 * time.Hour, time.Second, 1000, GranularityHour},
		{"older than hour retention", 24 * time.Hour, 400 * 24 * time.Hour, time.Second, 1000, GranularityDay},
		{"90 days", 90 * 24 * time.Hour, 0, time.Hour, 1000, GranularityDay},
		{"no point budget (alerting)", 24 * time.Hour, 0, time.Second, 0, GranularityMinute},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			to := now.Add(-c.ago)
			g, err := Resolve(GranularityAuto, RangeRequest{From: to.Add(-c.span), To: to, Interval: c.interval, MaxDataPoints: c.maxPts, Now: now})
			require.NoError(t, err)
			assert.Equal(t, c.want, g)
		})
	}
}

func TestResolveExplicitBeyondRetentionSaysWhatIsAvailable(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	w := RangeRequest{From: now.Add(-40 * 24 * time.Hour), To: now, Now: now}
	_, err := Resolve(GranularityMinute, w)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "minute data for 35 days only (from 2026-10-22 12:00 UTC)")
	assert.Contains(t, err.Error(), "Use hour")

	w.From = now.Add(-400 * 24 * time.Hour)
	_, err = Resolve(GranularityHour, w)
	assert.Contains(t, err.Error(), "375 days")
	assert.Contains(t, err.Error(), "Use day")

	g, err := Resolve(GranularityDay, w)
	require.NoError(t, err)
	assert.Equal(t, GranularityDay, g)
}
