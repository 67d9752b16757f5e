package logs

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	testNow = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)
	svc     = series.Service{ID: "SU1Z0isxPaozGVKXdv0eY1", Name: "www.example.com"}
)

// clock is a settable time for the caches.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// testCacheBytes is the plugin's default finished-window cache, 32 MB.
const testCacheBytes = 32 << 20

func newTestEngine(api *fakeAPI, st StatsRunner) (*Engine, *clock) {
	c := &clock{t: testNow}
	return NewEngine(api, st, Config{CacheBytes: testCacheBytes, Now: c.now}), c
}

// finishedHour is a window that ended ten minutes ago: its records have landed.
func finishedHour() ServiceRange {
	return ServiceRange{Service: svc, From: testNow.Add(-70 * time.Minute), To: testNow.Add(-10 * time.Minute)}
}

func TestRecordsPagesUntilLimitAndSaysSo(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(2500, testNow)
	e, _ := newTestEngine(api, nil)

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 1000})
	require.NoError(t, err)
	assert.Len(t, res.Records, 1000)
	assert.Equal(t, 10, api.callsOf("records"), "1,000 records in pages of 100")
	assert.Len(t, res.Calls, 10)
	for _, r := range api.recordReqs {
		assert.Equal(t, 100, r.Limit)
	}
	assert.Equal(t, "", api.recordReqs[0].Cursor)
	assert.Equal(t, "900", api.recordReqs[9].Cursor)
	require.Len(t, res.Notices, 1)
	assert.Equal(t, series.Warning, res.Notices[0].Severity)
	assert.Contains(t, res.Notices[0].Text, "Stopped at the limit of 1000 records")
}

func TestRecordsStopAtTheLastPageWithoutNotice(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(250, testNow)
	e, _ := newTestEngine(api, nil)

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 1000})
	require.NoError(t, err)
	assert.Len(t, res.Records, 250)
	assert.Equal(t, 3, api.callsOf("records"))
	assert.Empty(t, res.Notices)
}

func TestRecordsAskOnlyForWhatTheLimitLeaves(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(500, testNow)
	e, _ := newTestEngine(api, nil)

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 150})
	require.NoError(t, err)
	assert.Len(t, res.Records, 150)
	require.Len(t, api.recordReqs, 2)
	assert.Equal(t, 50, api.recordReqs[1].Limit)
}

func TestRecordsDropNotEqualMatchesWithoutSendingThem(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(30, testNow)
	e, _ := newTestEngine(api, nil)
	filters := []query.LogFilter{
		{Field: "fastly_pop", Operator: "neq", Value: "LHR"},
		{Field: "request_method", Operator: "eq", Value: "GET"},
	}

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Filters: filters, Limit: 100})
	require.NoError(t, err)
	assert.Len(t, res.Records, 20, "every third record is at LHR")
	for _, r := range res.Records {
		assert.NotEqual(t, "LHR", r.Pop)
	}
	assert.Equal(t, []fastlyapi.LogFilter{{Field: "request_method", Operator: "eq", Value: "GET"}}, api.recordReqs[0].Filters)
	require.Len(t, res.Notices, 1)
	assert.Contains(t, res.Notices[0].Text, "10 of 30 records read were dropped by the plugin")
}

func TestNotEqualComparesNumbersAndBooleansByValue(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(30, testNow)
	e, _ := newTestEngine(api, nil)

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 100,
		Filters: []query.LogFilter{{Field: "response_status", Operator: "neq", Value: "503.0"}}})
	require.NoError(t, err)
	assert.Len(t, res.Records, 20)

	res, err = e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 100,
		Filters: []query.LogFilter{{Field: "is_cache_hit", Operator: "neq", Value: "false"}}})
	require.NoError(t, err)
	assert.Empty(t, res.Records)
}

func TestServiceWithoutTheProductIsAnErrorNotNoTraffic(t *testing.T) {
	api := newFakeAPI()
	api.disabled[svc.ID] = true
	e, _ := newTestEngine(api, nil)

	_, err := e.Records(context.Background(), RecordsQuery{ServiceRange: finishedHour(), Limit: 100})
	var notEnabled *NotEnabledError
	require.ErrorAs(t, err, &notEnabled)
	assert.Contains(t, err.Error(), "Log Explorer & Insights is not enabled for service www.example.com")
	assert.Contains(t, err.Error(), "enable it in the Fastly control panel")
	_, err = e.Insights(context.Background(), InsightsQuery{ServiceRange: finishedHour(), Query: query.Insights{Visualization: "top-url-by-requests", Limit: 10}})
	require.ErrorAs(t, err, &notEnabled)
	assert.Zero(t, api.callsOf("records")+api.callsOf("insights"), "no data call for a service without the product")
	assert.Equal(t, 1, api.callsOf("enabled"), "the enablement answer is cached per service")
}

func TestRangeOlderThanRetentionIsAnErrorWithoutCalls(t *testing.T) {
	api := newFakeAPI()
	e, _ := newTestEngine(api, nil)
	old := ServiceRange{Service: svc, From: testNow.Add(-9 * 24 * time.Hour), To: testNow.Add(-8 * 24 * time.Hour)}

	_, err := e.Records(context.Background(), RecordsQuery{ServiceRange: old, Limit: 100})
	var invalid *query.InvalidError
	require.ErrorAs(t, err, &invalid)
	assert.Contains(t, err.Error(), "Fastly keeps sampled logs for 7 days")
	assert.Zero(t, api.callsOf("enabled")+api.callsOf("records"))
}

func TestRangePartlyOlderIsClippedWithNotice(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(5, testNow)
	e, _ := newTestEngine(api, nil)
	w := ServiceRange{Service: svc, From: testNow.Add(-10 * 24 * time.Hour), To: testNow.Add(-time.Hour)}

	res, err := e.Records(context.Background(), RecordsQuery{ServiceRange: w, Limit: 100})
	require.NoError(t, err)
	start := api.recordReqs[0].Start
	assert.False(t, start.Before(testNow.Add(-Retention)), "the call starts within the retention")
	assert.True(t, start.Before(testNow.Add(-Retention).Add(2*time.Minute)))
	require.NotEmpty(t, res.Notices)
	assert.Contains(t, res.Notices[0].Text, "Fastly keeps sampled logs for 7 days: the range starts at")
}

func TestFinishedWindowIsAnsweredFromCacheWithinItsLife(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(150, testNow)
	e, c := newTestEngine(api, nil)
	q := RecordsQuery{ServiceRange: finishedHour(), Limit: 1000}

	_, err := e.Records(context.Background(), q)
	require.NoError(t, err)
	require.Equal(t, 2, api.callsOf("records"))
	c.add(defaultCacheTTL - time.Second)
	again, err := e.Records(context.Background(), q)
	require.NoError(t, err)
	assert.Len(t, again.Records, 150)
	assert.Equal(t, 2, api.callsOf("records"), "a refresh within the cache's life makes no call")
	assert.Positive(t, e.CacheBytes())

	c.add(2 * time.Second)
	_, err = e.Records(context.Background(), q)
	require.NoError(t, err)
	assert.Equal(t, 4, api.callsOf("records"), "an expired answer is read again")
}

func TestUnfinishedWindowIsReadEveryTime(t *testing.T) {
	api := newFakeAPI()
	api.records = makeRecords(10, testNow)
	e, _ := newTestEngine(api, nil)
	q := RecordsQuery{ServiceRange: ServiceRange{Service: svc, From: testNow.Add(-time.Hour), To: testNow}, Limit: 100}

	for range 2 {
		_, err := e.Records(context.Background(), q)
		require.NoError(t, err)
	}
	assert.Equal(t, 2, api.callsOf("records"), "records of the last minutes are still landing")
	assert.Zero(t, e.CacheBytes())
}

func TestIdenticalQueriesInFlightMakeOneRead(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := newFakeAPI()
		api.records = makeRecords(50, testNow)
		api.gate = make(chan struct{})
		e, _ := newTestEngine(api, nil)
		q := RecordsQuery{ServiceRange: ServiceRange{Service: svc, From: testNow.Add(-time.Hour), To: testNow}, Limit: 100}
		var wg sync.WaitGroup
		results := make([]*Records, 5)
		for i := range results {
			wg.Go(func() {
				var err error
				results[i], err = e.Records(context.Background(), q)
				assert.NoError(t, err)
			})
		}
		synctest.Wait() // one read waits at the gate, every other query waits for it
		close(api.gate)
		wg.Wait()
		assert.Equal(t, 1, api.callsOf("records"), "five identical queries in flight make one call")
		for _, r := range results {
			assert.Len(t, r.Records, 50)
		}
	})
}

func TestCacheKeepsWithinItsBytes(t *testing.T) {
	c := &clock{t: testNow}
	cache := newAnswerCache(4000, time.Minute, c.now)
	for i := range 10 {
		cache.put(string(rune('a'+i)), i, 900)
	}
	assert.LessOrEqual(t, cache.size(), int64(4000))
	_, ok := cache.get("a")
	assert.False(t, ok, "the least recently used answer went first")
	_, ok = cache.get("j")
	assert.True(t, ok)
	cache.put("big", 0, 1001)
	_, ok = cache.get("big")
	assert.False(t, ok, "an answer over a quarter of the bound is not kept")
}

func TestInsightsIsOneCallWithEstimateNotice(t *testing.T) {
	api := newFakeAPI()
	api.insights = []fastlyapi.InsightsRow{{Dimensions: map[string]any{"url": "/"}, Values: []map[string]any{{"request_percentage": 0.42}}}}
	e, _ := newTestEngine(api, nil)

	res, err := e.Insights(context.Background(), InsightsQuery{ServiceRange: finishedHour(),
		Query: query.Insights{Visualization: "top-url-by-requests", Limit: 10, Datacenters: []string{"IAD"}, DomainExactMatch: true}})
	require.NoError(t, err)
	assert.Equal(t, 1, api.callsOf("insights"))
	assert.Equal(t, "Top pages by requests", res.Visualization.Label)
	assert.Len(t, res.Rows, 1)
	require.Len(t, res.Calls, 1)
	assert.Contains(t, res.Calls[0], "visualization=top-url-by-requests")
	assert.Contains(t, res.Notices[len(res.Notices)-1].Text, "estimates")
}

func logMetricsQuery(t *testing.T, raw string) query.LogMetrics {
	q, err := query.ParseLogMetrics([]byte(raw))
	require.NoError(t, err)
	return q
}

func TestMetricsTableSortsAsAsked(t *testing.T) {
	api := newFakeAPI()
	api.aggregations = []fastlyapi.LogAggregationRow{
		{Dimensions: map[string]string{"fastly_pop": "IAD"}, Values: map[string]float64{"p95[response_time]": 0.6}},
		{Dimensions: map[string]string{"fastly_pop": "AMS"}, Values: map[string]float64{}},
		{Dimensions: map[string]string{"fastly_pop": "FRA"}, Values: map[string]float64{"p95[response_time]": 0.9}},
	}
	e, _ := newTestEngine(api, nil)
	q := logMetricsQuery(t, `{"services":["SU1Z0isxPaozGVKXdv0eY1"],"metrics":["response_time_p95"],"groupBy":"fastly_pop","limit":2}`)

	res, err := e.MetricsTable(context.Background(), MetricsQuery{ServiceRange: finishedHour(), Query: q})
	require.NoError(t, err)
	assert.Equal(t, 1, api.callsOf("aggregations"))
	req := api.aggReqs[0]
	assert.Equal(t, []string{"p95[response_time]"}, req.Series)
	assert.Equal(t, []string{"fastly_pop"}, req.Dimensions)
	assert.Equal(t, "-p95[response_time]", req.Sort)
	assert.Equal(t, 2, req.Limit)
	require.Len(t, res.Rows, 2)
	assert.Equal(t, "FRA", res.Rows[0].Dimensions["fastly_pop"])
	assert.Equal(t, "IAD", res.Rows[1].Dimensions["fastly_pop"])
}

func TestMetricsSeriesPlacesPointsPerGroup(t *testing.T) {
	api := newFakeAPI()
	w := finishedHour()
	at := func(m int) time.Time { return w.From.Add(time.Duration(m) * time.Minute) }
	api.points = []fastlyapi.LogTimeseriesPoint{
		{Time: at(0), Dimensions: map[string]string{"fastly_pop": "IAD"}, Values: map[string]float64{"p95[response_time]": 0.5}},
		{Time: at(1), Dimensions: map[string]string{"fastly_pop": "LHR"}, Values: map[string]float64{"p95[response_time]": 0.7}},
		{Time: at(2), Dimensions: map[string]string{"fastly_pop": "IAD"}, Values: map[string]float64{}},
	}
	e, _ := newTestEngine(api, nil)
	q := logMetricsQuery(t, `{"services":["SU1Z0isxPaozGVKXdv0eY1"],"metrics":["response_time_p95"],"groupBy":"fastly_pop","format":"timeseries"}`)

	res, err := e.MetricsSeries(context.Background(), MetricsQuery{ServiceRange: w, Query: q, Interval: time.Minute, MaxPoints: 1000})
	require.NoError(t, err)
	assert.Equal(t, "minute", api.seriesReqs[0].Granularity)
	assert.Len(t, res.Times, 60)
	require.Len(t, res.Series, 2)
	iad, lhr := res.Series[0], res.Series[1]
	if iad.Label("fastly_pop") != "IAD" {
		iad, lhr = lhr, iad
	}
	assert.Equal(t, 0.5, *iad.Values[0])
	assert.Nil(t, iad.Values[1])
	assert.Nil(t, iad.Values[2], "a bucket without a value stays empty, never zero")
	assert.Equal(t, 0.7, *lhr.Values[1])
	assert.Equal(t, "s", iad.Unit)
}

func TestTimeseriesGranularityFollowsTheInterval(t *testing.T) {
	five := ServiceRange{Service: svc, From: testNow.Add(-5 * time.Minute), To: testNow}
	day := ServiceRange{Service: svc, From: testNow.Add(-24 * time.Hour), To: testNow}
	week := ServiceRange{Service: svc, From: testNow.Add(-6 * 24 * time.Hour), To: testNow}
	cases := []struct {
		name     string
		w        ServiceRange
		interval time.Duration
		points   int64
		want     string
	}{
		{"seconds within 300 buckets", five, time.Second, 1000, "second"},
		{"seconds beyond 300 buckets", ServiceRange{Service: svc, From: testNow.Add(-10 * time.Minute), To: testNow}, time.Second, 1000, "minute"},
		{"minute interval", day, time.Minute, 2000, "minute"},
		{"too many minutes for the panel", day, time.Minute, 500, "hour"},
		{"hour interval", week, time.Hour, 1000, "hour"},
		{"day interval", week, 24 * time.Hour, 1000, "day"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, _, _ := timeseriesGrid(c.w, c.interval, c.points, testNow)
			assert.Equal(t, c.want, g)
		})
	}
}

func TestVolumeWithoutFiltersComesFromStatusClasses(t *testing.T) {
	api := newFakeAPI()
	st := &fakeStats{times: []time.Time{testNow.Add(-2 * time.Minute), testNow.Add(-time.Minute)}, counts: map[string][]*float64{
		"status_1xx": {f64(0), nil}, "status_2xx": {f64(90), nil}, "status_3xx": {f64(5), nil},
		"status_4xx": {f64(3), nil}, "status_5xx": {f64(2), nil},
	}}
	e, _ := newTestEngine(api, st)

	res, err := e.Volume(context.Background(), VolumeQuery{ServiceRange: finishedHour(), Limit: 1000, Granularity: query.GranularityMinute})
	require.NoError(t, err)
	require.Len(t, st.requests, 1)
	assert.ElementsMatch(t, []string{"status_1xx", "status_2xx", "status_3xx", "status_4xx", "status_5xx"}, st.requests[0].Query.Metrics)
	require.Len(t, res.Series, 3)
	want := map[string]float64{LevelError: 2, LevelWarning: 3, LevelInfo: 95}
	for _, s := range res.Series {
		assert.Equal(t, want[s.Label(LabelLevel)], *s.Values[0], s.Label(LabelLevel))
		assert.Nil(t, s.Values[1], "a bucket stats did not publish is not drawn as zero")
	}
	assert.Zero(t, api.callsOf("records"))
	assert.Contains(t, res.Notices[len(res.Notices)-1].Text, "Historical Stats")
}

func TestVolumeWithFiltersCountsTheReturnedRecords(t *testing.T) {
	api := newFakeAPI()
	w := finishedHour()
	api.records = makeRecords(30, w.To)
	e, _ := newTestEngine(api, &fakeStats{})

	res, err := e.Volume(context.Background(), VolumeQuery{ServiceRange: w, Limit: 1000, Granularity: query.GranularityMinute,
		Filters: []query.LogFilter{{Field: "request_method", Operator: "eq", Value: "GET"}}})
	require.NoError(t, err)
	totals := map[string]float64{}
	for _, s := range res.Series {
		totals[s.Label(LabelLevel)] = series.Total(s.Values)
	}
	assert.Equal(t, map[string]float64{LevelError: 10, LevelWarning: 4, LevelInfo: 16}, totals)
	assert.Contains(t, res.Notices[len(res.Notices)-1].Text, "sampled records")
}

func TestVolumeWithAFilterOutCountsTheRecordsTheLogsQueryShows(t *testing.T) {
	api := newFakeAPI()
	w := finishedHour()
	api.records = makeRecords(30, w.To) // 10 are 503 from LHR
	st := &fakeStats{}
	e, _ := newTestEngine(api, st)

	res, err := e.Volume(context.Background(), VolumeQuery{ServiceRange: w, Limit: 1000, Granularity: query.GranularityMinute,
		Filters: []query.LogFilter{{Field: "fastly_pop", Operator: "neq", Value: "LHR"}}})
	require.NoError(t, err)
	totals := map[string]float64{}
	for _, s := range res.Series {
		totals[s.Label(LabelLevel)] = series.Total(s.Values)
	}
	assert.Equal(t, map[string]float64{LevelError: 0, LevelWarning: 4, LevelInfo: 16}, totals, "LHR's 503s are dropped, as in the logs query")
	assert.Empty(t, st.requests, "a filter the plugin applies is a filter: exact status classes cannot honour it")
}

func TestVolumeBeforeTheRetentionIsEmptyNotZero(t *testing.T) {
	api := newFakeAPI()
	w := ServiceRange{Service: svc, From: testNow.Add(-Retention - 2*time.Hour), To: testNow.Add(-Retention + 2*time.Hour)}
	api.records = makeRecords(30, w.To)
	e, _ := newTestEngine(api, &fakeStats{})

	res, err := e.Volume(context.Background(), VolumeQuery{ServiceRange: w, Limit: 1000, Granularity: query.GranularityHour,
		Filters: []query.LogFilter{{Field: "request_method", Operator: "eq", Value: "GET"}}})
	require.NoError(t, err)
	require.Len(t, res.Times, 4)
	require.Len(t, res.Series, 3, "one series per level")
	for _, s := range res.Series {
		assert.Nil(t, s.Values[0], "an hour Fastly no longer keeps is unknown, not zero")
		assert.NotNil(t, s.Values[3], "the newest hour is counted")
	}
}

func TestVolumeFromRecordsStoppedAtTheLimitLeavesOlderBucketsEmpty(t *testing.T) {
	api := newFakeAPI()
	w := finishedHour()
	api.records = makeRecords(600, w.To) // one a second: the last 10 minutes
	e, _ := newTestEngine(api, &fakeStats{})

	res, err := e.Volume(context.Background(), VolumeQuery{ServiceRange: w, Limit: 300, Granularity: query.GranularityMinute,
		Filters: []query.LogFilter{{Field: "request_method", Operator: "eq", Value: "GET"}}})
	require.NoError(t, err)
	require.Len(t, res.Times, 60)
	require.Len(t, res.Series, 3, "one series per level")
	for _, s := range res.Series {
		assert.Nil(t, s.Values[0], "a minute the limit kept the read from is unknown, not zero")
		assert.Nil(t, s.Values[54], "the minute before the oldest record read")
		assert.NotNil(t, s.Values[55], "the oldest record read starts this minute")
	}
}
