package plugin

import (
	"cmp"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/stretchr/testify/require"
)

// upstreamMeter wraps the simulator: it counts /stats calls and body bytes, can delay each answer, and records
// the sequential round trips: a call's depth is one more than the deepest call that had finished when it arrived.
type upstreamMeter struct {
	next  http.Handler
	delay time.Duration
	// realtime meters the real-time backfills (/ts/h) too; a poller's later long polls answer no query.
	realtime bool

	mu                     sync.Mutex
	calls                  int
	bytes                  int64
	inFlight, maxInFlight  int
	finishedDepth, maxWave int
}

func (m *upstreamMeter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/stats") && !(m.realtime && strings.HasSuffix(r.URL.Path, "/ts/h")) {
		m.next.ServeHTTP(w, r)
		return
	}
	m.mu.Lock()
	m.calls++
	m.inFlight++
	m.maxInFlight = max(m.maxInFlight, m.inFlight)
	depth := m.finishedDepth + 1
	m.maxWave = max(m.maxWave, depth)
	m.mu.Unlock()
	time.Sleep(m.delay)
	cw := &countingWriter{ResponseWriter: w}
	m.next.ServeHTTP(cw, r)
	m.mu.Lock()
	m.inFlight--
	m.bytes += cw.n
	m.finishedDepth = max(m.finishedDepth, depth)
	m.mu.Unlock()
}

// reset forgets the counts, keeping the delay.
func (m *upstreamMeter) reset() {
	m.mu.Lock()
	m.calls, m.bytes, m.maxInFlight, m.finishedDepth, m.maxWave = 0, 0, 0, 0, 0
	m.mu.Unlock()
}

func (m *upstreamMeter) snapshot() (calls int, bytes int64) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls, m.bytes
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n += int64(n)
	return n, err
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// perfRig is a simulator behind a meter and a datasource built on it, sharing one clock.
type perfRig struct {
	sim   *simulator.Simulator
	meter *upstreamMeter
	clock *clock
	url   string
	ds    *Datasource
	// grafanaQueries is Grafana's concurrent-query count sent with each request; zero sends 16.
	grafanaQueries int
}

func newPerfRig(tb testing.TB, services int, tune func(*Settings)) *perfRig {
	tb.Helper()
	c := &clock{t: testNow}
	sim := simulator.New(simulator.Config{Token: simToken, Now: c.now, ServiceCount: services})
	meter := &upstreamMeter{next: sim}
	srv := httptest.NewServer(meter)
	tb.Cleanup(srv.Close)
	rig := &perfRig{sim: sim, meter: meter, clock: c, url: srv.URL}
	rig.ds = rig.newDatasource(tb, tune)
	return rig
}

func (p *perfRig) newDatasource(tb testing.TB, tune func(*Settings)) *Datasource {
	tb.Helper()
	settings, err := LoadSettings(instanceSettings(p.url, simToken))
	require.NoError(tb, err)
	settings.StitchRealtime = false // the rig measures Historical Stats calls and the cache; stitch_test.go covers stitching
	if tune != nil {
		tune(&settings)
	}
	d, err := newDatasource(settings, &http.Client{Timeout: time.Minute}, p.clock.now)
	require.NoError(tb, err)
	tb.Cleanup(d.Dispose)
	return d
}

// run sends the dashboard's queries as one QueryData request ending now and spanning rangeLen.
func (p *perfRig) run(tb testing.TB, d *Datasource, dash dashboard, headers map[string]string) *backend.QueryDataResponse {
	tb.Helper()
	queries := p.queries(dash)
	count := cmp.Or(p.grafanaQueries, 16)
	ctx := config.WithGrafanaConfig(context.Background(), config.NewGrafanaCfg(map[string]string{config.ConcurrentQueryCount: strconv.Itoa(count)}))
	resp, err := d.QueryData(ctx, &backend.QueryDataRequest{Queries: queries, Headers: headers})
	require.NoError(tb, err)
	for ref, r := range resp.Responses {
		require.NoError(tb, r.Error, ref)
	}
	return resp
}

// queries are the dashboard's panel queries over rangeLen up to now.
func (p *perfRig) queries(dash dashboard) []backend.DataQuery {
	to := p.clock.now()
	var queries []backend.DataQuery
	for i, panel := range dash.panels(p.sim) {
		queries = append(queries, dataQuery(string(rune('A'+i)), "stats", panel, to.Add(-dash.rangeLen), to))
	}
	return queries
}

// framesWithoutMeta renders the responses' frames without meta (which lists the calls made) for comparison.
func framesWithoutMeta(tb testing.TB, resp *backend.QueryDataResponse) map[string]string {
	tb.Helper()
	out := map[string]string{}
	for ref, r := range resp.Responses {
		for _, f := range r.Frames {
			f.Meta = nil
		}
		raw, err := json.Marshal(r.Frames)
		require.NoError(tb, err)
		out[ref] = string(raw)
	}
	return out
}
