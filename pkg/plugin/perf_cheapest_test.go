package plugin

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/stretchr/testify/require"
)

// bucketRange is what one call can serve several queries over: granularity, region and bucket starts.
type bucketRange struct {
	by, region string
	from, to   int64
}

// neededSeries is, per bucket range, the fields each service's panels need.
type neededSeries map[bucketRange]map[string][]string

// planCosts measures, on the rig's simulator, the body bytes of every call a plan could choose, each call once.
type planCosts struct {
	tb       testing.TB
	rig      *perfRig
	measured map[string]int64
}

func newPlanCosts(tb testing.TB, rig *perfRig) *planCosts {
	return &planCosts{tb: tb, rig: rig, measured: map[string]int64{}}
}

// bytes issues the call against the simulator (in process, outside the meter) and returns its body size.
func (c *planCosts) bytes(call fastlyapi.StatsRequest) int64 {
	key := call.String()
	if n, ok := c.measured[key]; ok {
		return n
	}
	q := url.Values{}
	for k, v := range call.Params() {
		q.Set(k, v)
	}
	req := httptest.NewRequest(http.MethodGet, call.Path()+"?"+q.Encode(), nil)
	req.Header.Set("Fastly-Key", simToken)
	rec := httptest.NewRecorder()
	c.rig.sim.ServeHTTP(rec, req)
	require.Equal(c.tb, http.StatusOK, rec.Code, key)
	c.measured[key] = int64(rec.Body.Len())
	return c.measured[key]
}

// dashboardNeeds resolves the panels as the plugin does: granularity, bucket range, services and input fields.
func dashboardNeeds(tb testing.TB, rig *perfRig, dash dashboard) (neededSeries, [][]string) {
	needs := neededSeries{}
	var perQuery [][]string // services of each query, for the naive plan
	for _, dq := range rig.queries(dash) {
		q, err := query.ParseStats(dq.JSON)
		require.NoError(tb, err)
		now := rig.clock.now()
		g, err := query.Resolve(q.Granularity, query.RangeRequest{From: dq.TimeRange.From, To: dq.TimeRange.To, Interval: dq.Interval, MaxDataPoints: dq.MaxDataPoints, Now: now})
		require.NoError(tb, err)
		step := int64(g.Step() / time.Second)
		br := bucketRange{by: string(g), region: q.Region, from: ceilTo(dq.TimeRange.From.Unix(), step), to: ceilTo(dq.TimeRange.To.Unix(), step)}
		services := q.Services
		if len(services) == 0 {
			for _, s := range rig.sim.Services() {
				services = append(services, s.ID)
			}
		}
		perQuery = append(perQuery, services)
		if needs[br] == nil {
			needs[br] = map[string][]string{}
		}
		for _, name := range q.Metrics {
			m, _ := metrics.Lookup(name)
			for _, s := range services {
				needs[br][s] = unionStrings(needs[br][s], m.Inputs)
			}
		}
	}
	return needs, perQuery
}

func ceilTo(t, step int64) int64 { return (t + step - 1) / step * step }

func unionStrings(have, more []string) []string {
	for _, m := range more {
		if !slices.Contains(have, m) {
			have = append(have, m)
		}
	}
	return have
}

// cheapestPlanBytes is the fewest bytes any combination of Fastly's endpoints moves to fetch every series the
// dashboard needs: per bucket range, either /stats for all the services, or an exhaustive choice of the fields
// fetched by /stats/field/{f} (every service) with each service's remaining fields fetched by the cheaper of
// /stats/service/{id} and one /stats/service/{id}/field/{f} per field.
func cheapestPlanBytes(tb testing.TB, rig *perfRig, dash dashboard) int64 {
	needs, _ := dashboardNeeds(tb, rig, dash)
	costs := newPlanCosts(tb, rig)
	var total int64
	for br, perService := range needs {
		total += cheapestCover(costs, br, perService, len(rig.sim.Services()))
	}
	return total
}

func cheapestCover(costs *planCosts, br bucketRange, perService map[string][]string, allServices int) int64 {
	base := fastlyapi.StatsRequest{From: time.Unix(br.from, 0).UTC(), To: time.Unix(br.to, 0).UTC(), By: br.by, Region: br.region}
	var services, fields []string
	for s, fs := range perService {
		services = append(services, s)
		fields = unionStrings(fields, fs)
	}
	slices.Sort(services)
	whole := base
	if len(services) < allServices {
		whole.Services = services
	}
	byField := make([]int64, len(fields))
	for i, f := range fields {
		byField[i] = costs.bytes(withFieldCall(base, "", f))
	}
	serviceSizes := make([]serviceCosts, len(services))
	for i, s := range services {
		serviceSizes[i] = measureService(costs, base, s, perService[s], fields)
	}
	best := costs.bytes(whole)
	for subset := 0; subset < 1<<len(fields); subset++ {
		cost := int64(0)
		for i := range fields {
			if subset&(1<<i) != 0 {
				cost += byField[i]
			}
		}
		for _, sc := range serviceSizes {
			cost += sc.rest(subset)
		}
		best = min(best, cost)
	}
	return best
}

// serviceCosts are one service's call sizes: all fields, and each needed field alone (0 when not needed).
type serviceCosts struct {
	full     int64
	perField []int64 // by index in the bucket range's fields
}

func measureService(costs *planCosts, base fastlyapi.StatsRequest, service string, need, fields []string) serviceCosts {
	full := base
	full.ServiceID = service
	sc := serviceCosts{full: costs.bytes(full), perField: make([]int64, len(fields))}
	for _, f := range need {
		sc.perField[slices.Index(fields, f)] = costs.bytes(withFieldCall(base, service, f))
	}
	return sc
}

// rest is the cheaper way to fetch the service's needed fields that the subset does not fetch for every service.
func (sc serviceCosts) rest(subset int) int64 {
	sum := int64(0)
	for i, n := range sc.perField {
		if subset&(1<<i) == 0 {
			sum += n
		}
	}
	if sum == 0 {
		return 0
	}
	return min(sum, sc.full)
}

func withFieldCall(base fastlyapi.StatsRequest, service, field string) fastlyapi.StatsRequest {
	base.ServiceID, base.Field = service, field
	return base
}

// naivePlanBytes is one /stats/service/{id} (every field) per service per query.
func naivePlanBytes(tb testing.TB, rig *perfRig, dash dashboard) int64 {
	needs, perQuery := dashboardNeeds(tb, rig, dash)
	costs := newPlanCosts(tb, rig)
	var total int64
	for br := range needs {
		base := fastlyapi.StatsRequest{From: time.Unix(br.from, 0).UTC(), To: time.Unix(br.to, 0).UTC(), By: br.by, Region: br.region}
		for _, services := range perQuery {
			for _, s := range services {
				call := base
				call.ServiceID = s
				total += costs.bytes(call)
			}
		}
	}
	return total
}
