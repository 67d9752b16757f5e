package plugin

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/require"
)

// replicaRig is one Grafana replica's plugin process: a fresh datasource with default settings against a simulator
// on a settable clock, behind a recorder of every upstream call.
type replicaRig struct {
	sim   *simulator.Simulator
	clock *clock
	ds    *Datasource

	mu    sync.Mutex
	calls upstreamCalls
}

func newReplicaRig(t *testing.T) *replicaRig {
	t.Helper()
	c := &clock{t: testNow}
	r := &replicaRig{sim: simulator.New(simulator.Config{Token: simToken, Now: c.now}), clock: c, calls: upstreamCalls{}}
	srv := httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(srv.Close)
	settings, err := LoadSettings(instanceSettings(srv.URL, simToken))
	require.NoError(t, err)
	r.ds, err = newDatasource(settings, &http.Client{Timeout: time.Minute}, c.now)
	require.NoError(t, err)
	t.Cleanup(r.ds.Dispose)
	return r
}

// serve passes a request to the simulator and records its class and body bytes.
func (r *replicaRig) serve(w http.ResponseWriter, req *http.Request) {
	cw := &countingWriter{ResponseWriter: w}
	r.sim.ServeHTTP(cw, req)
	class := callClass(req.URL.Path)
	r.mu.Lock()
	r.calls[class] = r.calls[class].add(cw.n)
	r.mu.Unlock()
}

// take returns the calls recorded since the last take.
func (r *replicaRig) take() upstreamCalls {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.calls
	r.calls = upstreamCalls{}
	return out
}

// callClass is the endpoint class of a path, with real-time backfills (/ts/h) apart from the long polls that
// follow them, which run on the poller's own clock.
func callClass(path string) string {
	class := fastlyapi.EndpointClass(path)
	switch {
	case !strings.HasPrefix(class, "realtime") && class != "inspector_realtime":
		return class
	case strings.HasSuffix(path, "/ts/h"):
		return realtimeBackfill
	}
	return realtimePoll
}

const (
	realtimeBackfill = "realtime_backfill"
	realtimePoll     = "realtime_poll"
)

// callCount is a number of calls and their body bytes.
type callCount struct {
	n     int
	bytes int64
}

func (c callCount) add(bytes int64) callCount { return callCount{c.n + 1, c.bytes + bytes} }

// upstreamCalls are calls by class.
type upstreamCalls map[string]callCount

// answering is every call but the long polls: what answering the queries cost.
func (c upstreamCalls) answering() callCount {
	var sum callCount
	for class, v := range c {
		if class != realtimePoll {
			sum = callCount{sum.n + v.n, sum.bytes + v.bytes}
		}
	}
	return sum
}

// String lists calls and body bytes by class, long polls apart.
func (c upstreamCalls) String() string {
	var parts []string
	for class, v := range c {
		if class != realtimePoll {
			parts = append(parts, fmt.Sprintf("%s %d/%.1f KB", class, v.n, float64(v.bytes)/1024))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// load does what Grafana does when the dashboard opens or refreshes: its variables' resource calls, then one request
// per panel (per repeated copy) with the panel's queries, then the annotation queries. It returns the calls made.
func (r *replicaRig) load(t *testing.T, dash bundledDashboard, vars map[string][]string) (upstreamCalls, int) {
	t.Helper()
	r.take()
	requests := 0
	for _, path := range variableResources(dash, vars) {
		status, body := callResource(t, r.ds, path)
		require.Equal(t, http.StatusOK, status, "%s: %s", path, body)
	}
	for _, p := range dash.allPanels() {
		for _, pv := range repeated(p, vars) {
			var queries []backend.DataQuery
			for _, raw := range p.Targets {
				queries = append(queries, dashboardQueryAt(t, raw, pv, dash.rangeOf(t, p), r.clock.now()))
			}
			if len(queries) > 0 {
				requireAnswered(t, r.ds, queries, dash.file+" panel "+p.Title)
				requests++
			}
		}
	}
	for _, a := range dash.annotationQueries() {
		q := dashboardQueryAt(t, a.Target, vars, max(dash.rangeOf(t, dashboardPanel{}), annotationRange), r.clock.now())
		requireAnswered(t, r.ds, []backend.DataQuery{q}, dash.file+" annotation "+a.Name)
		requests++
	}
	return r.take(), requests
}

// variableResources are the resource paths the dashboard's query variables read.
func variableResources(dash bundledDashboard, vars map[string][]string) []string {
	var out []string
	for _, v := range dash.Templating.List {
		switch v.Name {
		case "service":
			out = append(out, "services")
		case "region":
			out = append(out, "regions")
		case "host":
			out = append(out, "origins?service="+url.QueryEscape(vars["service"][0]))
		}
	}
	return out
}

// dashboardQueryAt is dashboardQuery over the last r up to now.
func dashboardQueryAt(t *testing.T, raw []byte, vars map[string][]string, r time.Duration, now time.Time) backend.DataQuery {
	t.Helper()
	q := dashboardQuery(t, raw, vars, r)
	q.TimeRange = backend.TimeRange{From: now.Add(-r), To: now}
	return q
}

// requireAnswered sends one panel's queries in one request and requires every one answered without error.
func requireAnswered(t *testing.T, d *Datasource, queries []backend.DataQuery, where string) {
	t.Helper()
	resp := runQueries(t, d, queries...)
	for _, q := range queries {
		require.NoError(t, resp.Responses[q.RefID].Error, "%s: %s", where, q.JSON)
	}
}

// TestBundledDashboardCostPerReplica opens each bundled dashboard on a replica of its own (a fresh datasource, as
// every Grafana replica's plugin process has) and refreshes it a minute later. Each replica pays the cold load
// once and every refresh it serves; the figures are logged for docs/performance.md ("Grafana in HA").
func TestBundledDashboardCostPerReplica(t *testing.T) {
	for _, dash := range loadDashboards(t) {
		t.Run(dash.file, func(t *testing.T) {
			rig := newReplicaRig(t)
			vars := variableValues(dash, rig.sim)
			cold, requests := rig.load(t, dash, vars)
			coldHeld := rig.ds.holdings()
			rig.clock.advance(time.Minute)
			warm, _ := rig.load(t, dash, vars)
			held := rig.ds.holdings()
			c, w := cold.answering(), warm.answering()
			t.Logf("%s: %d requests; cold: %d calls, %d KB (%s); refresh a minute later: %d calls, %d KB (%s); held: stats cache %d KB, "+
				"%d pollers, real-time buffers %d KB summed + %d KB by region + %d KB POP detail (after the cold load: %d KB cache, %d pollers)",
				dash.file, requests, c.n, c.bytes/1024, cold, w.n, w.bytes/1024, warm, held.CacheBytes/1024, held.Pollers,
				held.SummedBytes/1024, held.RegionBytes/1024, held.DetailBytes/1024, coldHeld.CacheBytes/1024, coldHeld.Pollers)
			require.Positive(t, c.n)
			if cs := cold["stats"]; cs.n > 0 {
				require.LessOrEqual(t, warm["stats"].bytes, cs.bytes/20, "a refresh reads only the unpublished tail of Historical Stats")
			}
			require.Zero(t, warm[realtimeBackfill].n, "a refresh within the idle time reuses the pollers the load started")
		})
	}
}

// TestAlertRuleCostPerReplica evaluates README's two sample alert rules (5xx ratio over the last 5 minutes, from
// real-time data and from Historical Stats) every minute, as every Grafana replica does, and logs what one replica's
// evaluations cost upstream: the figures of README "Grafana in HA".
func TestAlertRuleCostPerReplica(t *testing.T) {
	rules := map[string]map[string]any{
		"realtime": {"queryType": "realtime", "metrics": []string{"error_ratio"}, "groupBy": "none"},
		"stats":    {"queryType": "stats", "metrics": []string{"error_ratio"}, "granularity": "minute", "region": "", "groupBy": "service"},
	}
	const evaluations = 5
	for name, model := range rules {
		t.Run(name, func(t *testing.T) {
			rig := newReplicaRig(t)
			model["services"] = []string{realtimeServiceID(rig.sim, "www.example.com")}
			var perEvaluation []upstreamCalls
			for range evaluations {
				now := rig.clock.now()
				q := dataQuery("A", model["queryType"].(string), model, now.Add(-5*time.Minute), now)
				resp, err := rig.ds.QueryData(context.Background(), &backend.QueryDataRequest{
					Headers: map[string]string{backend.FromAlertHeaderName: "true"}, Queries: []backend.DataQuery{q}})
				require.NoError(t, err)
				require.NoError(t, resp.Responses["A"].Error)
				require.NotEmpty(t, resp.Responses["A"].Frames)
				perEvaluation = append(perEvaluation, rig.take())
				rig.clock.advance(time.Minute)
			}
			held := rig.ds.holdings()
			first, later := perEvaluation[0], perEvaluation[1:]
			var laterCalls []string
			for _, c := range later {
				laterCalls = append(laterCalls, fmt.Sprintf("%d (%s)", c.answering().n, c))
			}
			t.Logf("%s rule: first evaluation %d calls (%s); next evaluations a minute apart: %s; %d pollers held",
				name, first.answering().n, first, strings.Join(laterCalls, ", "), held.Pollers)
			for _, c := range later {
				require.Zero(t, c[realtimeBackfill].n, "the poller the first evaluation started serves the next ones")
				require.LessOrEqual(t, c.answering().n, first.answering().n)
			}
		})
	}
}
