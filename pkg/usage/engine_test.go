package usage

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeFastly answers every usage endpoint from fixed data and records the calls.
type fakeFastly struct {
	byRegion  map[string]fastlyapi.Usage
	byService map[string]map[string]fastlyapi.Usage
	month     *fastlyapi.MonthUsage
	err       error
	calls     []string
}

func (f *fakeFastly) Usage(_ context.Context, r fastlyapi.UsageRange) (map[string]fastlyapi.Usage, error) {
	f.calls = append(f.calls, r.Describe(fastlyapi.UsagePath))
	return f.byRegion, f.err
}

func (f *fakeFastly) UsageByService(_ context.Context, r fastlyapi.UsageRange) (map[string]map[string]fastlyapi.Usage, error) {
	f.calls = append(f.calls, r.Describe(fastlyapi.UsageByServicePath))
	return f.byService, f.err
}

func (f *fakeFastly) UsageByMonth(_ context.Context, r fastlyapi.MonthRequest) (*fastlyapi.MonthUsage, error) {
	f.calls = append(f.calls, r.String())
	return f.month, f.err
}

// directory names services from a map.
type directory map[string]string

func (d directory) ServiceNames(context.Context) (map[string]string, error) { return d, nil }

var (
	from = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	to   = from.Add(24 * time.Hour)
)

func use(bw, req float64) fastlyapi.Usage { return fastlyapi.Usage{Bandwidth: bw, Requests: req} }

func TestByRegionFiltersAndSortsRegions(t *testing.T) {
	up := &fakeFastly{byRegion: map[string]fastlyapi.Usage{"usa": use(10, 1), "europe": use(20, 2), "asia": use(5, 1)}}
	e := NewEngine(up, directory{})
	all, err := e.Run(context.Background(), Request{Query: query.Usage{UsageBy: query.UsageByRegion}, From: from, To: to})
	require.NoError(t, err)
	assert.True(t, all.ByRegion)
	assert.Equal(t, []Row{{Region: "asia", Usage: use(5, 1)}, {Region: "europe", Usage: use(20, 2)}, {Region: "usa", Usage: use(10, 1)}}, all.Rows)
	assert.Equal(t, up.calls[:1], all.Calls, "the call made, as ExecutedQueryString shows it")

	none, err := e.Run(context.Background(), Request{Query: query.Usage{UsageBy: query.UsageByRegion, Region: "atlantis", BillableUnits: true}, From: from, To: to})
	require.NoError(t, err)
	assert.Empty(t, none.Rows)
	require.Len(t, none.Notices, 2)
	assert.Contains(t, none.Notices[0].Text, `no usage for region "atlantis"`)
	assert.Contains(t, none.Notices[1].Text, "Billable units apply to usage by month only")
}

func TestByServiceSumsTheWantedRegionsAndNamesServices(t *testing.T) {
	up := &fakeFastly{byService: map[string]map[string]fastlyapi.Usage{
		"usa":    {"s1": use(1, 10), "gone": use(4, 40)},
		"europe": {"s1": use(2, 20), "s2": use(3, 30)},
	}}
	e := NewEngine(up, directory{"s1": "www", "s2": "api"})
	all, err := e.Run(context.Background(), Request{Query: query.Usage{UsageBy: query.UsageByService}, From: from, To: to})
	require.NoError(t, err)
	assert.Equal(t, []Row{
		{ServiceID: "s2", ServiceName: "api", Usage: use(3, 30)},
		{ServiceID: "gone", ServiceName: "gone", Usage: use(4, 40)},
		{ServiceID: "s1", ServiceName: "www", Usage: use(3, 30)},
	}, all.Rows, "summed over regions, sorted by name; a deleted service is named by its id")
	assert.Empty(t, all.Notices)

	eu, err := e.Run(context.Background(), Request{Query: query.Usage{UsageBy: query.UsageByService, Region: "europe"}, From: from, To: to})
	require.NoError(t, err)
	assert.Equal(t, []Row{{ServiceID: "s2", ServiceName: "api", Usage: use(3, 30)}, {ServiceID: "s1", ServiceName: "www", Usage: use(2, 20)}}, eu.Rows)
}

func TestByMonthPrefersFastlysNamesAndKeepsBillableUnits(t *testing.T) {
	up := &fakeFastly{month: &fastlyapi.MonthUsage{Services: map[string]fastlyapi.ServiceMonthUsage{
		"s1": {Name: "www (renamed)", Regions: map[string]fastlyapi.Usage{"usa": use(1, 1), "europe": use(2, 2)}},
	}}}
	e := NewEngine(up, directory{"s1": "www"})
	october := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	got, err := e.Run(context.Background(), Request{Query: query.Usage{UsageBy: query.UsageByMonth, Region: "usa", BillableUnits: true}, MonthStart: october})
	require.NoError(t, err)
	assert.Equal(t, "usage 2026-10", got.Name)
	assert.True(t, got.BillableUnits)
	assert.Equal(t, []Row{{ServiceID: "s1", ServiceName: "www (renamed)", Usage: use(1, 1)}}, got.Rows)
	assert.Equal(t, []string{"GET /stats/usage_by_month?billable_units=true&month=10&year=2026"}, got.Calls)
	assert.Empty(t, got.Notices)
}

func TestUpstreamErrorsPassThrough(t *testing.T) {
	boom := &fastlyapi.Error{StatusCode: 503, Path: fastlyapi.UsagePath, Message: "busy"}
	for _, by := range []string{query.UsageByRegion, query.UsageByService, query.UsageByMonth} {
		_, err := NewEngine(&fakeFastly{err: boom}, directory{}).Run(context.Background(), Request{Query: query.Usage{UsageBy: by}, From: from, To: to, MonthStart: from})
		assert.True(t, errors.Is(err, boom), by)
	}
}
