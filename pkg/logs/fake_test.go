package logs

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// fakeAPI is Fastly's log API over a fixed set of records and answers; it counts every call.
type fakeAPI struct {
	mu           sync.Mutex
	disabled     map[string]bool
	records      []fastlyapi.LogRecord // every record of the window, newest first
	insights     []fastlyapi.InsightsRow
	aggregations []fastlyapi.LogAggregationRow
	points       []fastlyapi.LogTimeseriesPoint
	gate         chan struct{} // when set, data calls wait for it to close
	calls        map[string]int
	recordReqs   []fastlyapi.LogRecordsRequest
	aggReqs      []fastlyapi.LogAggregationsRequest
	seriesReqs   []fastlyapi.LogTimeseriesRequest
}

func newFakeAPI() *fakeAPI { return &fakeAPI{disabled: map[string]bool{}, calls: map[string]int{}} }

func (f *fakeAPI) count(kind string) {
	f.mu.Lock()
	f.calls[kind]++
	gate := f.gate
	f.mu.Unlock()
	if gate != nil {
		<-gate
	}
}

func (f *fakeAPI) callsOf(kind string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[kind]
}

func (f *fakeAPI) LogExplorerInsightsEnabled(_ context.Context, serviceID string) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls["enabled"]++
	return !f.disabled[serviceID], nil
}

func (f *fakeAPI) LogInsights(_ context.Context, _ fastlyapi.InsightsRequest) ([]fastlyapi.InsightsRow, error) {
	f.count("insights")
	return f.insights, nil
}

// LogRecords serves the records from the cursor's offset; the cursor is the offset as text.
func (f *fakeAPI) LogRecords(_ context.Context, r fastlyapi.LogRecordsRequest) (fastlyapi.LogRecordsPage, error) {
	f.count("records")
	f.mu.Lock()
	f.recordReqs = append(f.recordReqs, r)
	f.mu.Unlock()
	start := 0
	if r.Cursor != "" {
		var err error
		if start, err = strconv.Atoi(r.Cursor); err != nil {
			return fastlyapi.LogRecordsPage{}, fmt.Errorf("bad cursor %q", r.Cursor)
		}
	}
	end := min(start+r.Limit, len(f.records))
	page := fastlyapi.LogRecordsPage{Records: f.records[start:end]}
	if end < len(f.records) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

func (f *fakeAPI) LogAggregations(_ context.Context, r fastlyapi.LogAggregationsRequest) ([]fastlyapi.LogAggregationRow, error) {
	f.count("aggregations")
	f.mu.Lock()
	f.aggReqs = append(f.aggReqs, r)
	f.mu.Unlock()
	return f.aggregations, nil
}

func (f *fakeAPI) LogTimeseries(_ context.Context, r fastlyapi.LogTimeseriesRequest) ([]fastlyapi.LogTimeseriesPoint, error) {
	f.count("timeseries")
	f.mu.Lock()
	f.seriesReqs = append(f.seriesReqs, r)
	f.mu.Unlock()
	return f.points, nil
}

// fakeStats answers every status class with fixed counts per bucket.
type fakeStats struct {
	requests []stats.Request
	counts   map[string][]*float64
	times    []time.Time
}

func (s *fakeStats) Run(_ context.Context, r stats.Request) (*stats.Result, error) {
	s.requests = append(s.requests, r)
	res := &stats.Result{}
	res.Times, res.Calls = s.times, []string{"GET /stats/service/" + r.Services[0].ID}
	for _, name := range r.Query.Metrics {
		res.Series = append(res.Series, series.Series{Service: r.Services[0], Values: s.counts[name]})
		res.Series[len(res.Series)-1].Metric.Name = name
	}
	return res, nil
}

// makeRecords builds n records a second apart ending at end, newest first; every third has status 503 at LHR,
// every fifth status 404.
func makeRecords(n int, end time.Time) []fastlyapi.LogRecord {
	out := make([]fastlyapi.LogRecord, n)
	for i := range out {
		t := end.Add(-time.Duration(i+1) * time.Second)
		status, pop := 200, "IAD"
		switch {
		case i%3 == 0:
			status, pop = 503, "LHR"
		case i%5 == 0:
			status = 404
		}
		raw := fmt.Sprintf(`{"timestamp":%q,"response_status":%d,"fastly_pop":%q,"request_method":"GET","request_host":"www.example.com",`+
			`"request_path":"/p/%d","response_state":"MISS","response_time":0.25,"is_cache_hit":false,"client_ip_prefix":"192.0.2.0/24"}`,
			t.Format(time.RFC3339), status, pop, i)
		out[i] = fastlyapi.LogRecord{Time: t, Status: status, Method: "GET", Host: "www.example.com", Path: fmt.Sprintf("/p/%d", i),
			Pop: pop, CacheState: "MISS", ResponseTime: 0.25, HasResponseTime: true, Raw: []byte(raw)}
	}
	return out
}

func f64(v float64) *float64 { return &v }
