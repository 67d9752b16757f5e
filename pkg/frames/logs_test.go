package frames

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/grafana/grafana-plugin-sdk-go/experimental"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateGolden rewrites testdata/*.jsonc; flip it locally only, after checking the new output by eye.
const updateGolden = false

var (
	logSvc   = series.Service{ID: "SU1Z0isxPaozGVKXdv0eY1", Name: "www.example.com"}
	logStart = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	logEnd   = time.Date(2026, 12, 6, 11, 0, 0, 0, time.UTC)
)

// recordedPage is a Log Explorer page in the live shape (cursor under meta.filters, field_filters echo), with a
// field the spec does not list (bot_name).
const recordedPage = `{"data":[
 {"customer_id":"CUST","service_id":"SU1Z0isxPaozGVKXdv0eY1","timestamp":"2026-12-06T10:30:23Z","client_country_code":"US",
  "fastly_pop":"IAD","request_host":"www.example.com","request_path":"/checkout","request_method":"POST","response_status":503,
  "response_time":1.25,"response_state":"MISS","is_cache_hit":false,"bot_name":""},
 {"customer_id":"CUST","service_id":"SU1Z0isxPaozGVKXdv0eY1","timestamp":"2026-12-06T10:30:21Z","client_country_code":"GB",
  "fastly_pop":"LHR","request_host":"www.example.com","request_path":"/missing","request_method":"GET","response_status":404,
  "response_time":0.012,"response_state":"HIT","is_cache_hit":true},
 {"customer_id":"CUST","service_id":"SU1Z0isxPaozGVKXdv0eY1","timestamp":"2026-12-06T10:30:20Z","fastly_pop":"LHR",
  "request_host":"www.example.com","request_path":"/","request_method":"GET","response_status":200,"response_time":0.003,
  "response_state":"HIT","is_cache_hit":true}],
 "meta":{"filters":{"service_id":"SU1Z0isxPaozGVKXdv0eY1","start":"2026-12-06T10:00:00Z","end":"2026-12-06T11:00:00Z","limit":100,
  "field_filters":[{"field":"request_host","operator":"eq","value":"www.example.com"}]}}}`

func recordedRecords(t *testing.T) *logs.Records {
	page, err := fastlyapi.DecodeLogRecords([]byte(recordedPage), fastlyapi.LogExplorerPath)
	require.NoError(t, err)
	return &logs.Records{ServiceRange: logs.ServiceRange{Service: logSvc}, Records: page.Records, Calls: []string{"GET /observability/log-explorer?service_id=SU1Z0isxPaozGVKXdv0eY1"},
		Notices: []series.Notice{series.Warn("Stopped at the limit of 3 records")}}
}

func TestLogLinesFrameFollowsTheDataPlane(t *testing.T) {
	frame := LogLines(recordedRecords(t))
	require.Equal(t, data.FrameTypeLogLines, frame.Meta.Type)
	assert.Equal(t, data.VisType(data.VisTypeLogs), frame.Meta.PreferredVisualization)
	names := []string{}
	for _, f := range frame.Fields {
		names = append(names, f.Name)
	}
	assert.Equal(t, []string{"timestamp", "body", "severity", "id", "labels"}, names)
	assert.Equal(t, "POST 503 MISS www.example.com/checkout 1.250s IAD", frame.Fields[1].At(0))
	assert.Equal(t, []string{"error", "warning", "info"}, []string{
		frame.Fields[2].At(0).(string), frame.Fields[2].At(1).(string), frame.Fields[2].At(2).(string)})
	var labels map[string]any
	require.NoError(t, json.Unmarshal(frame.Fields[4].At(0).(json.RawMessage), &labels))
	assert.Equal(t, "US", labels["client_country_code"])
	assert.Contains(t, labels, "bot_name", "fields the spec does not list are kept")
	assert.Equal(t, "2026-12-06T10:30:23Z", frame.Fields[0].At(0).(time.Time).Format(time.RFC3339))
}

func TestALogLineWithoutAResponseTimeShowsNone(t *testing.T) {
	page, err := fastlyapi.DecodeLogRecords([]byte(`{"data":[{"timestamp":"2026-12-06T10:30:23Z","request_method":"GET",
	  "response_status":200,"request_host":"www.example.com","request_path":"/","fastly_pop":"LHR"},
	 {"timestamp":"2026-12-06T10:30:24Z","request_method":"GET","response_status":200,"request_host":"www.example.com",
	  "request_path":"/","fastly_pop":"LHR","response_time":0}]}`), fastlyapi.LogExplorerPath)
	require.NoError(t, err)
	frame := LogLines(&logs.Records{ServiceRange: logs.ServiceRange{Service: logSvc}, Records: page.Records})
	assert.Equal(t, "GET 200 www.example.com/ LHR", frame.Fields[1].At(0), "no response_time is not a 0 s response")
	assert.Equal(t, "GET 200 www.example.com/ 0.000s LHR", frame.Fields[1].At(1), "a 0 s response time is shown")
}

func TestLogLineIDsAreStableAndUnique(t *testing.T) {
	res := recordedRecords(t)
	res.Records = append(res.Records, res.Records[0])
	first, again := LogLines(res), LogLines(res)
	ids := map[string]bool{}
	for i := range first.Rows() {
		id := first.Fields[3].At(i).(string)
		assert.Equal(t, id, again.Fields[3].At(i), "the same record keeps its id across refreshes")
		assert.False(t, ids[id], "a repeated record gets its own id")
		ids[id] = true
	}
}

func TestLogLinesGolden(t *testing.T) {
	experimental.CheckGoldenJSONFrame(t, "testdata", "logs_lines", LogLines(recordedRecords(t)), updateGolden)
}

func insightsFrom(t *testing.T, visualization, body string) *logs.Insights {
	rows, err := fastlyapi.DecodeLogInsights([]byte(body), fastlyapi.LogInsightsPath)
	require.NoError(t, err)
	vis, ok := query.LookupLogVisualization(visualization)
	require.True(t, ok)
	return &logs.Insights{ServiceRange: logs.ServiceRange{Service: logSvc, From: logStart, To: logEnd}, Visualization: vis, Rows: rows,
		Calls: []string{"GET /observability/log-insights?visualization=" + visualization}, Notices: []series.Notice{series.Inform("estimates")}}
}

var testLinks = InsightsLinks{DatasourceUID: "fastly-uid", DatasourceName: "Fastly"}

func field(t *testing.T, f *data.Frame, name string) *data.Field {
	fd, _ := f.FieldByName(name)
	require.NotNil(t, fd, "field %s", name)
	return fd
}

func TestInsightsTopPagesLinkToExploreLogs(t *testing.T) {
	frame := Insights(insightsFrom(t, "top-5xx-urls", `{"data":[
		{"dimensions":{"url":"/checkout"},"dimension_attributes":{"rate":0.31}},
		{"dimensions":{"url":"/api/cart"},"dimension_attributes":{"rate":0.12}}],"meta":{"filters":{}}}`), testLinks)
	require.Equal(t, 2, frame.Rows())
	url := field(t, frame, "url")
	require.Len(t, url.Config.Links, 1)
	link := url.Config.Links[0].Internal
	assert.Equal(t, "fastly-uid", link.DatasourceUID)
	assert.Equal(t, logStart, link.Range.From)
	assert.Equal(t, logEnd, link.Range.To)
	q := link.Query.(map[string]any)
	assert.Equal(t, "logs", q["queryType"])
	assert.Equal(t, []string{logSvc.ID}, q["services"])
	assert.Contains(t, q["filters"], map[string]string{"field": "request_path", "operator": "eq", "value": "${__data.fields.url}"})
	assert.Contains(t, q["filters"], map[string]string{"field": "response_status", "operator": "gte", "value": "500"})
	assert.Equal(t, "percentunit", field(t, frame, "rate").Config.Unit, "shares of at most 1 are fractions")
}

func TestInsightsSharesAboveOneArePercentages(t *testing.T) {
	frame := Insights(insightsFrom(t, "top-url-by-duration", `{"data":[
		{"dimensions":{"url":"/"},"values":[{"average_response_time":0.2,"p95_response_time":0.9,"response_time_percentage":42.5}]}]}`), testLinks)
	assert.Equal(t, "percent", field(t, frame, "response_time_percentage").Config.Unit)
	assert.Equal(t, 42.5, *field(t, frame, "response_time_percentage").At(0).(*float64), "Fastly's number is kept, never rescaled")
	assert.Equal(t, "s", field(t, frame, "average_response_time").Config.Unit)
	assert.Equal(t, "s", field(t, frame, "p95_response_time").Config.Unit)
}

func TestInsightsNestedListsBecomeRowsWithTheirParent(t *testing.T) {
	frame := Insights(insightsFrom(t, "country-statistics", `{"data":[
		{"dimensions":{"country":"US"},"dimension_attributes":{"country_chr":0.91,"country_error_rate":0.002,"country_request_rate":0.37},
		 "values":[{"region":"US-CA","region_chr":0.93,"region_error_rate":0.001},{"region":"US-NY","region_chr":0.88,"region_error_rate":0.004}]},
		{"dimensions":{"country":"GB"},"dimension_attributes":{"country_chr":0.8,"country_error_rate":0.01,"country_request_rate":0.1},
		 "values":{"region":"GB-LND","region_chr":0.8,"region_error_rate":0.01}}]}`), testLinks)
	require.Equal(t, 3, frame.Rows())
	country, region := field(t, frame, "country"), field(t, frame, "region")
	assert.Equal(t, []string{"US", "US", "GB"}, []string{*country.At(0).(*string), *country.At(1).(*string), *country.At(2).(*string)})
	assert.Equal(t, "US-NY", *region.At(1).(*string))
	assert.Equal(t, 0.37, *field(t, frame, "country_request_rate").At(1).(*float64), "the parent's attributes repeat on each row")
	assert.Equal(t, data.FieldTypeNullableFloat64, field(t, frame, "region_chr").Type())
	assert.Empty(t, field(t, frame, "country").Config.Links, "no link without a url column")
}

func TestInsightsAttributeNamedLikeAValueIsPrefixed(t *testing.T) {
	frame := Insights(insightsFrom(t, "top-browser-by-requests", `{"data":[
		{"dimensions":{"browser":"Chrome"},"dimension_attributes":{"rate":0.6},"values":[{"browser_version":"126.0","rate":0.4}]}]}`), testLinks)
	assert.Equal(t, 0.6, *field(t, frame, "browser_rate").At(0).(*float64))
	assert.Equal(t, 0.4, *field(t, frame, "rate").At(0).(*float64))
}

func TestInsightsGolden(t *testing.T) {
	cases := map[string]struct{ visualization, body string }{
		"insights_top_pages": {"top-url-by-bandwidth", `{"data":[
			{"dimensions":{"url":"/video.mp4"},"values":[{"average_bandwidth_bytes":1048576,"bandwidth_percentage":0.61}]},
			{"dimensions":{"url":"/"},"values":[{"average_bandwidth_bytes":20480,"bandwidth_percentage":0.12}]}],
			"meta":{"filters":{"service_id":"SU1Z0isxPaozGVKXdv0eY1","limit":10,"domain_exact_match":true}}}`},
		"insights_status_codes": {"response-status-codes", `{"data":[
			{"dimensions":{"status-code":"503"},"dimension_attributes":{"rate":0.02},
			 "values":[{"url":"/checkout","rate_per_status":0.7,"rate_per_url":0.2},{"url":"/api","rate_per_status":0.3,"rate_per_url":0.05}]}]}`},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			experimental.CheckGoldenJSONFrame(t, "testdata", name, Insights(insightsFrom(t, c.visualization, c.body), testLinks), updateGolden)
		})
	}
}

func TestLogMetricsTableKeepsNullsAndUnits(t *testing.T) {
	q, err := query.ParseLogMetrics([]byte(`{"services":["SU1Z0isxPaozGVKXdv0eY1"],"metrics":["response_time_p95","response_bytes_body_avg"],"groupBy":"fastly_pop"}`))
	require.NoError(t, err)
	rows, err := fastlyapi.DecodeLogAggregations([]byte(`{"data":[
		{"dimensions":{"fastly_pop":"FRA"},"values":[{"p95[response_time]":0.941,"avg[response_bytes_body]":5120}]},
		{"dimensions":{"fastly_pop":"IAD"},"values":[{"p95[response_time]":0.61}]}],"meta":{}}`), fastlyapi.LogAggregationsPath)
	require.NoError(t, err)
	frame := LogMetricsTable(&logs.MetricsTable{ServiceRange: logs.ServiceRange{Service: logSvc, From: logStart, To: logEnd},
		Metrics: q.ParsedMetrics(), GroupBy: "fastly_pop", Rows: rows, Calls: []string{"GET /observability/aggregations"}})
	assert.Equal(t, "POP", field(t, frame, "fastly_pop").Config.DisplayNameFromDS)
	p95 := field(t, frame, "response_time_p95")
	assert.Equal(t, "s", p95.Config.Unit)
	assert.Equal(t, 0.941, *p95.At(0).(*float64))
	body := field(t, frame, "response_bytes_body_avg")
	assert.Equal(t, "bytes", body.Config.Unit)
	assert.Nil(t, body.At(1), "a value Fastly did not send is null, not zero")
	experimental.CheckGoldenJSONFrame(t, "testdata", "log_metrics_table", frame, updateGolden)
}
