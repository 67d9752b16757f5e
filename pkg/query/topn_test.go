package query

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseStatsTopNDefaults(t *testing.T) {
	q, err := ParseStats([]byte(`{"metrics":["requests","bandwidth"],"topN":{}}`))
	require.NoError(t, err)
	require.NotNil(t, q.TopN)
	assert.Equal(t, TopN{Metric: "requests", Limit: 10, Order: "desc"}, *q.TopN)

	q, err = ParseStats([]byte(`{"metrics":["requests","bandwidth"],"topN":{"metric":"bandwidth","limit":100,"order":"ASC"}}`))
	require.NoError(t, err)
	assert.Equal(t, TopN{Metric: "bandwidth", Limit: 100, Order: "asc"}, *q.TopN)
	assert.True(t, q.TopN.Ascending())

	q, err = ParseStats([]byte(`{"metrics":["requests"],"topN":null}`))
	require.NoError(t, err)
	assert.Nil(t, q.TopN)
}

func TestParseStatsTopNRejectsBadInput(t *testing.T) {
	cases := map[string]struct{ json, want string }{
		"metric not in query": {`{"metrics":["requests"],"topN":{"metric":"bandwidth"}}`, `ranks by "bandwidth", which is not one of the query's metrics`},
		"limit too large":     {`{"metrics":["requests"],"topN":{"limit":101}}`, "limit 101 is out of range: use 1 to 100"},
		"negative limit":      {`{"metrics":["requests"],"topN":{"limit":-1}}`, "out of range"},
		"bad order":           {`{"metrics":["requests"],"topN":{"order":"up"}}`, `unknown top N order "up"`},
		"groupBy none":        {`{"metrics":["requests"],"groupBy":"none","topN":{"limit":3}}`, "top N needs one series per service"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseStats([]byte(c.json))
			var invalid *InvalidError
			require.ErrorAs(t, err, &invalid)
			assert.Contains(t, invalid.Msg, c.want)
		})
	}
}

func TestParseUsage(t *testing.T) {
	q, err := ParseUsage([]byte(`{}`))
	require.NoError(t, err)
	assert.Equal(t, Usage{UsageBy: "region"}, q)

	q, err = ParseUsage([]byte(`{"usageBy":"month","month":"2026-02","region":"europe","billableUnits":true}`))
	require.NoError(t, err)
	start, err := q.MonthStart()
	require.NoError(t, err)
	assert.Equal(t, "2026-02-01T00:00:00Z", start.Format("2006-01-02T15:04:05Z07:00"))

	for body, want := range map[string]string{
		`{"usageBy":"pop"}`:                     `unknown usageBy "pop"`,
		`{"usageBy":"month","month":"2026-13"}`: `invalid month "2026-13"`,
		`{"usageBy":"month","month":"March"}`:   "use YYYY-MM",
		`{"region":"../x"}`:                     "invalid region",
	} {
		_, err := ParseUsage([]byte(body))
		var invalid *InvalidError
		require.ErrorAs(t, err, &invalid, body)
		assert.Contains(t, invalid.Msg, want)
	}
}
