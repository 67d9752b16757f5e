package plugin

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadIdleService answers every real-time poll with "No data available" during the load test.
var loadIdleService = simulator.New(simulator.Config{}).Services()[1].ID

// loadFaults inject about 10% faults of every kind, each chosen by its own seeded ratio, after a real-time outage
// (the first 12 polls of /v1/channel fail) and with one idle service.
var loadFaults = []simulator.Fault{
	{Kind: simulator.FaultNoData, PathPrefix: "/v1/channel/" + loadIdleService, Every: 1},
	{Kind: simulator.FaultServerError, PathPrefix: "/v1/channel/", Every: 1, Limit: 12},
	{Kind: simulator.FaultRateLimit, Ratio: 0.02, Seed: 11, RetryAfter: time.Second},
	{Kind: simulator.FaultServerError, Ratio: 0.03, Seed: 12},
	{Kind: simulator.FaultTruncate, Ratio: 0.02, Seed: 13},
	{Kind: simulator.FaultGarbage, Ratio: 0.02, Seed: 14},
	{Kind: simulator.FaultDelay, Ratio: 0.01, Seed: 15, Delay: 200 * time.Millisecond},
}

// loadTally counts what the load test saw.
type loadTally struct {
	requests, refIDs, answered, ok, wrong, internal atomic.Int64
	mu                                              sync.Mutex
	errors                                          map[string]int
}

func (l *loadTally) fail(res backend.DataResponse) {
	if strings.Contains(res.Error.Error(), "internal error") || res.ErrorSource == backend.ErrorSourcePlugin {
		l.internal.Add(1)
	}
	l.mu.Lock()
	l.errors[fmt.Sprintf("%d %s", res.Status, res.ErrorSource)]++
	l.mu.Unlock()
}

// TestLoadMixedQueriesWithFaults runs 200 concurrent workers sending mixed queries for 30 s against the simulator
// with about 10% injected faults. Run it with `make load` (FASTLY_LOAD=1); FASTLY_LOAD_SECONDS shortens it.
func TestLoadMixedQueriesWithFaults(t *testing.T) {
	if os.Getenv("FASTLY_LOAD") != "1" {
		t.Skip("set FASTLY_LOAD=1 (make load) to run the 30 s load test")
	}
	duration := 30 * time.Second
	if s := os.Getenv("FASTLY_LOAD_SECONDS"); s != "" {
		d, err := time.ParseDuration(s + "s")
		require.NoError(t, err)
		duration = d
	}
	const workers = 200
	sim, srv := newSim(t, simulator.Config{Faults: loadFaults})
	previous := backend.Logger
	backend.Logger = log.NewNullLogger()
	t.Cleanup(func() { backend.Logger = previous })
	baseHeap := heapAlloc()

	d := newTestDatasourceWithClient(t, srv.URL, simToken, &http.Client{Timeout: 20 * time.Second})
	tally := &loadTally{errors: map[string]int{}}
	peakHeap := runLoad(t, d, sim, tally, workers, duration)
	d.Dispose()
	srv.CloseClientConnections()
	left := d.realtime.Holdings()
	d = nil

	afterHeap := heapAlloc()
	t.Logf("workers %d, duration %s, GOMAXPROCS %d", workers, duration, runtime.GOMAXPROCS(0))
	t.Logf("QueryData calls %d, refIds %d, answered %d, ok %d, errors %v", tally.requests.Load(), tally.refIDs.Load(), tally.answered.Load(), tally.ok.Load(), tally.errors)
	t.Logf("upstream requests %d (real-time %d), injected faults %v (idle service, real-time outage, rate limit, 5xx, truncate, garbage, delay)",
		len(sim.Requests()), statsOnPath(sim, "/v1/"), sim.InjectedFaults())
	t.Logf("wrong numbers %d, plugin/internal errors %d", tally.wrong.Load(), tally.internal.Load())
	t.Logf("heap %.1f MiB before, %.1f MiB peak, %.1f MiB after", mib(baseHeap), mib(peakHeap), mib(afterHeap))

	assert.Equal(t, tally.refIDs.Load(), tally.answered.Load(), "every refId is answered")
	assert.Zero(t, tally.wrong.Load(), "no wrong numbers")
	assert.Zero(t, tally.internal.Load(), "no plugin errors or recovered panics")
	assert.Zero(t, left.Pollers, "Dispose stopped every poller")
	assert.Zero(t, left.SummedBytes+left.DetailBytes, "and dropped their buffers")
	assert.Less(t, afterHeap, baseHeap+32<<20, "heap back to baseline")
}

// runLoad keeps workers busy until duration has passed and returns the largest heap seen.
func runLoad(t *testing.T, d *Datasource, sim *simulator.Simulator, tally *loadTally, workers int, duration time.Duration) uint64 {
	stop := time.Now().Add(duration)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; time.Now().Before(stop); i += workers {
				loadRound(t, d, sim, tally, i)
			}
		}(w)
	}
	var peak uint64
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for tick := time.NewTicker(time.Second); ; {
		select {
		case <-done:
			tick.Stop()
			return peak
		case <-tick.C:
			peak = max(peak, heapAlloc())
		}
	}
}

// loadRound sends one QueryData with two refIds of the mixed set and checks the answers.
func loadRound(t *testing.T, d *Datasource, sim *simulator.Simulator, tally *loadTally, i int) {
	services := sim.Services()
	svc := services[i%len(services)].ID
	mixed := loadQueries(svc)
	first, second := mixed[i%len(mixed)], mixed[(i/len(mixed)+1)%len(mixed)]
	first.RefID, second.RefID = "A", "B"
	ctx, cancel := context.WithTimeout(context.Background(), 25*time.Second)
	defer cancel()
	tally.requests.Add(1)
	tally.refIDs.Add(2)
	resp, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: []backend.DataQuery{first, second}})
	if err != nil {
		t.Errorf("QueryData failed: %v", err)
		return
	}
	for ref, q := range map[string]backend.DataQuery{"A": first, "B": second} {
		res, ok := resp.Responses[ref]
		if !ok {
			continue
		}
		tally.answered.Add(1)
		if res.Error != nil {
			tally.fail(res)
			continue
		}
		tally.ok.Add(1)
		if !matchesGroundTruth(sim, q, res.Frames) {
			tally.wrong.Add(1)
		}
	}
}

// loadQueries are mixedQueries plus a realtime, a historical origins and a real-time domains query of serviceID.
func loadQueries(serviceID string) []backend.DataQuery {
	from, to := lastHour()
	services := map[string]any{"services": []string{serviceID}}
	with := func(extra map[string]any) map[string]any {
		maps.Copy(extra, services)
		return extra
	}
	return append(mixedQueries(serviceID),
		dataQuery("", "realtime", with(map[string]any{"metrics": []string{"requests"}}), to.Add(-time.Minute), to),
		dataQuery("", "origins", with(map[string]any{"metrics": []string{"responses"}, "granularity": "minute", "source": "historical"}), from, to),
		dataQuery("", "domains", with(map[string]any{"metrics": []string{"edge_requests"}, "source": "realtime"}), to.Add(-time.Minute), to))
}

// servedService is the simulated service whose id the query names.
func servedService(sim *simulator.Simulator, raw string) string {
	for _, s := range sim.Services() {
		if strings.Contains(raw, s.ID) {
			return s.ID
		}
	}
	return ""
}

// matchesGroundTruth compares the per-service minute requests, summed requests, realtime, origins and domains
// queries with the simulator; other query types are checked by their own tests.
func matchesGroundTruth(sim *simulator.Simulator, q backend.DataQuery, frames data.Frames) bool {
	raw := string(q.JSON)
	svc := servedService(sim, raw)
	switch q.QueryType {
	case "realtime":
		return realtimePointsMatch(frames[0], func(ts time.Time) float64 {
			if svc == loadIdleService {
				return 0
			}
			return sim.RealtimeValue(svc, "requests", "", ts)
		})
	case "origins":
		return framePointsMatch(frames[0], func(ts time.Time) float64 {
			return sim.InspectorValue("origin_inspector", svc, "all_responses", "minute", ts, nil)
		})
	case "domains":
		return realtimePointsMatch(frames[0], func(ts time.Time) float64 {
			return sim.InspectorRealtimeValue("domain_inspector", svc, "edge_requests", ts, nil)
		})
	}
	switch {
	case strings.Contains(raw, `"groupBy":"none"`):
		return framePointsMatch(frames[0], func(ts time.Time) float64 {
			var sum float64
			for _, s := range sim.Services() {
				v, _ := sim.Value(s.ID, "requests", "", "minute", ts)
				sum += v
			}
			return sum
		})
	case strings.Contains(raw, `"granularity":"minute"`):
		return framePointsMatch(frames[0], func(ts time.Time) float64 {
			v, _ := sim.Value(svc, "requests", "", "minute", ts)
			return v
		})
	}
	return true
}

func framePointsMatch(f *data.Frame, want func(time.Time) float64) bool {
	if len(f.Fields) < 2 || f.Fields[0].Len() == 0 {
		return false
	}
	for i := 0; i < f.Fields[0].Len(); i++ {
		got, ok := f.Fields[1].At(i).(*float64)
		if !ok || got == nil || *got != want(f.Fields[0].At(i).(time.Time)) {
			return false
		}
	}
	return true
}

// realtimePointsMatch is framePointsMatch for real-time frames, where seconds the buffer does not hold are empty.
func realtimePointsMatch(f *data.Frame, want func(time.Time) float64) bool {
	if len(f.Fields) < 2 || f.Fields[0].Len() == 0 {
		return false
	}
	for i := 0; i < f.Fields[0].Len(); i++ {
		got, ok := f.Fields[1].At(i).(*float64)
		if !ok || (got != nil && *got != want(f.Fields[0].At(i).(time.Time))) {
			return false
		}
	}
	return true
}

func heapAlloc() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func mib(b uint64) float64 { return float64(b) / (1 << 20) }
