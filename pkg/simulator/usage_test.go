package simulator

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsageSumsDayBucketsAndIgnoresRegion(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{ServiceCount: 3})
	from, to := testNow.Add(-3*24*time.Hour), testNow
	path := "/stats/usage?from=" + strconv.FormatInt(from.Unix(), 10) + "&to=" + strconv.FormatInt(to.Unix(), 10) + "&region=usa"
	var env struct {
		Data map[string]usageJSON `json:"data"`
		Meta statsMeta            `json:"meta"`
	}
	getJSON(t, srv, path, &env)
	require.Len(t, env.Data, len(statsRegions), "region= is ignored: every region is answered")
	assert.Equal(t, "usa", env.Meta.Region, "meta echoes the ignored region")

	var byService struct {
		Data map[string]map[string]usageJSON `json:"data"`
	}
	getJSON(t, srv, "/stats/usage_by_service"+path[len("/stats/usage"):], &byService)
	require.Len(t, byService.Data, len(statsRegions))

	for _, region := range []string{"europe", "africa_std"} {
		var want usageJSON
		for _, svc := range sim.Services() {
			var perService usageJSON
			for day := time.Unix(-floorTo(-from.Unix(), secondsPerDay), 0); day.Before(to); day = day.Add(24 * time.Hour) {
				perService.Bandwidth += valueOrZero(sim, svc.ID, "bandwidth", region, "day", day)
				perService.Requests += valueOrZero(sim, svc.ID, "requests", region, "day", day)
				perService.ComputeRequests += valueOrZero(sim, svc.ID, "compute_requests", region, "day", day)
			}
			assert.Equal(t, perService, byService.Data[region][svc.ID], "%s %s", region, svc.Name)
			want.add(perService)
		}
		assert.Equal(t, want, env.Data[region], region)
		assert.Positive(t, want.Bandwidth)
	}
}

func TestUsageByMonthCoversTheMonthWithBillableUnits(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{ServiceCount: 2})
	var plain, billable struct {
		Data struct {
			CustomerID string                    `json:"customer_id"`
			Services   map[string]map[string]any `json:"services"`
			Total      map[string]usageJSON      `json:"total"`
		} `json:"data"`
	}
	getJSON(t, srv, "/stats/usage_by_month?year=2024&month=02", &plain)
	getJSON(t, srv, "/stats/usage_by_month?year=2024&month=02&billable_units=true", &billable)
	svc := sim.Services()[0]
	require.Contains(t, plain.Data.Services, svc.ID)
	assert.Equal(t, svc.Name, plain.Data.Services[svc.ID]["name"])
	assert.Equal(t, customerID, plain.Data.CustomerID)

	var want float64
	for day := time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC); day.Month() == time.February; day = day.AddDate(0, 0, 1) {
		for _, s := range sim.Services() {
			want += valueOrZero(sim, s.ID, "requests", "usa", "day", day)
		}
	}
	assert.Equal(t, want, plain.Data.Total["usa"].Requests)
	assert.InDelta(t, want/10_000, billable.Data.Total["usa"].Requests, 1e-9)
	assert.InDelta(t, plain.Data.Total["usa"].Bandwidth/1e9, billable.Data.Total["usa"].Bandwidth, 1e-9)
}
