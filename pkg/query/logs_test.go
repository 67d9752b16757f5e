package query

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const logSvc = `"services":["SU1Z0isxPaozGVKXdv0eY1"]`

func TestParseInsightsDefaults(t *testing.T) {
	q, err := ParseInsights([]byte(`{` + logSvc + `,"visualization":"top-url-by-requests","datacenters":["iad, lhr"]}`))
	require.NoError(t, err)
	assert.Equal(t, InsightsDefaultLimit, q.Limit)
	assert.True(t, q.DomainExactMatch, "Fastly's default is an exact domain match")
	assert.Equal(t, []string{"IAD", "LHR"}, q.Datacenters)
	assert.Equal(t, "SU1Z0isxPaozGVKXdv0eY1", q.Service())
}

func TestParseInsightsKeepsSuffixMatch(t *testing.T) {
	q, err := ParseInsights([]byte(`{` + logSvc + `,"visualization":"country-statistics","domainExactMatch":false,"domain":"example.com"}`))
	require.NoError(t, err)
	assert.False(t, q.DomainExactMatch)
}

func TestParseLogsResolvesAliasesAndDefaults(t *testing.T) {
	q, err := ParseLogs([]byte(`{` + logSvc + `,"filters":[{"field":"domain","value":"www.example.com"},` +
		`{"field":"response_status","operator":"GTE","value":500},{"field":"is_cache_hit","operator":"eq","value":false},` +
		`{"field":"fastly_pop","operator":"neq","value":"LHR"},{"field":"fastly_pop","operator":"in","value":" LHR, AMS ,LHR"}]}`))
	require.NoError(t, err)
	assert.Equal(t, LogsDefaultLimit, q.Limit)
	assert.Equal(t, []LogFilter{
		{Field: "request_host", Operator: "eq", Value: "www.example.com"},
		{Field: "response_status", Operator: "gte", Value: "500"},
		{Field: "is_cache_hit", Operator: "eq", Value: "false"},
		{Field: "fastly_pop", Operator: "neq", Value: "LHR"},
		{Field: "fastly_pop", Operator: "in", Value: "LHR,AMS"},
	}, q.Filters)
	assert.Len(t, SentFilters(q.Filters), 4)
	assert.Equal(t, []LogFilter{{Field: "fastly_pop", Operator: "neq", Value: "LHR"}}, LocalFilters(q.Filters))
}

func TestParseLogMetricsDefaults(t *testing.T) {
	q, err := ParseLogMetrics([]byte(`{` + logSvc + `,"metrics":["response_time_p95","response_bytes_body_avg"],"groupBy":"fastly_pop"}`))
	require.NoError(t, err)
	assert.Equal(t, FormatTable, q.Format)
	assert.Equal(t, LogMetricsDefaultLimit, q.Limit)
	assert.Equal(t, "response_time_p95", q.SortBy)
	assert.True(t, q.SortDesc)
	m := q.ParsedMetrics()
	assert.Equal(t, "p95[response_time]", m[0].Wire())
	assert.Equal(t, "s", m[0].Field.Unit)
	assert.Equal(t, "avg[response_bytes_body]", m[1].Wire())
	assert.Equal(t, "bytes", m[1].Field.Unit)
}

func TestParseLogQueriesRejectBadInput(t *testing.T) {
	two := `"services":["SU1Z0isxPaozGVKXdv0eY1","7i6HN3TK9wS159v2gPAZ8A"]`
	cases := []struct {
		name  string
		parse func([]byte) error
		json  string
		want  string
	}{
		{"insights no service", insights, `{"visualization":"top-url-by-requests"}`, "choose a service"},
		{"insights two services", insights, `{` + two + `,"visualization":"top-url-by-requests"}`, "exactly one service"},
		{"insights duration sum", insights, `{` + logSvc + `,"visualization":"top-url-by-duration-sum"}`, "use top-url-by-duration"},
		{"insights unknown", insights, `{` + logSvc + `,"visualization":"top-pages"}`, `unknown visualization "top-pages"`},
		{"insights limit", insights, `{` + logSvc + `,"visualization":"top-url-by-requests","limit":101}`, "insights limit 101 is out of range: use 1 to 100"},
		{"insights pop", insights, `{` + logSvc + `,"visualization":"top-url-by-requests","datacenters":["L/HR"]}`, "not a Fastly POP code"},
		{"logs limit", logs, `{` + logSvc + `,"limit":10001}`, "logs limit 10001 is out of range: use 1 to 10000"},
		{"logs negative limit", logs, `{` + logSvc + `,"limit":-1}`, "out of range"},
		{"logs unknown field", logs, `{` + logSvc + `,"filters":[{"field":"user_agent","value":"x"}]}`, `cannot filter sampled logs by "user_agent"`},
		{"logs refused field", logs, `{` + logSvc + `,"filters":[{"field":"fastly_is_cache_hit","value":"true"}]}`, "use is_cache_hit"},
		{"logs unknown operator", logs, `{` + logSvc + `,"filters":[{"field":"request_path","operator":"starts-with","value":"/a"}]}`, `unknown filter operator "starts-with"`},
		{"logs numeric op on text", logs, `{` + logSvc + `,"filters":[{"field":"request_path","operator":"gt","value":"/a"}]}`, "operator gt compares numbers"},
		{"logs number value", logs, `{` + logSvc + `,"filters":[{"field":"response_status","operator":"in","value":"500,$status"}]}`, `"$status" is not a number`},
		{"logs boolean value", logs, `{` + logSvc + `,"filters":[{"field":"is_edge","value":"yes"}]}`, "is_edge is true or false"},
		{"metrics unknown metric", logMetrics, `{` + logSvc + `,"metrics":["response_time_p50"]}`, `unknown log metric "response_time_p50"`},
		{"metrics no metric", logMetrics, `{` + logSvc + `}`, "choose at least one metric"},
		{"metrics status group", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"groupBy":"response_status"}`, "Fastly cannot group by response_status"},
		{"metrics bad group", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"groupBy":"bot_name"}`, `cannot group log metrics by "bot_name"`},
		{"metrics neq", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"filters":[{"field":"fastly_pop","operator":"neq","value":"LHR"}]}`, "works only in logs queries"},
		{"metrics format", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"format":"graph"}`, `unknown format "graph"`},
		{"metrics sort", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"sortBy":"response_time_max"}`, `sortBy "response_time_max" is not one of`},
		{"metrics limit", logMetrics, `{` + logSvc + `,"metrics":["response_time_avg"],"limit":1001}`, "use 1 to 1000"},
		{"volume two services", logVolume, `{` + two + `}`, "exactly one service"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.parse([]byte(c.json))
			var invalid *InvalidError
			require.ErrorAs(t, err, &invalid)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}

func insights(b []byte) error   { _, err := ParseInsights(b); return err }
func logs(b []byte) error       { _, err := ParseLogs(b); return err }
func logMetrics(b []byte) error { _, err := ParseLogMetrics(b); return err }
func logVolume(b []byte) error  { _, err := ParseLogVolume(b); return err }

func TestLogCatalogue(t *testing.T) {
	assert.Len(t, LogVisualizations(), 15)
	for _, v := range LogVisualizations() {
		assert.NotEqual(t, "top-url-by-duration-sum", v.Value)
		assert.NotEmpty(t, v.Label)
	}
	assert.Len(t, LogMetricsCatalogue(), 20, "4 numeric fields × 5 operations")
	assert.Len(t, filterableFields(), 15)
	assert.Len(t, groupableFields(), 18)
}
