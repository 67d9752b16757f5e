package fastlyapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryCallIsClassifiedByItsEndpoint makes each call of the client against a server that answers 404, and checks
// the class reported for the path the call really requested.
func TestEveryCallIsClassifiedByItsEndpoint(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		http.NotFound(w, r)
	}))
	t.Cleanup(srv.Close)
	obs := &recordingObserver{}
	c, err := NewClient("secret-token", srv.URL, srv.Client(), WithObserver(obs))
	require.NoError(t, err)
	ctx, from, to := context.Background(), time.Unix(600, 0), time.Unix(1200, 0)
	inspector := InspectorRequest{Product: OriginInspector, ServiceID: "svc1", Start: from, End: to, Downsample: "minute"}
	calls := []struct {
		class string
		call  func() error
	}{
		{ClassStats, func() error { _, err := c.Stats(ctx, StatsRequest{From: from, To: to, By: "minute"}); return err }},
		{ClassStats, func() error { _, err := c.Stats(ctx, StatsRequest{Field: "requests", From: from, To: to}); return err }},
		{ClassStats, func() error { _, err := c.Stats(ctx, StatsRequest{ServiceID: "svc1", From: from, To: to}); return err }},
		{ClassStats, func() error {
			_, err := c.Stats(ctx, StatsRequest{ServiceID: "svc1", Field: "requests", From: from, To: to})
			return err
		}},
		{ClassUsage, func() error { _, err := c.Usage(ctx, UsageRange{From: from, To: to}); return err }},
		{ClassUsage, func() error { _, err := c.UsageByService(ctx, UsageRange{From: from, To: to}); return err }},
		{ClassUsage, func() error { _, err := c.UsageByMonth(ctx, MonthRequest{Year: 2026, Month: 11}); return err }},
		{ClassRealtime, func() error { _, err := c.RealtimeHistory(ctx, "svc1"); return err }},
		{ClassRealtime, func() error { _, err := c.RealtimeSince(ctx, "svc1", 42); return err }},
		{ClassInspector, func() error { _, err := c.InspectorPage(ctx, inspector); return err }},
		{ClassAccount, func() error { _, err := c.InspectorEnabled(ctx, DomainInspector, "svc1"); return err }},
		{ClassInspectorRealtime, func() error { _, err := c.InspectorRealtimeHistory(ctx, OriginInspector, "svc1"); return err }},
		{ClassInspectorRealtime, func() error { _, err := c.InspectorRealtimeSince(ctx, DomainInspector, "svc1", 42); return err }},
		{ClassVersions, func() error { _, err := c.Versions(ctx, "svc1"); return err }},
		{ClassTokens, func() error { _, err := c.TokenSelf(ctx); return err }},
		{ClassEvents, func() error {
			_, err := c.EventsPage(ctx, EventsRequest{EventType: "version.activate", ServiceID: "svc1", From: from, To: to})
			return err
		}},
		{ClassAlerts, func() error { _, err := c.AlertHistoryPage(ctx, AlertHistoryRequest{From: from, To: to}); return err }},
		{ClassAccount, func() error { _, err := c.Services(ctx); return err }},
		{ClassAccount, func() error { _, err := c.Regions(ctx); return err }},
		{ClassAccount, func() error { _, err := c.POPs(ctx); return err }},
		{ClassLogs, func() error { _, err := c.LogInsights(ctx, InsightsRequest{ServiceID: "svc1"}); return err }},
		{ClassLogs, func() error { _, err := c.LogRecords(ctx, LogRecordsRequest{ServiceID: "svc1"}); return err }},
		{ClassLogs, func() error {
			_, err := c.LogAggregations(ctx, LogAggregationsRequest{ServiceID: "svc1"})
			return err
		}},
		{ClassLogs, func() error { _, err := c.LogTimeseries(ctx, LogTimeseriesRequest{ServiceID: "svc1"}); return err }},
		{ClassAccount, func() error { _, err := c.LogExplorerInsightsEnabled(ctx, "svc1"); return err }},
	}
	for i, call := range calls {
		require.Error(t, call.call(), "call %d", i)
		got := obs.reports()
		require.Len(t, got, i+1, "call %d makes one attempt", i)
		assert.Equal(t, call.class, got[i].class, "call %d requested %s", i, paths[i])
		assert.Equal(t, 404, got[i].status)
		assert.True(t, slices.Contains(EndpointClasses, got[i].class))
	}
}

func TestUnknownPathsAreClassOther(t *testing.T) {
	for _, p := range []string{"", "/", "/statsx", "/tokens", "/service/abc/version/3/backend", "/v2/channel/x"} {
		assert.Equal(t, ClassOther, EndpointClass(p), p)
	}
}
