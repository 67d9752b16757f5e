package simulator

import (
	"math"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func insightsParams(serviceID string, start, end time.Time, visualization string, kv ...string) url.Values {
	return logsParams(serviceID, "start", "end", start, end, append([]string{"visualization", visualization}, kv...)...)
}

func TestInsightsTopURLSharesAreTheRecordsShares(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	records := allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour)))
	counts := map[string]int{}
	for _, r := range records {
		counts[text(t, r, "request_path")]++
	}

	rows := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"top-url-by-requests", "limit", "100")).rows(t)
	require.Len(t, rows, len(counts), "one row per requested page")
	previous := math.Inf(1)
	for _, r := range rows {
		path := r["dimensions"].(map[string]any)["url"].(string)
		values := r["values"].([]any)
		require.Len(t, values, 1)
		got := number(t, values[0].(map[string]any), "request_percentage")
		assert.InDelta(t, float64(counts[path])/float64(len(records)), got, 1e-12, path)
		assert.LessOrEqual(t, got, previous, "ranked by requests")
		previous = got
	}
}

func TestInsightsFiveHundredsAgreeWithStats(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	hour, statsShare := worstHour(t, sim, www.ID)
	records := allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", hour, hour.Add(time.Hour)))
	errors := 0
	for _, r := range records {
		if integer(t, r, "response_status") >= 500 {
			errors++
		}
	}
	n := float64(len(records))

	rows := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, hour, hour.Add(time.Hour),
		"response-status-codes")).rows(t)
	insightsShare := 0.0
	for _, r := range rows {
		code, err := strconv.Atoi(r["dimensions"].(map[string]any)["status_code"].(string))
		require.NoError(t, err)
		if code >= 500 {
			insightsShare += number(t, r["dimension_attributes"].(map[string]any), "rate")
		}
	}
	assert.InDelta(t, float64(errors)/n, insightsShare, 1e-12, "insights counts the same records Log Explorer serves")

	// The records are n requests drawn from the hour's: their 5xx share is binomial around the stats share, so
	// 4 standard deviations bound it.
	tolerance := 4 * math.Sqrt(statsShare*(1-statsShare)/n)
	require.Greater(t, statsShare, tolerance, "the hour must hold enough 5xx for the comparison to mean something")
	assert.InDelta(t, statsShare, insightsShare, tolerance, "stats 5xx share %.4f, %d records", statsShare, len(records))
}

// worstHour is the hour within the last 7 days (sparing the newest two) with the highest stats 5xx share.
func worstHour(t *testing.T, sim *Simulator, serviceID string) (time.Time, float64) {
	t.Helper()
	var worst time.Time
	share := -1.0
	newest := testNow.Truncate(time.Hour).Add(-2 * time.Hour)
	for hour := newest; hour.After(testNow.Add(-7*24*time.Hour + time.Hour)); hour = hour.Add(-time.Hour) {
		requests := mustValue(t, sim, serviceID, "requests", "", "hour", hour)
		if s := valueOrZero(sim, serviceID, "status_5xx", "", "hour", hour) / requests; s > share {
			worst, share = hour, s
		}
	}
	return worst, share
}

func TestInsightsURLValuesComeFromTheRecords(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	hour, _ := worstHour(t, sim, www.ID)
	records := allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", hour, hour.Add(time.Hour)))
	times := map[string][]float64{}
	fiveHundreds := map[string]int{}
	total5xx := 0
	for _, r := range records {
		path := text(t, r, "request_path")
		times[path] = append(times[path], number(t, r, "response_time"))
		if integer(t, r, "response_status") >= 500 {
			fiveHundreds[path]++
			total5xx++
		}
	}

	slowest := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, hour, hour.Add(time.Hour),
		"top-url-by-duration", "limit", "5")).rows(t)
	require.Len(t, slowest, 5)
	for _, r := range slowest {
		path := r["dimensions"].(map[string]any)["url"].(string)
		values := r["values"].([]any)[0].(map[string]any)
		sorted := append([]float64(nil), times[path]...)
		sort.Float64s(sorted)
		assert.Equal(t, percentileOf(sorted, 95), number(t, values, "p95_response_time"), path)
		assert.InDelta(t, mean(sorted), number(t, values, "average_response_time"), 1e-9, path)
	}

	top5xx := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, hour, hour.Add(time.Hour),
		"top-5xx-urls", "limit", "100")).rows(t)
	require.Len(t, top5xx, len(fiveHundreds))
	for _, r := range top5xx {
		path := r["dimensions"].(map[string]any)["url"].(string)
		assert.NotContains(t, r, "values", "like live, 4xx/5xx rows carry only dimension_attributes.rate")
		assert.InDelta(t, float64(fiveHundreds[path])/float64(total5xx), number(t, r["dimension_attributes"].(map[string]any), "rate"), 1e-12)
	}
}

func mean(values []float64) float64 {
	sum := 0.0
	for _, v := range values {
		sum += v
	}
	return sum / float64(len(values))
}

func TestInsightsLimits(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	day := func(visualization string, kv ...string) url.Values {
		return insightsParams(www.ID, logsHour.Add(-23*time.Hour), logsHour.Add(time.Hour), visualization, kv...)
	}
	count := func(q url.Values) int { return len(getLogs(t, srv, "/observability/log-insights", q).rows(t)) }
	assert.Equal(t, insightsDefaultLimit, count(day("top-url-by-requests")), "limit defaults to 10")
	assert.Equal(t, 3, count(day("top-url-by-requests", "limit", "3")))
	assert.Greater(t, count(day("country-statistics", "limit", "1")), 1, "country-statistics ignores limit")
	assert.Greater(t, count(day("response-status-codes", "limit", "1")), 1, "response-status-codes ignores limit")

	status, body := logStatus(t, srv, "/observability/log-insights", day("top-url-by-requests", "limit", "101"))
	require.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "limit: limit must be an integer from 1 to 100", fastlyReason(t, body))
}

func TestInsightsVisualizationNames(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	for _, name := range []string{"top-url-by-duration-sum", "top-pages"} {
		status, _ := logStatus(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour), name))
		assert.Equal(t, http.StatusInternalServerError, status, "%s fails like the live API", name)
	}
	status, body := logStatus(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour), ""))
	require.Equal(t, http.StatusBadRequest, status)
	assert.Equal(t, "visualization: 'visualization' is required", fastlyReason(t, body))

	dimensions := map[string]string{
		"top-url-by-requests": "url", "top-url-by-bandwidth": "url", "top-url-by-duration": "url", "top-url-by-misses": "url",
		"top-url-by-cache-hit-ratio": "url", "bottom-url-by-cache-hit-ratio": "url", "top-4xx-urls": "url",
		"top-5xx-urls": "url", "response-status-codes": "status_code", "top-503-responses": "response",
		"country-statistics": "country", "top-browser-by-requests": "browser", "top-device-by-requests": "device",
		"top-os-by-requests": "os", "top-content-type-by-requests": "content_type",
	}
	hour, _ := worstHour(t, sim, www.ID)
	for name, dimension := range dimensions {
		rows := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, hour, hour.Add(time.Hour), name)).rows(t)
		require.NotEmpty(t, rows, name)
		assert.Contains(t, rows[0]["dimensions"], dimension, name)
	}
}

func TestInsightsScopeAndEcho(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	records := allExplorerRecords(t, srv, logsParams(www.ID, "start", "end", logsHour, logsHour.Add(time.Hour)))
	inScope := map[string]int{}
	n := 0
	for _, r := range records {
		if pop := text(t, r, "fastly_pop"); (pop == "FRA" || pop == "IAD") && text(t, r, "request_host") == "beta.www.example.com" {
			inScope[text(t, r, "request_path")]++
			n++
		}
	}
	require.Positive(t, n)

	env := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"top-url-by-requests", "pops", "IAD,FRA", "domain", "beta.www.example.com", "limit", "100"))
	for _, r := range env.rows(t) {
		path := r["dimensions"].(map[string]any)["url"].(string)
		got := number(t, r["values"].([]any)[0].(map[string]any), "request_percentage")
		assert.InDelta(t, float64(inScope[path])/float64(n), got, 1e-12, path)
	}
	filters := env.Meta["filters"].(map[string]any)
	assert.Equal(t, []any{"FRA", "IAD"}, filters["pops"])
	assert.Equal(t, "beta.www.example.com", filters["domain"])
	assert.Equal(t, true, filters["domain_exact_match"], "echoed even when not sent")
	assert.Equal(t, jsonNumber("100"), filters["limit"])

	exact := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"top-url-by-requests", "domain", "example.com"))
	assert.Equal(t, "[]", string(exact.Data), "no host is exactly example.com")
	suffix := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, logsHour, logsHour.Add(time.Hour),
		"top-url-by-requests", "domain", "example.com", "domain_exact_match", "false"))
	assert.Len(t, suffix.rows(t), insightsDefaultLimit, "every host ends in example.com")
}

func TestInsightsAnswersDataNullWithoutTheProduct(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	for _, name := range []string{"static.example.com", "quiet.example.com"} {
		svc := serviceNamed(t, sim, name)
		env := getLogs(t, srv, "/observability/log-insights", insightsParams(svc.ID, logsHour, logsHour.Add(time.Hour), "top-url-by-requests"))
		assert.Equal(t, "null", string(env.Data), name)
	}
	www := serviceNamed(t, sim, "www.example.com")
	old := getLogs(t, srv, "/observability/log-insights", insightsParams(www.ID, testNow.AddDate(0, 0, -10), testNow.AddDate(0, 0, -9), "top-url-by-requests"))
	assert.Equal(t, "null", string(old.Data), "past the 7-day retention")
}

func TestLogExplorerInsightsEnablement(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	for _, svc := range sim.Services() {
		resp, body := get(t, srv, "/enabled-products/v1/log_explorer_insights/services/"+svc.ID)
		if logsDisabledServices[svc.Name] {
			assert.Equal(t, http.StatusBadRequest, resp.StatusCode, svc.Name)
			assert.JSONEq(t, `{"type":"","title":"no product on service","status":400,"errors":null,"detail":""}`, string(body))
			continue
		}
		assert.Equal(t, http.StatusOK, resp.StatusCode, svc.Name)
		assert.JSONEq(t, `{"product":{"id":"log_explorer_insights","object":"product"},"service":{"id":"`+svc.ID+
			`","object":"service"},"_links":{"self":"/enabled-products/v1/log_explorer_insights/services/`+svc.ID+`"}}`, string(body))
	}
	assert.Len(t, logsDisabledServices, 2)
}
