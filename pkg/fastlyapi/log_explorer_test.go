package fastlyapi

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// capturingClient answers every call with body; the function it returns is the URL of the one call made so far.
func capturingClient(t *testing.T, body string) (*Client, func() *url.URL) {
	t.Helper()
	var mu sync.Mutex
	var seen []*url.URL
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL)
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	})
	return c, func() *url.URL {
		mu.Lock()
		defer mu.Unlock()
		require.Len(t, seen, 1, "one call")
		return seen[0]
	}
}

var (
	berlin       = time.FixedZone("CEST", 2*3600)
	logStart     = time.Date(2026, 8, 13, 16, 0, 0, 0, berlin) // 14:00 UTC
	logEnd       = time.Date(2026, 8, 13, 15, 0, 0, 0, time.UTC)
	recordedLogs = "go-fastly-main-5141097/observability_log_explorer/get.yaml"
)

// specRecord is the spec's 28-field record (reference §2.4, built from the model).
const specRecord = `{"customer_id":"CUST","service_id":"SVC","timestamp":"2026-08-13T14:30:23Z",
  "client_as_number":7922,"client_region":"US-PA","client_country_code":"US","client_os_name":"Mac OS X",
  "client_device_type":"desktop","client_browser_name":"Chrome","client_browser_version":"126.0",
  "fastly_pop":"IAD","origin_host":"origin.example.com","request_protocol":"HTTP/2","request_host":"www.example.com",
  "request_path":"/health","request_method":"GET","response_bytes_body":512,"response_bytes_header":430,
  "response_content_length":942,"response_content_type":"text/html","response_reason":"OK","response_state":"HIT",
  "response_status":200,"response_time":0.093,"response_x_cache":"HIT","is_cache_hit":true,"is_edge":true,"is_shield":false}`

func TestLogRecordsRequestEncodesFiltersTimesLimitAndCursor(t *testing.T) {
	c, called := capturingClient(t, `{"data":null,"meta":{}}`)
	r := LogRecordsRequest{ServiceID: "SVC", Start: logStart, End: logEnd, Cursor: "opaque+/=", Filters: []LogFilter{
		{Field: "response_status", Operator: "gte", Value: "500"},
		{Field: "request_method", Operator: "eq", Value: "GET"},
		{Field: "fastly_pop", Operator: "in", Value: "IAD,DFW"},
		{Field: "request_path", Operator: "contains", Value: ""},
	}}
	_, err := c.LogRecords(context.Background(), r)
	require.NoError(t, err)
	got := called()
	assert.Equal(t, LogExplorerPath, got.Path)
	assert.Equal(t, url.Values{
		"service_id": {"SVC"}, "start": {"2026-08-13T14:00:00Z"}, "end": {"2026-08-13T15:00:00Z"},
		"limit": {"100"}, "next_cursor": {"opaque+/="},
		"filter[response_status][gte]": {"500"}, "filter[request_method]": {"GET"},
		"filter[fastly_pop][in]": {"IAD,DFW"}, "filter[request_path][contains]": {""},
	}, got.Query())
	assert.Equal(t, "GET "+LogExplorerPath+"?"+got.RawQuery, r.String(), "ExecutedQueryString shows the call as sent")
}

func TestLogRecordsRequestLimitIsAPageOfAtMost100(t *testing.T) {
	for limit, want := range map[int]string{0: "100", 5: "5", 100: "100", 1000: "100"} {
		r := LogRecordsRequest{ServiceID: "SVC", Start: logStart, End: logEnd, Limit: limit}
		assert.Equal(t, want, r.Params().Get("limit"), "limit %d", limit)
	}
	assert.NotContains(t, LogRecordsRequest{}.Params(), "next_cursor", "the first page sends no cursor")
}

func TestLogRecordsRequestMatchesTheRecordedCall(t *testing.T) {
	want, err := url.Parse(recorded.Interactions(t, recordedLogs)[0].Request.URL)
	require.NoError(t, err)
	r := LogRecordsRequest{ServiceID: "kKJb5bOFI47uHeBVluGfX1", Limit: 5,
		Start: time.Date(2026, 8, 12, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 8, 13, 15, 0, 0, 0, time.UTC),
		Filters: []LogFilter{{Field: "response_time", Operator: "gte", Value: "0"}}}
	assert.Equal(t, want.RawQuery, r.Params().Encode())
}

func TestDecodeLogRecordsSpecShape(t *testing.T) {
	body := `{"data":[` + specRecord + `],"meta":{"filters":{"service_id":"SVC","start":"2026-08-13T14:00:00Z",
	  "end":"2026-08-13T15:00:00Z","limit":"10","filter_fields":[{"field":"response_status","operator":"eq","value":200}],
	  "next_cursor":"c2"}}}`
	page, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.NoError(t, err)
	require.Len(t, page.Records, 1)
	rec := page.Records[0]
	assert.Equal(t, time.Date(2026, 8, 13, 14, 30, 23, 0, time.UTC), rec.Time)
	assert.Equal(t, time.UTC, rec.Time.Location())
	assert.Equal(t, 200, rec.Status)
	assert.Equal(t, "GET", rec.Method)
	assert.Equal(t, "www.example.com", rec.Host)
	assert.Equal(t, "/health", rec.Path)
	assert.Equal(t, "IAD", rec.Pop)
	assert.Equal(t, "HIT", rec.CacheState)
	assert.InDelta(t, 0.093, rec.ResponseTime, 1e-12)
	assert.Equal(t, specRecord, string(rec.Raw), "Raw is the record as sent")
	assert.Equal(t, "c2", page.NextCursor)
}

func TestDecodeLogRecordsLiveShapeKeepsEveryField(t *testing.T) {
	live := `{"timestamp":"2026-08-13T16:30:23.25+02:00","response_status":"503","response_time":"1.5",
	  "request_path":"\/caf\u00e9?q=1","request_method":"POST","fastly_pop":"FRA","response_x_cache":"MISS",
	  "bot_name":"","bot_category":"search","client_ip_prefix":"192.0.2.0/24","client_as_name":"EXAMPLE",
	  "response_completed":true,"nested":{"a":[1,{"b":null}]}}`
	body := `{"meta":{"next_cursor":"go-fastly-place","filters":{"field_filters":[]}},"data":[` + live + `]}`
	page, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.NoError(t, err)
	require.Len(t, page.Records, 1)
	rec := page.Records[0]
	assert.Equal(t, time.Date(2026, 8, 13, 14, 30, 23, 250e6, time.UTC), rec.Time)
	assert.Equal(t, 503, rec.Status)
	assert.InDelta(t, 1.5, rec.ResponseTime, 1e-12)
	assert.Equal(t, "/café?q=1", rec.Path)
	assert.Equal(t, "MISS", rec.CacheState, "response_x_cache stands in for an absent response_state")
	assert.Equal(t, "go-fastly-place", page.NextCursor, "meta.next_cursor is read when meta.filters has none")
	var fields map[string]any
	require.NoError(t, json.Unmarshal(rec.Raw, &fields))
	assert.Len(t, fields, 13, "no field is dropped")
	assert.Equal(t, "192.0.2.0/24", fields["client_ip_prefix"])
	assert.Equal(t, live, string(rec.Raw))
}

func TestDecodeLogRecordsCursorUnderFiltersWins(t *testing.T) {
	body := `{"data":[],"meta":{"next_cursor":"outer","filters":{"next_cursor":"inner"}}}`
	page, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.NoError(t, err)
	assert.Equal(t, "inner", page.NextCursor)
	assert.Empty(t, page.Records)
}

func TestDecodeLogRecordsDataNullIsNoRecords(t *testing.T) {
	page, err := DecodeLogRecords(recorded.Body(t, recordedLogs), LogExplorerPath)
	require.NoError(t, err)
	assert.Nil(t, page.Records)
	assert.Empty(t, page.NextCursor, "the recorded page was the last")
}

func TestLogRecordsReadsTheRecordedAnswer(t *testing.T) {
	srv := recorded.Server(t, recordedLogs)
	c, err := NewClient("t", srv.URL, srv.Client())
	require.NoError(t, err)
	page, err := c.LogRecords(context.Background(), LogRecordsRequest{ServiceID: "kKJb5bOFI47uHeBVluGfX1", Start: logStart, End: logEnd})
	require.NoError(t, err)
	assert.Equal(t, LogRecordsPage{}, page)
}

func TestDecodeLogRecordsRejectsWhatItCannotRead(t *testing.T) {
	cases := map[string]string{
		"not an object":        `[]`,
		"no data":              `{"meta":{}}`,
		"data not a list":      `{"data":{"timestamp":"2026-08-13T14:30:23Z"}}`,
		"record not an object": `{"data":["x"]}`,
		"no timestamp":         `{"data":[{"response_status":200}]}`,
		"bad timestamp":        `{"data":[{"timestamp":"yesterday"}]}`,
		"broken JSON":          `{"data":[{"timestamp":"2026-08-13T14:30:23Z",}]}`,
		"trailing bytes":       `{"data":null} x`,
		"bad escape":           `{"data":[{"timestamp":"2026-08-13T14:30:23Z","request_path":"\q"}]}`,
	}
	for name, body := range cases {
		_, err := DecodeLogRecords([]byte(body), LogExplorerPath)
		var de *DecodeError
		require.ErrorAs(t, err, &de, name)
		assert.Equal(t, LogExplorerPath, de.Path, name)
	}
}

func TestDecodeLogRecordsErrorsNeverCarryRecordContents(t *testing.T) {
	body := `{"data":[{"client_ip_prefix":"192.0.2.0/24","timestamp":"2026-08-13T14:30:23Z","user_agent":"Secret/1.0"},{"client_ip_prefix":"198.51.100.0/24"}]}`
	_, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "192.0.2")
	assert.NotContains(t, err.Error(), "198.51.100")
	assert.NotContains(t, err.Error(), "Secret")
}

func TestDecodeLogRecordsOddNumbersAreZero(t *testing.T) {
	body := `{"data":[{"timestamp":"2026-08-13T14:30:23Z","response_status":null,"response_time":"n/a"},
	  {"timestamp":"2026-08-13T14:30:24Z","response_status":true,"response_time":[1]}]}`
	page, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.NoError(t, err)
	require.Len(t, page.Records, 2)
	for _, rec := range page.Records {
		assert.Zero(t, rec.Status)
		assert.Zero(t, rec.ResponseTime)
		assert.False(t, rec.HasResponseTime, "an unreadable response_time is absent, not 0 s")
	}
}

func TestFastlysBadRequestReasonIsKeptVerbatim(t *testing.T) {
	cases := map[string]string{
		"application/json":         `{"msg":"Bad Request","detail":"invalid filter field: fastly_is_cache_hit"}`,
		"application/problem+json": `{"title":"Bad Request","status":400,"detail":"invalid filter field: fastly_is_cache_hit"}`,
	}
	for contentType, body := range cases {
		var calls atomic.Int32
		c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
			calls.Add(1)
			w.Header().Set("Content-Type", contentType)
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(body))
		})
		c.retry = DefaultRetryPolicy(3).withDefaults()
		_, err := c.LogRecords(context.Background(), LogRecordsRequest{ServiceID: "SVC", Start: logStart, End: logEnd})
		var apiErr *Error
		require.ErrorAs(t, err, &apiErr, contentType)
		assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
		assert.Equal(t, "Bad Request: invalid filter field: fastly_is_cache_hit", apiErr.Message, contentType)
		assert.Equal(t, int32(1), calls.Load(), "a 400 is not retried")
	}
}

func TestDecodeLogRecordsFirstDataCounts(t *testing.T) {
	body := `{"data":[{"timestamp":"2026-08-13T14:30:23Z"}],"data":[{"timestamp":"2026-08-13T14:30:24Z"},{"timestamp":"2026-08-13T14:30:25Z"}]}`
	page, err := DecodeLogRecords([]byte(body), LogExplorerPath)
	require.NoError(t, err)
	require.Len(t, page.Records, 1)
	assert.Equal(t, 23, page.Records[0].Time.Second())
}

func TestLogRecordReaderComparesFieldsAsFastlyWroteThem(t *testing.T) {
	var rd LogRecordReader
	rec := LogRecord{Raw: []byte(`{"response_status":503,"fastly_pop":"FRA","is_cache_hit":false,"client_as_name":null}`)}
	require.True(t, rd.Load(rec))
	assert.True(t, rd.FieldEquals("response_status", "503"))
	assert.True(t, rd.FieldEquals("response_status", "503.0"), "numbers compare by value")
	assert.False(t, rd.FieldEquals("response_status", "500"))
	assert.True(t, rd.FieldEquals("fastly_pop", "FRA"))
	assert.False(t, rd.FieldEquals("fastly_pop", "fra"), "strings as written")
	assert.True(t, rd.FieldEquals("is_cache_hit", "false"))
	assert.False(t, rd.FieldEquals("client_as_name", ""), "null equals nothing")
	assert.False(t, rd.FieldEquals("bot_name", ""), "an absent field equals nothing")
	assert.False(t, rd.Load(LogRecord{Raw: []byte(`{"cut`)}))
	assert.False(t, rd.FieldEquals("fastly_pop", "FRA"), "an unreadable record matches nothing")
}
