package simulator

import (
	"net/http"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func aggregationsParams(serviceID string, start, end time.Time, kv ...string) url.Values {
	return logsParams(serviceID, "start", "end", start, end, append([]string{"source", "logs"}, kv...)...)
}

// aggregationValues is a row's only values object.
func aggregationValues(t *testing.T, r row) row {
	t.Helper()
	values, ok := r["values"].([]any)
	require.True(t, ok, "values is a list like live: %v", r["values"])
	require.Len(t, values, 1)
	return values[0].(map[string]any)
}

func TestAggregationsP95PerPOPIsThePercentileOfTheRecords(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	records := allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour)))
	times := map[string][]float64{}
	bodies := map[string][]float64{}
	for _, r := range records {
		pop := text(t, r, "fastly_pop")
		times[pop] = append(times[pop], number(t, r, "response_time"))
		bodies[pop] = append(bodies[pop], number(t, r, "response_bytes_body"))
	}

	rows := getLogs(t, srv, "/observability/aggregations", aggregationsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"series", "p95[response_time]", "series", "avg[response_time]", "series", "p99[response_bytes_body]",
		"series", "max[response_time]", "series", "min[response_time]", "dimensions", "fastly_pop", "limit", "100")).rows(t)
	require.Len(t, rows, len(times), "one row per POP that served a record")
	previous := 1e300
	for _, r := range rows {
		pop := r["dimensions"].(map[string]any)["fastly_pop"].(string)
		values := aggregationValues(t, r)
		sorted := append([]float64(nil), times[pop]...)
		sort.Float64s(sorted)
		assert.Equal(t, percentileOf(sorted, 95), number(t, values, "p95[response_time]"), pop)
		assert.InDelta(t, mean(sorted), number(t, values, "avg[response_time]"), 1e-9, pop)
		assert.Equal(t, sorted[0], number(t, values, "min[response_time]"), pop)
		assert.Equal(t, sorted[len(sorted)-1], number(t, values, "max[response_time]"), pop)
		body := append([]float64(nil), bodies[pop]...)
		sort.Float64s(body)
		assert.Equal(t, percentileOf(body, 99), number(t, values, "p99[response_bytes_body]"), pop)
		assert.LessOrEqual(t, number(t, values, "p95[response_time]"), previous, "sorted by the first series, descending")
		previous = number(t, values, "p95[response_time]")
	}
}

func TestAggregationsSortLimitAndFilters(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	q := aggregationsParams(www.ID, logsHour, logsHour.Add(time.Hour), "series", "avg[response_time]",
		"series", "p95[response_time]", "dimensions", "fastly_pop,response_state", "sort", "p95[response_time]", "limit", "5",
		"filter[is_cache_hit]", "false")
	env := getLogs(t, srv, "/observability/aggregations", q)
	rows := env.rows(t)
	require.Len(t, rows, 5)
	previous := -1.0
	for _, r := range rows {
		dims := r["dimensions"].(map[string]any)
		assert.Len(t, dims, 2)
		assert.NotContains(t, []string{"HIT", "HIT-SYNTH"}, dims["response_state"], "the filter keeps cache misses only")
		p95 := number(t, aggregationValues(t, r), "p95[response_time]")
		assert.GreaterOrEqual(t, p95, previous, "ascending without the - prefix")
		previous = p95
	}
	assert.Equal(t, "p95[response_time]", env.Meta["sort"])
	assert.Equal(t, jsonNumber("5"), env.Meta["limit"])
	assert.Equal(t, []any{map[string]any{"field": "is_cache_hit", "operator": "eq", "value": false}},
		env.Meta["filters"].(map[string]any)["filter_fields"])

	whole := getLogs(t, srv, "/observability/aggregations", aggregationsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"series", "avg[response_time]")).rows(t)
	require.Len(t, whole, 1, "without dimensions the window is one row")
	assert.Empty(t, whole[0]["dimensions"])
}

func TestAggregationsFailures(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	window := func(kv ...string) url.Values {
		return aggregationsParams(www.ID, logsHour, logsHour.Add(time.Hour), kv...)
	}
	for name, q := range map[string]url.Values{
		"group by response_status":  window("series", "p95[response_time]", "dimensions", "response_status"),
		"group by an unknown field": window("series", "p95[response_time]", "dimensions", "colour"),
	} {
		status, _ := logStatus(t, srv, "/observability/aggregations", q)
		assert.Equal(t, http.StatusInternalServerError, status, name)
	}
	for name, c := range map[string]struct {
		query  url.Values
		reason string
	}{
		"unknown sort":          {window("series", "p95[response_time]", "sort", "-p99[response_time]"), "sort: unknown sort '-p99[response_time]'"},
		"no series":             {window(), "series: 'series' is required"},
		"count is not a series": {window("series", "count[response_time]"), "series: invalid series 'count[response_time]'"},
		"comma-joined series":   {window("series", "avg[response_time],p95[response_time]"), "series: invalid series 'avg[response_time],p95[response_time]'"},
		"another source":        {with(window("series", "p95[response_time]"), "source", "sustainability"), "source: source must be 'logs', not 'sustainability'"},
		"limit above 1000":      {window("series", "p95[response_time]", "limit", "1001"), "limit: limit must be an integer from 1 to 1000"},
	} {
		status, body := logStatus(t, srv, "/observability/aggregations", c.query)
		require.Equal(t, http.StatusBadRequest, status, name)
		assert.Equal(t, c.reason, fastlyReason(t, body), name)
	}
	static := serviceNamed(t, sim, "static.example.com")
	env := getLogs(t, srv, "/observability/aggregations", aggregationsParams(static.ID, logsHour, logsHour.Add(time.Hour), "series", "p95[response_time]"))
	assert.Equal(t, "null", string(env.Data), "a service without the product")
}

func timeseriesParams(serviceID string, from, to time.Time, granularity string, kv ...string) url.Values {
	return logsParams(serviceID, "from", "to", from, to, append([]string{"source", "logs", "granularity", granularity}, kv...)...)
}

func TestTimeseriesBucketsAgreeWithAggregations(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	from := logsHour.Add(-2 * time.Hour)
	points := getLogs(t, srv, "/observability/timeseries", timeseriesParams(www.ID, from, logsHour.Add(time.Hour), "hour",
		"series", "p95[response_time]", "series", "avg[response_bytes_body]", "dimensions", "fastly_pop")).rows(t)
	byKey := map[string]row{}
	for _, p := range points {
		dims := p["dimensions"].(map[string]any)
		require.Len(t, dims, 2, "time and the dimension")
		byKey[dims["time"].(string)+" "+dims["fastly_pop"].(string)] = aggregationValues(t, p)
	}
	for hour := from; hour.Before(logsHour.Add(time.Hour)); hour = hour.Add(time.Hour) {
		rows := getLogs(t, srv, "/observability/aggregations", aggregationsParams(www.ID, hour, hour.Add(time.Hour),
			"series", "p95[response_time]", "series", "avg[response_bytes_body]", "dimensions", "fastly_pop", "limit", "100")).rows(t)
		require.NotEmpty(t, rows)
		for _, r := range rows {
			key := hour.Format(time.RFC3339) + " " + r["dimensions"].(map[string]any)["fastly_pop"].(string)
			require.Contains(t, byKey, key)
			assert.Equal(t, aggregationValues(t, r), byKey[key], key)
			delete(byKey, key)
		}
	}
	assert.Empty(t, byKey, "every point belongs to an hour of the window")
}

func TestTimeseriesBucketLimitAndGranularity(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	five := getLogs(t, srv, "/observability/timeseries", timeseriesParams(www.ID, logsHour, logsHour.Add(5*time.Minute), "second",
		"series", "avg[response_time]")).rows(t)
	require.NotEmpty(t, five, "300 second buckets are served")
	for _, p := range five {
		ts, err := time.Parse(time.RFC3339, p["dimensions"].(map[string]any)["time"].(string))
		require.NoError(t, err)
		assert.Zero(t, ts.Nanosecond())
	}
	status, _ := logStatus(t, srv, "/observability/timeseries", timeseriesParams(www.ID, logsHour, logsHour.Add(5*time.Minute+time.Second), "second",
		"series", "avg[response_time]"))
	assert.Equal(t, http.StatusInternalServerError, status, "301 second buckets fail upstream")
	status, body := logStatus(t, srv, "/observability/timeseries", timeseriesParams(www.ID, logsHour, logsHour.Add(time.Hour), "5m",
		"series", "avg[response_time]"))
	require.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "granularity: granularity must be one of second, minute, hour, day", fastlyReason(t, body))
	minutes := getLogs(t, srv, "/observability/timeseries", timeseriesParams(www.ID, logsHour, logsHour.Add(time.Hour), "minute",
		"series", "avg[response_time]"))
	assert.Len(t, minutes.rows(t), 60, "www has records every minute")
	assert.Equal(t, "minute", minutes.Meta["granularity"])
}
