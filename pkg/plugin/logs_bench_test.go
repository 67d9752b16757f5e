package plugin

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// logBench is a datasource on the simulator with one service that has Log Explorer & Insights.
type logBench struct {
	sim *simulator.Simulator
	d   *Datasource
	www string
}

func newLogBench(b *testing.B) logBench {
	sim, srv := newSim(&testing.T{}, simulator.Config{})
	b.Cleanup(srv.Close)
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	if err != nil {
		b.Fatal(err)
	}
	d, err := newDatasource(settings, srv.Client(), fixedNow)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(d.Dispose)
	for _, s := range sim.Services() {
		if s.Name == "www.example.com" {
			return logBench{sim: sim, d: d, www: s.ID}
		}
	}
	b.Fatal("no www service")
	return logBench{}
}

// answer runs one query and fails the benchmark on an error.
func (lb logBench) answer(b *testing.B, q backend.DataQuery) *backend.QueryDataResponse {
	resp, err := lb.d.QueryData(context.Background(), &backend.QueryDataRequest{Queries: []backend.DataQuery{q}})
	if err != nil {
		b.Fatal(err)
	}
	if r := resp.Responses[q.RefID]; r.Error != nil {
		b.Fatal(r.Error)
	}
	return resp
}

// calls is how many requests the simulator answered since the last call, which resets the count.
func (lb logBench) calls() int {
	n := len(lb.sim.Requests())
	lb.sim.ResetRequests()
	return n
}

func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkLogsQuery answers logs queries of the last day (an unfinished window, never cached): calls per query,
// records returned, and the heap still held after the answers were dropped.
func BenchmarkLogsQuery(b *testing.B) {
	for _, limit := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("limit-%d", limit), func(b *testing.B) {
			lb := newLogBench(b)
			q := dataQuery("A", "logs", map[string]any{"services": []string{lb.www}, "limit": limit}, testNow.Add(-24*time.Hour), testNow)
			lb.answer(b, q) // enablement and the service list are cached from here on
			lb.calls()
			before := heapInUse()
			records := 0
			b.ResetTimer()
			for range b.N {
				resp := lb.answer(b, q)
				records = resp.Responses["A"].Frames[0].Rows()
			}
			b.StopTimer()
			b.ReportMetric(float64(lb.calls())/float64(b.N), "calls/op")
			b.ReportMetric(float64(records), "records")
			b.ReportMetric(float64(int64(heapInUse())-int64(before)), "heldB")
		})
	}
}

// BenchmarkLogsRefreshFinishedWindow refreshes a logs query of a window that ended an hour ago: no call.
func BenchmarkLogsRefreshFinishedWindow(b *testing.B) {
	lb := newLogBench(b)
	q := dataQuery("A", "logs", map[string]any{"services": []string{lb.www}, "limit": 1000}, testNow.Add(-2*time.Hour), testNow.Add(-time.Hour))
	lb.reportCallsPerAnswer(b, q)
}

// reportCallsPerAnswer answers q once, then b.N times, reporting the Fastly calls each repeated answer makes.
func (lb *logBench) reportCallsPerAnswer(b *testing.B, q backend.DataQuery) {
	lb.answer(b, q)
	lb.calls()
	b.ResetTimer()
	for range b.N {
		lb.answer(b, q)
	}
	b.StopTimer()
	b.ReportMetric(float64(lb.calls())/float64(b.N), "calls/op")
}

// BenchmarkOneCallQueries answers insights and logMetrics queries of an unfinished window: one call each.
func BenchmarkOneCallQueries(b *testing.B) {
	cases := map[string]struct {
		queryType string
		model     map[string]any
	}{
		"insights":             {"insights", map[string]any{"visualization": "top-url-by-requests", "limit": 100}},
		"logMetrics-table":     {"logMetrics", map[string]any{"metrics": []string{"response_time_p95"}, "groupBy": "fastly_pop"}},
		"logMetrics-timeserie": {"logMetrics", map[string]any{"metrics": []string{"response_time_p95"}, "format": "timeseries"}},
	}
	for name, c := range cases {
		b.Run(name, func(b *testing.B) {
			lb := newLogBench(b)
			c.model["services"] = []string{lb.www}
			q := dataQuery("A", c.queryType, c.model, testNow.Add(-time.Hour), testNow)
			q.Interval = time.Minute
			lb.reportCallsPerAnswer(b, q)
		})
	}
}
