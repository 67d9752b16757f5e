package stats

import (
	"context"
	"errors"
	"slices"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeFastly answers Stats calls from in-memory buckets the way Fastly shapes them: only buckets with traffic,
// one field or all fields, one service or all services.
type fakeFastly struct {
	mu      sync.Mutex
	buckets map[string]map[int64]map[string]float64 // service → start → field → value
	calls   []fastlyapi.StatsRequest
	err     error
}

func (f *fakeFastly) Stats(_ context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error) {
	f.mu.Lock()
	f.calls = append(f.calls, r)
	f.mu.Unlock()
	if f.err != nil {
		return nil, f.err
	}
	res := &fastlyapi.StatsResult{Fields: r.Fields, ByService: map[string]*fastlyapi.Rows{}}
	for id, byStart := range f.buckets {
		if r.ServiceID != "" && id != r.ServiceID || len(r.Services) > 0 && !slices.Contains(r.Services, id) {
			continue
		}
		res.ByService[id] = rowsOf(byStart, r)
	}
	return res, nil
}

func rowsOf(byStart map[int64]map[string]float64, r fastlyapi.StatsRequest) *fastlyapi.Rows {
	rows := &fastlyapi.Rows{Values: make([][]float64, len(r.Fields))}
	var starts []int64
	for s := range byStart {
		if s >= r.From.Unix() && s < r.To.Unix() {
			starts = append(starts, s)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i] < starts[j] })
	for _, s := range starts {
		rows.Start = append(rows.Start, s)
		for i, f := range r.Fields {
			rows.Values[i] = append(rows.Values[i], byStart[s][f])
		}
	}
	return rows
}

var (
	svcA = series.Service{ID: "AAAAAAAAAAAAAAAAAAAAAA", Name: "a.example.com"}
	svcB = series.Service{ID: "BBBBBBBBBBBBBBBBBBBBBB", Name: "b.example.com"}
	svcC = series.Service{ID: "CCCCCCCCCCCCCCCCCCCCCC", Name: "not selected"}
	t0   = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
)

func minute(n int) int64 { return t0.Add(time.Duration(n) * time.Minute).Unix() }

func minuteRequest(metricNames []string, groupBy string, services ...series.Service) Request {
	return Request{
		Query:       query.Stats{Metrics: metricNames, GroupBy: groupBy},
		Services:    services,
		Granularity: query.GranularityMinute,
		From:        t0, To: t0.Add(10 * time.Minute), Now: t0.Add(30 * time.Minute),
	}
}

func values(s series.Series) []any {
	out := make([]any, len(s.Values))
	for i, v := range s.Values {
		if v != nil {
			out[i] = *v
		}
	}
	return out
}

func TestMissingBucketsAreZeroUpToTheNewestPublishedAndAbsentAfter(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{
		svcA.ID: {minute(0): {"requests": 5}, minute(2): {"requests": 7}},
		svcB.ID: {minute(3): {"requests": 1}},
	}}
	res, err := NewEngine(f, Config{}).Run(context.Background(), minuteRequest([]string{"requests"}, query.GroupByService, svcA, svcB))
	require.NoError(t, err)
	require.Len(t, res.Times, 4, "minutes 0..3: the newest published minute is 3, the range ends at 10")
	assert.Equal(t, t0, res.Times[0])
	require.Len(t, res.Series, 2)
	assert.Equal(t, []any{5.0, 0.0, 7.0, 0.0}, values(res.Series[0]))
	assert.Equal(t, []any{0.0, 0.0, 0.0, 1.0}, values(res.Series[1]))
}

func TestNothingPublishedMeansNoPoints(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{}}
	res, err := NewEngine(f, Config{}).Run(context.Background(), minuteRequest([]string{"requests"}, query.GroupByService, svcA))
	require.NoError(t, err)
	assert.Empty(t, res.Times)
	assert.Empty(t, res.Series[0].Values)
}

func TestFirstBucketIsAtOrAfterRangeStart(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: {minute(1): {"requests": 2}, minute(2): {"requests": 3}}}}
	r := minuteRequest([]string{"requests"}, query.GroupByService, svcA)
	r.From = t0.Add(30 * time.Second)
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, time.Unix(minute(1), 0).UTC(), res.Times[0])
	assert.Equal(t, []any{2.0, 3.0}, values(res.Series[0]))
}

func TestSumOverServicesRecomputesRatiosFromCounters(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{
		svcA.ID: {minute(0): {"hits": 9, "miss": 1}},
		svcB.ID: {minute(0): {"hits": 0, "miss": 90}, minute(1): {"hits": 0, "miss": 0}},
	}}
	res, err := NewEngine(f, Config{}).Run(context.Background(), minuteRequest([]string{"hit_ratio", "hits"}, query.GroupByNone, svcA, svcB))
	require.NoError(t, err)
	require.Len(t, res.Series, 2)
	assert.Empty(t, res.Series[0].Service.ID, "the sum carries no service")
	assert.Equal(t, []any{0.09, nil}, values(res.Series[0]), "9 hits of 100 lookups, not the 0.45 average of the two ratios; no lookups is no value")
	assert.Equal(t, []any{9.0, 0.0}, values(res.Series[1]))
}

func TestPerSecondDividesCountersOnly(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: {minute(0): {"requests": 120, "hits": 30, "miss": 10}}}}
	r := minuteRequest([]string{"requests", "hit_ratio"}, query.GroupByService, svcA)
	r.Query.PerSecond = true
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []any{2.0}, values(res.Series[0]))
	assert.Equal(t, "reqps", res.Series[0].Unit)
	assert.Equal(t, []any{0.75}, values(res.Series[1]))
	assert.Equal(t, "percentunit", res.Series[1].Unit)
}

func TestUnfinishedDayIsLeftOutWithANotice(t *testing.T) {
	day := int64(24 * 3600)
	today := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{svcA.ID: {
		today.Unix() - day: {"requests": 1000}, today.Unix(): {"requests": 40},
	}}}
	r := Request{Query: query.Stats{Metrics: []string{"requests"}, GroupBy: query.GroupByService}, Services: []series.Service{svcA},
		Granularity: query.GranularityDay, From: today.Add(-48 * time.Hour), To: today.Add(15 * time.Hour), Now: today.Add(15 * time.Hour)}
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, []time.Time{today.Add(-48 * time.Hour), today.Add(-24 * time.Hour)}, res.Times)
	assert.Equal(t, []any{0.0, 1000.0}, values(res.Series[0]))
	require.Len(t, res.Notices, 1)
	assert.Contains(t, res.Notices[0].Text, "2026-11-26 00:00 UTC has not ended")
}

func TestRowsOfUnselectedServicesAreDropped(t *testing.T) {
	f := &fakeFastly{buckets: map[string]map[int64]map[string]float64{
		svcA.ID: {minute(0): {"requests": 1}},
		svcC.ID: {minute(1): {"requests": 1000}},
	}}
	services := []series.Service{svcA, {ID: "D1DDDDDDDDDDDDDDDDDDDD"}, {ID: "D2DDDDDDDDDDDDDDDDDDDD"}, {ID: "D3DDDDDDDDDDDDDDDDDDDD"}, {ID: "D4DDDDDDDDDDDDDDDDDDDD"}}
	r := minuteRequest([]string{"requests"}, query.GroupByNone, services...)
	r.AllServices = true // the catalogue knew five services; Fastly answers with a sixth
	res, err := NewEngine(f, Config{}).Run(context.Background(), r)
	require.NoError(t, err)
	require.Len(t, f.calls, 1)
	assert.Equal(t, "/stats/field/requests", f.calls[0].Path(), "all services, one field: one call for all services")
	assert.Equal(t, []any{1.0, 0.0}, values(res.Series[0]), "the unselected service counts for the frontier, not the sum")
}

func TestPlanChoosesTheFewestBytes(t *testing.T) {
	many := []string{"requests", "bandwidth", "status_5xx", "status_4xx", "hits", "miss", "pass", "errors", "status_2xx",
		"status_3xx", "edge_resp_body_bytes", "edge_resp_header_bytes", "origin_fetches", "origin_fetch_body_bytes",
		"origin_fetch_header_bytes", "shield", "synth", "restarts", "attack_req_body_bytes", "status_404", "status_503",
		"tls", "http2", "http3", "ipv6", "imgopto", "video", "pci", "log", "otfp", "uncacheable", "pipe", "object_size_1k",
		"object_size_10k", "object_size_100k", "object_size_1m", "object_size_10m", "object_size_100m", "object_size_1g", "status_1xx"}
	cases := []struct {
		name     string
		metrics  []string
		services []series.Service
		all      bool
		want     []string
	}{
		{"few fields, few services: one field per call", []string{"hit_ratio"}, []series.Service{svcA}, false,
			[]string{"/stats/service/AAAAAAAAAAAAAAAAAAAAAA/field/hits", "/stats/service/AAAAAAAAAAAAAAAAAAAAAA/field/miss"}},
		{"few fields, all services: one call per field", []string{"requests"}, []series.Service{svcA, svcB}, true, []string{"/stats/field/requests"}},
		{"most of a row, one service: the full row", many, []series.Service{svcA}, false, []string{"/stats/service/AAAAAAAAAAAAAAAAAAAAAA"}},
		{"most of a row, all services: one call", many, []series.Service{svcA, svcB}, true, []string{"/stats"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := minuteRequest(c.metrics, query.GroupByService, c.services...)
			r.AllServices = c.all
			w := newBucketRange(r)
			var paths []string
			for _, call := range plan(r, fetchSet{services: c.services, fields: inputFields(c.metrics), from: w.first, to: w.end}) {
				paths = append(paths, call.Path())
			}
			assert.Equal(t, c.want, paths)
		})
	}
}

func TestTailIsOneCall(t *testing.T) {
	r := minuteRequest([]string{"hit_ratio", "requests"}, query.GroupByService, svcA, svcB)
	w := newBucketRange(r)
	calls := plan(r, fetchSet{services: r.Services, fields: inputFields(r.Query.Metrics), from: w.end - 120, to: w.end, tail: true})
	require.Len(t, calls, 1)
	assert.Equal(t, "/stats", calls[0].Path())
	assert.Equal(t, []string{svcA.ID, svcB.ID}, calls[0].Services)
}

func TestFetchErrorFailsTheQuery(t *testing.T) {
	boom := errors.New("boom")
	_, err := NewEngine(&fakeFastly{err: boom}, Config{}).Run(context.Background(), minuteRequest([]string{"requests"}, query.GroupByService, svcA))
	assert.ErrorIs(t, err, boom)
}
