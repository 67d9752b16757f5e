package fastlyapi

import (
	"fmt"
	"strings"
	"testing"
)

// eventsPageBody is a full page of 100 version.activate events shaped like the recorded answer.
func eventsPageBody() []byte {
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := range EventsPageSize {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"id":"ev%020d","type":"event","attributes":{"customer_id":"51MumwLiSJyFTWhtbByYgR",`+
			`"description":"Version '%d' was activated","event_type":"version.activate","ip":"92.238.40.48, 92.238.40.48",`+
			`"metadata":{"version":%d},"service_id":"kKJb5bOFI47uHeBVluGfX1","user_id":"1tSCjJnpQYBBCAsIfI6pX0",`+
			`"created_at":"2026-11-03T16:29:29Z","admin":false}}`, i, i+1, i+1)
	}
	b.WriteString(`],"links":{"next":"https://api.fastly.com/events?page[number]=2&page[size]=100"},"meta":{"total_pages":10}}`)
	return []byte(b.String())
}

// BenchmarkDecodeEventsPage decodes one full page of /events (the most one call of an annotation query reads).
func BenchmarkDecodeEventsPage(b *testing.B) {
	body := eventsPageBody()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeEvents(body, EventsPath); err != nil {
			b.Fatal(err)
		}
	}
}
