package simulator

import (
	"testing"
	"time"
)

// benchLogs serves path on the pinned-clock simulator of benchInspector, reporting the answer's bytes.
func benchLogs(b *testing.B, path func(id string, now time.Time) string) {
	sim, id, now := benchInspector()
	target := path(id, now)
	b.SetBytes(int64(serveOK(b, sim, target).Body.Len()))
	b.ReportAllocs()
	for b.Loop() {
		serveOK(b, sim, target)
	}
}

func logsWindow(id string, from, to time.Time) string {
	return "service_id=" + id + "&start=" + from.Format(time.RFC3339) + "&end=" + to.Format(time.RFC3339)
}

// BenchmarkLogExplorerPage100 serves one page of 100 records of the busiest service's last hour.
func BenchmarkLogExplorerPage100(b *testing.B) {
	benchLogs(b, func(id string, now time.Time) string {
		return "/observability/log-explorer?limit=100&" + logsWindow(id, now.Add(-time.Hour), now)
	})
}

// BenchmarkLogExplorerPage100Rare serves 100 records of a rare filter (5xx) over 7 days: the longest scan a page needs.
func BenchmarkLogExplorerPage100Rare(b *testing.B) {
	benchLogs(b, func(id string, now time.Time) string {
		return "/observability/log-explorer?limit=100&filter[response_status][gte]=500&" + logsWindow(id, now.Add(-7*24*time.Hour), now)
	})
}

// BenchmarkLogInsightsDay and BenchmarkLogInsightsWeek rank pages over 1 and 7 days: time grows with the window,
// memory held does not (tallies per page, not per record).
func BenchmarkLogInsightsDay(b *testing.B) {
	benchLogs(b, func(id string, now time.Time) string {
		return "/observability/log-insights?visualization=top-url-by-duration&" + logsWindow(id, now.Add(-24*time.Hour), now)
	})
}

func BenchmarkLogInsightsWeek(b *testing.B) {
	benchLogs(b, func(id string, now time.Time) string {
		return "/observability/log-insights?visualization=top-url-by-duration&" + logsWindow(id, now.Add(-7*24*time.Hour), now)
	})
}

// BenchmarkLogAggregationsWeek groups a week of records by POP with p95 and avg response time.
func BenchmarkLogAggregationsWeek(b *testing.B) {
	benchLogs(b, func(id string, now time.Time) string {
		return "/observability/aggregations?source=logs&series=p95[response_time]&series=avg[response_time]&dimensions=fastly_pop&" +
			logsWindow(id, now.Add(-7*24*time.Hour), now)
	})
}
