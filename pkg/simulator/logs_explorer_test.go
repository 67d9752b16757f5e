package simulator

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specRecordFields are the 28 fields of the spec's LogRecord; liveRecordFields are ones the live API adds.
var (
	specRecordFields = []string{
		"customer_id", "service_id", "timestamp", "client_as_number", "client_region", "client_country_code",
		"client_os_name", "client_device_type", "client_browser_name", "client_browser_version", "fastly_pop",
		"origin_host", "request_protocol", "request_host", "request_path", "request_method", "response_bytes_body",
		"response_bytes_header", "response_content_length", "response_content_type", "response_reason",
		"response_state", "response_status", "response_time", "response_x_cache", "is_cache_hit", "is_edge", "is_shield",
	}
	liveRecordFields = []string{"client_ip_prefix", "client_as_name", "bot_name", "bot_category", "response_completed", "client_os_version"}
)

func TestLogExplorerPagesToTheEndNewestFirst(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	q := logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour))
	records := allExplorerRecords(t, srv, q)

	// The hour's stats requests, sampled one in logSampleOneIn: within 4 standard deviations of the Poisson count.
	requests := mustValue(t, sim, www.ID, "requests", "", "hour", logsHour)
	expected := requests / logSampleOneIn
	assert.InDelta(t, expected, float64(len(records)), 4*sqrt(expected), "records sampled from %v requests", requests)

	seen := map[string]bool{}
	previous := logsHour.Add(time.Hour)
	for _, rec := range records {
		ts, err := time.Parse(time.RFC3339Nano, text(t, rec, "timestamp"))
		require.NoError(t, err)
		require.False(t, ts.After(previous), "newest first")
		require.False(t, ts.Before(logsHour), "start is inclusive")
		require.True(t, ts.Before(logsHour.Add(time.Hour)), "end is exclusive")
		previous = ts
		key := string(mustJSON(t, rec))
		require.False(t, seen[key], "a record appears on one page only")
		seen[key] = true
	}
}

func TestLogExplorerRecordCarriesSpecAndLiveFields(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	page, next := explorerPage(t, srv, logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour)))
	require.Len(t, page, logExplorerDefaultLimit, "limit defaults to 10")
	require.NotEmpty(t, next)
	for _, name := range append(append([]string(nil), specRecordFields...), liveRecordFields...) {
		assert.Contains(t, page[0], name)
	}
	assert.Equal(t, www.ID, text(t, page[0], "service_id"))
	assert.Equal(t, customerID, text(t, page[0], "customer_id"))
	assert.Equal(t, integer(t, page[0], "response_bytes_body")+integer(t, page[0], "response_bytes_header"),
		integer(t, page[0], "response_content_length"))
	assert.Contains(t, []string{"www.example.com", "beta.www.example.com"}, text(t, page[0], "request_host"))
}

func TestLogExplorerFilters(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	window := func(kv ...string) url.Values {
		return logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour), kv...)
	}
	all := allExplorerRecords(t, srv, window())
	cases := []struct {
		name  string
		query []string
		keep  func(r row) bool
	}{
		{"gte on status", []string{"filter[response_status][gte]", "400"}, func(r row) bool { return integer(t, r, "response_status") >= 400 }},
		{"eq without operator", []string{"filter[fastly_pop]", "FRA"}, func(r row) bool { return text(t, r, "fastly_pop") == "FRA" }},
		{"in", []string{"filter[fastly_pop][in]", "FRA,IAD"}, func(r row) bool {
			return text(t, r, "fastly_pop") == "FRA" || text(t, r, "fastly_pop") == "IAD"
		}},
		{"contains", []string{"filter[request_path][contains]", "assets"}, func(r row) bool {
			return strings.Contains(text(t, r, "request_path"), "assets")
		}},
		{"ends-with on the domain alias", []string{"filter[domain][ends-with]", "beta.www.example.com"}, func(r row) bool {
			return text(t, r, "request_host") == "beta.www.example.com"
		}},
		{"boolean", []string{"filter[is_cache_hit]", "false"}, func(r row) bool { return r["is_cache_hit"] == false }},
		{"lt on seconds, combined with AND", []string{"filter[response_time][lt]", "0.001", "filter[request_method][eq]", "GET"},
			func(r row) bool {
				return number(t, r, "response_time") < 0.001 && text(t, r, "request_method") == "GET"
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var want []string
			for _, r := range all {
				if c.keep(r) {
					want = append(want, string(mustJSON(t, r)))
				}
			}
			require.NotEmpty(t, want, "the hour must hold matching records")
			require.Less(t, len(want), len(all), "the filter must leave records out")
			var got []string
			for _, r := range allExplorerRecords(t, srv, window(c.query...)) {
				got = append(got, string(mustJSON(t, r)))
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestLogExplorerEchoesFiltersWithParsedTypes(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	q := logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour),
		"filter[response_time][gte]", "0", "filter[is_cache_hit]", "true", "filter[fastly_pop][in]", "FRA,IAD", "limit", "5")
	env := getLogs(t, srv, "/observability/log-explorer", q)
	filters := env.Meta["filters"].(map[string]any)
	assert.Equal(t, []any{
		map[string]any{"field": "fastly_pop", "operator": "in", "value": "FRA,IAD"},
		map[string]any{"field": "is_cache_hit", "operator": "eq", "value": true},
		map[string]any{"field": "response_time", "operator": "gte", "value": jsonNumber("0")},
	}, filters["field_filters"])
	assert.Equal(t, jsonNumber("5"), filters["limit"])
	assert.Equal(t, www.ID, filters["service_id"])
	assert.Equal(t, logsHour.Format(time.RFC3339), filters["start"])
}

func TestLogExplorerRejectsBadRequests(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	shop := serviceNamed(t, sim, "shop.example.com")
	window := func(kv ...string) url.Values {
		return logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour), kv...)
	}
	_, cursor := explorerPage(t, srv, window())
	foreign := logsParams(shop.ID, "start", "end", logsHour, logsHour.Add(time.Hour), "next_cursor", cursor)
	cases := map[string]struct {
		query  url.Values
		reason string
	}{
		"limit above 100":     {window("limit", "101"), "limit: limit must be an integer from 1 to 100"},
		"limit 0":             {window("limit", "0"), "limit: limit must be an integer from 1 to 100"},
		"fastly_is_cache_hit": {window("filter[fastly_is_cache_hit]", "true"), "filter[fastly_is_cache_hit]: filter field 'fastly_is_cache_hit' is not supported; use 'is_cache_hit'"},
		"unknown field":       {window("filter[colour][eq]", "red"), "filter[colour][eq]: unknown filter field 'colour'"},
		"unfilterable field":  {window("filter[service_id]", "x"), "filter[service_id]: field 'service_id' cannot be filtered on"},
		"unknown operator":    {window("filter[response_status][not_in]", "200"), "filter[response_status][not_in]: unknown filter operator 'not_in'"},
		"gt on text":          {window("filter[fastly_pop][gt]", "A"), "filter[fastly_pop][gt]: operator 'gt' needs a numeric field, not 'fastly_pop'"},
		"not a number":        {window("filter[response_status]", "ok"), "filter[response_status]: 'ok' is not a number"},
		"bad time":            {with(window(), "start", "yesterday"), "start: failed to parse 'start' time"},
		"end before start":    {logsParams(www.ID, "start", "end", logsHour, logsHour.Add(-time.Hour)), "end: 'end' must be after 'start'"},
		"garbled cursor":      {window("next_cursor", "%%%"), "next_cursor: invalid cursor"},
		"another window's":    {foreign, "next_cursor: invalid cursor"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			status, body := logStatus(t, srv, "/observability/log-explorer", c.query)
			require.Equal(t, http.StatusBadRequest, status, body)
			assert.Equal(t, c.reason, fastlyReason(t, body))
		})
	}
}

func TestLogExplorerAnswersDataNull(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	static := serviceNamed(t, sim, "static.example.com")
	cases := map[string]url.Values{
		"a service without the product": logsParams(static.ID, "start", "end", logsHour, logsHour.Add(time.Hour)),
		"a window older than 7 days":    logsParams(www.ID, "start", "end", testNow.AddDate(0, 0, -9), testNow.AddDate(0, 0, -8)),
		"the last minute, not arrived":  logsParams(www.ID, "start", "end", testNow.Add(-50*time.Second), testNow),
		"a filter nothing matches":      logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour), "filter[fastly_pop]", "XXX"),
	}
	for name, q := range cases {
		t.Run(name, func(t *testing.T) {
			env := getLogs(t, srv, "/observability/log-explorer", q)
			assert.Equal(t, "null", string(env.Data))
			assert.NotContains(t, env.Meta["filters"], "next_cursor")
		})
	}
	// Records of the static service exist in the model: it is the product, not the traffic, that is missing.
	assert.Positive(t, mustValue(t, sim, static.ID, "requests", "", "hour", logsHour))
}

func TestLogExplorerClipsToRetention(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	api := serviceNamed(t, sim, "api.example.com")
	oldest := testNow.Add(-7 * 24 * time.Hour)
	q := logsParams(api.ID, "start", "end", oldest.Add(-time.Hour), oldest.Add(10*time.Minute), "filter[response_status][gte]", "0")
	records := allExplorerRecords(t, srv, q)
	require.NotEmpty(t, records)
	for _, rec := range records {
		ts, err := time.Parse(time.RFC3339Nano, text(t, rec, "timestamp"))
		require.NoError(t, err)
		assert.False(t, ts.Before(oldest), "no record older than 7 days")
	}
}

func TestEachLogRecordIsWhatLogExplorerServes(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	var truth []string
	sim.EachLogRecord(www.ID, logsHour, logsHour.Add(time.Hour), func(record []byte) bool {
		truth = append(truth, string(record))
		return true
	})
	var served []string
	for _, r := range allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour))) {
		served = append(served, string(mustJSON(t, r)))
	}
	require.Len(t, truth, len(served))
	for i := range truth {
		assert.JSONEq(t, truth[i], served[i])
	}
	assert.True(t, sim.LogExplorerEnabled(www.ID))
	static := serviceNamed(t, sim, "static.example.com")
	assert.False(t, sim.LogExplorerEnabled(static.ID))
	sim.EachLogRecord(static.ID, logsHour, logsHour.Add(time.Hour), func([]byte) bool {
		t.Fatal("a service without the product has no records to serve")
		return false
	})
}
