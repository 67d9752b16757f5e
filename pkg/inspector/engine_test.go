package inspector

import (
	"context"
	"errors"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var now = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

func newSimEngine(t *testing.T, cfg Config) (*simulator.Simulator, *Engine) {
	t.Helper()
	sim := simulator.New(simulator.Config{Token: "tok", Now: func() time.Time { return now }})
	srv := httptest.NewServer(sim)
	t.Cleanup(srv.Close)
	client, err := fastlyapi.NewClient("tok", srv.URL, srv.Client())
	require.NoError(t, err)
	cfg.Now = func() time.Time { return now }
	return sim, NewEngine(client, cfg)
}

func service(t *testing.T, sim *simulator.Simulator, name string) series.Service {
	for _, s := range sim.Services() {
		if s.Name == name {
			return series.Service{ID: s.ID, Name: s.Name}
		}
	}
	t.Fatalf("no simulated service %s", name)
	return series.Service{}
}

func hourRequest(q query.Inspector, services ...series.Service) Request {
	return Request{Query: q, Services: services, Granularity: query.GranularityHour,
		From: now.Add(-6 * time.Hour), To: now, Now: now}
}

func TestRunReadsEveryPageAndMatchesTheSimulator(t *testing.T) {
	sim, e := newSimEngine(t, Config{PageSize: 10, MaxPages: 50})
	www := service(t, sim, "www.example.com")
	q := query.Inspector{Type: query.TypeOrigins, Metrics: []string{"responses"}, GroupBy: query.List{"host", "datacenter"}}
	res, err := e.Run(context.Background(), hourRequest(q, www))
	require.NoError(t, err)

	assert.Greater(t, len(res.Calls), 5, "3 hosts × the POPs need several pages of 10 series")
	for _, n := range res.Notices {
		assert.NotContains(t, n.Text, "pages", "no page-cap notice")
	}
	require.NotEmpty(t, res.Series)
	for _, s := range res.Series {
		dims := map[string]string{"host": s.Label("host"), "datacenter": s.Label("datacenter")}
		for j, ts := range res.Times {
			want := sim.InspectorValue("origin_inspector", www.ID, "all_responses", "hour", ts, dims)
			require.NotNil(t, s.Values[j])
			assert.Equal(t, want, *s.Values[j], "%v at %s", dims, ts)
		}
	}
	_, onePage := newSimEngine(t, Config{})
	whole, err := onePage.Run(context.Background(), hourRequest(q, www))
	require.NoError(t, err)
	require.Len(t, whole.Calls, 1)
	assert.Equal(t, len(whole.Series), len(res.Series), "no series dropped across pages")
	assert.Greater(t, len(res.Series), 80)
}

func TestRunStopsAtThePageCapWithANotice(t *testing.T) {
	sim, e := newSimEngine(t, Config{PageSize: 10, MaxPages: 2})
	www := service(t, sim, "www.example.com")
	q := query.Inspector{Type: query.TypeOrigins, Metrics: []string{"responses"}, GroupBy: query.List{"host", "datacenter"}}
	res, err := e.Run(context.Background(), hourRequest(q, www))
	require.NoError(t, err)
	assert.Len(t, res.Calls, 2)
	assert.Len(t, res.Series, 20)
	require.NotEmpty(t, res.Notices)
	assert.Contains(t, res.Notices[0].Text, "more than 2 pages")
	assert.Contains(t, res.Notices[0].Text, "www.example.com")
}

func TestRunRefusesAServiceWithoutTheAddOn(t *testing.T) {
	sim, e := newSimEngine(t, Config{})
	static := service(t, sim, "static.example.com")
	q := query.Inspector{Type: query.TypeDomains, Metrics: []string{"edge_requests"}}
	_, err := e.Run(context.Background(), hourRequest(q, service(t, sim, "www.example.com"), static))
	var notEnabled *NotEnabledError
	require.True(t, errors.As(err, &notEnabled), "%v", err)
	assert.Equal(t, "static.example.com", notEnabled.Service.Name)
	assert.Contains(t, err.Error(), "Domain Inspector is not enabled for service static.example.com ("+static.ID+")")
}

func TestRunSplitsOriginSourcesAndPercentiles(t *testing.T) {
	sim, e := newSimEngine(t, Config{})
	api := service(t, sim, "api.example.com")
	q := query.Inspector{Type: query.TypeOrigins, Metrics: []string{"responses", "latency_p95", "latency_histogram"}, GroupBy: query.List{"source"}}
	res, err := e.Run(context.Background(), hourRequest(q, api))
	require.NoError(t, err)
	assert.Len(t, res.Calls, 4, "3 families × 13 fields = 39 fields, 10 per call")
	bySource := map[string]series.Series{}
	for _, s := range res.Series {
		if s.Metric.Name == "responses" {
			bySource[s.Label("source")] = s
		}
	}
	require.Len(t, bySource, 3)
	ts := res.Times[0]
	assert.Equal(t, sim.InspectorValue("origin_inspector", api.ID, "compute_responses", "hour", ts, nil), *bySource["compute"].Values[0])
	assert.Equal(t, sim.InspectorValue("origin_inspector", api.ID, "waf_responses", "hour", ts, nil), *bySource["waf"].Values[0])
	for _, s := range res.Series {
		if s.Metric.Name == "latency_histogram" {
			require.Len(t, s.Buckets, 12)
			assert.Len(t, s.Buckets[0], len(res.Times))
		}
		if s.Metric.Name == "latency_p95" && s.Label("source") == "compute" {
			require.NotNil(t, s.Values[0])
			assert.Greater(t, *s.Values[0], 100.0)
			assert.Less(t, *s.Values[0], 5000.0)
		}
	}
}

// fakeAPI answers pages from a script and counts calls.
type fakeAPI struct {
	pages   []*fastlyapi.InspectorPage
	enabled bool
	calls   []fastlyapi.InspectorRequest
}

func (f *fakeAPI) InspectorPage(_ context.Context, r fastlyapi.InspectorRequest) (*fastlyapi.InspectorPage, error) {
	f.calls = append(f.calls, r)
	return f.pages[len(f.calls)-1], nil
}

func (f *fakeAPI) InspectorEnabled(context.Context, fastlyapi.Product, string) (bool, error) {
	return f.enabled, nil
}

func domainSeries(host string, ts int64, hits, miss float64) fastlyapi.InspectorSeries {
	return fastlyapi.InspectorSeries{Dimensions: map[string]string{"domain": host}, Timestamps: []int64{ts}, Values: [][]float64{{hits}, {miss}}}
}

func TestDerivedRatioIsRecomputedFromSummedCounters(t *testing.T) {
	ts := now.Add(-2 * time.Hour).Truncate(time.Hour).Unix()
	// Two pages return series of the same (ungrouped) total: a 90% and a 10% hit ratio with 10× the traffic.
	api := &fakeAPI{enabled: true, pages: []*fastlyapi.InspectorPage{
		{Series: []fastlyapi.InspectorSeries{domainSeries("a", ts, 9, 1)}, NextCursor: "next"},
		{Series: []fastlyapi.InspectorSeries{domainSeries("b", ts, 10, 90)}, NextCursor: ""},
	}}
	e := NewEngine(api, Config{Now: func() time.Time { return now }})
	q := query.Inspector{Type: query.TypeDomains, Metrics: []string{"edge_hit_ratio"}}
	res, err := e.Run(context.Background(), hourRequest(q, series.Service{ID: "svc", Name: "svc"}))
	require.NoError(t, err)
	require.Len(t, api.calls, 2)
	assert.Equal(t, "next", api.calls[1].Cursor)
	require.Len(t, res.Series, 1)
	j := len(res.Times) - 1
	require.NotNil(t, res.Series[0].Values[j])
	assert.InDelta(t, 19.0/110.0, *res.Series[0].Values[j], 1e-12, "ratio of sums, not the 0.5 average of ratios")
	assert.Nil(t, res.Series[0].Values[0], "no hits or misses: empty, not 0")
}

func TestEnablementIsCachedPerService(t *testing.T) {
	api := &countingEnablement{}
	e := NewEngine(api, Config{Now: func() time.Time { return now }})
	for range 3 {
		ok, err := e.isEnabled(context.Background(), fastlyapi.OriginInspector, "svc")
		require.NoError(t, err)
		assert.True(t, ok)
	}
	assert.Equal(t, 1, api.n)
}

type countingEnablement struct{ n int }

func (c *countingEnablement) InspectorPage(context.Context, fastlyapi.InspectorRequest) (*fastlyapi.InspectorPage, error) {
	return &fastlyapi.InspectorPage{}, nil
}

func (c *countingEnablement) InspectorEnabled(context.Context, fastlyapi.Product, string) (bool, error) {
	c.n++
	return true, nil
}

func TestNamesListsHostsOrSaysTheAddOnIsOff(t *testing.T) {
	sim, e := newSimEngine(t, Config{})
	www := service(t, sim, "www.example.com")
	names, err := e.Names(context.Background(), fastlyapi.DomainInspector, www, now)
	require.NoError(t, err)
	assert.True(t, names.Enabled)
	assert.Equal(t, []string{"beta.www.example.com", "www.example.com"}, names.Values)

	shop := service(t, sim, "shop.example.com")
	names, err = e.Names(context.Background(), fastlyapi.OriginInspector, shop, now)
	require.NoError(t, err)
	assert.False(t, names.Enabled)
	assert.Contains(t, names.Message, "Origin Inspector is not enabled for service shop.example.com")
	assert.Empty(t, names.Values)
}

func TestPerSecondDividesCountersNotPercentilesByTheBucket(t *testing.T) {
	sim, e := newSimEngine(t, Config{})
	www := service(t, sim, "www.example.com")
	q := query.Inspector{Type: query.TypeOrigins, Metrics: []string{"responses", "latency_p95"}}
	counts, err := e.Run(context.Background(), hourRequest(q, www))
	require.NoError(t, err)
	q.PerSecond = true
	rates, err := e.Run(context.Background(), hourRequest(q, www))
	require.NoError(t, err)
	require.Len(t, rates.Series, 2)
	assert.Equal(t, "cps", rates.Series[0].Unit)
	assert.Equal(t, counts.Series[1].Unit, rates.Series[1].Unit, "a percentile keeps its unit")
	for j := range rates.Times {
		require.NotNil(t, rates.Series[0].Values[j])
		assert.InDelta(t, *counts.Series[0].Values[j]/3600, *rates.Series[0].Values[j], 1e-9, "responses per second of an hour")
		assert.Equal(t, counts.Series[1].Values[j], rates.Series[1].Values[j], "latency_p95 is not a counter")
	}
}
