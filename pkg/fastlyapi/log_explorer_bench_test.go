package fastlyapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// logRecordExtras are fields live records carry beyond the spec's 28 (about 65 in all), padded to Fastly's size.
var logRecordExtras = []string{"client_os_version", "client_as_name", "client_ip_prefix", "bot_name", "bot_category",
	"request_user_agent", "request_referer", "request_query", "request_accept_language", "request_accept_encoding",
	"request_accept_content", "request_tls_version", "request_tls_cipher", "request_http2_fingerprint",
	"request_tls_ja3_md5", "request_tls_ja4", "request_x_forwarded_for_count", "response_cache_control",
	"response_age", "response_etag", "response_vary", "response_surrogate_key", "origin_status", "origin_response_time",
	"origin_bytes_body", "fastly_shield_pop", "fastly_server", "fastly_restarts", "fastly_ttl", "fastly_grace",
	"fastly_stale_if_error", "fastly_is_ipv6", "fastly_is_h3", "fastly_segmented_caching", "fastly_image_optimizer",
	"client_latitude", "client_longitude"}

// logPage builds a Log Explorer page of n records shaped like the live API's (spec fields plus extras).
func logPage(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"data":[`)
	base := time.Date(2026, 8, 13, 14, 0, 0, 0, time.UTC)
	pops := []string{"IAD", "FRA", "LHR", "NRT", "SYD", "GRU"}
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"customer_id":"4ZS0aHQFwBGl5kqM1vYx2a","service_id":"kKJb5bOFI47uHeBVluGfX1","timestamp":%q,`+
			`"client_as_number":%d,"client_region":"US-PA","client_country_code":"US","client_os_name":"Mac OS X",`+
			`"client_device_type":"desktop","client_browser_name":"Chrome","client_browser_version":"126.0.6478.127",`+
			`"fastly_pop":%q,"origin_host":"origin-eu-west.example.com","request_protocol":"HTTP/2","request_host":"www.example.com",`+
			`"request_path":"/products/category-%d/item-%d/details","request_method":"GET","response_bytes_body":%d,`+
			`"response_bytes_header":430,"response_content_length":%d,"response_content_type":"text/html; charset=utf-8",`+
			`"response_reason":"OK","response_state":"HIT-CLUSTER","response_status":%d,"response_time":%.6f,`+
			`"response_x_cache":"HIT, MISS","is_cache_hit":true,"is_edge":true,"is_shield":false`,
			base.Add(-time.Duration(i)*time.Second).Format(time.RFC3339), 7922+i, pops[i%len(pops)], i%17, i,
			512+i*37, 942+i*37, []int{200, 200, 200, 304, 404, 503}[i%6], 0.0123+float64(i)/1000)
		for j, f := range logRecordExtras {
			switch j % 3 {
			case 0:
				fmt.Fprintf(&b, `,%q:%d`, f, i*j)
			case 1:
				fmt.Fprintf(&b, `,%q:%t`, f, (i+j)%2 == 0)
			default:
				fmt.Fprintf(&b, `,%q:"v%d"`, f, j)
			}
		}
		b.WriteByte('}')
	}
	b.WriteString(`],"meta":{"filters":{"service_id":"kKJb5bOFI47uHeBVluGfX1","start":"2026-08-13T14:00:00Z",` +
		`"end":"2026-08-13T15:00:00Z","limit":100,"field_filters":[],"next_cursor":"eyJvZmZzZXQiOjEwMH0="}}}`)
	return []byte(b.String())
}

func TestLogPageFixtureIsFastlySized(t *testing.T) {
	body := logPage(100)
	page, err := DecodeLogRecords(body, LogExplorerPath)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(page.Records[0].Raw, &fields); err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 100 || len(fields) != 28+len(logRecordExtras) || len(body) < 140_000 || len(body) > 180_000 {
		t.Fatalf("%d records of %d fields in %d bytes: want 100 records of about 65 fields in about 150 KB", len(page.Records), len(fields), len(body))
	}
}

// BenchmarkDecodeLogRecordsPage decodes a 100-record, ~150 KB page: single-pass (typed fields, Raw sliced from the
// body) against encoding/json into maps (what keeping every field would cost with the standard library).
func BenchmarkDecodeLogRecordsPage(b *testing.B) {
	body := logPage(100)
	b.Logf("payload %d bytes", len(body))
	b.Run("single-pass", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			page, err := DecodeLogRecords(body, LogExplorerPath)
			if err != nil || len(page.Records) != 100 {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json-maps", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var page struct {
				Data []map[string]any `json:"data"`
			}
			if err := json.Unmarshal(body, &page); err != nil || len(page.Data) != 100 {
				b.Fatal(err)
			}
		}
	})
}
