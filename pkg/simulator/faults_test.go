package simulator

import (
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statuses sends n GETs of path and returns each answer's status.
func statuses(t *testing.T, url string, n int) []int {
	t.Helper()
	out := make([]int, n)
	for i := range out {
		resp, _ := request(t, http.MethodGet, url, testToken)
		out[i] = resp.StatusCode
	}
	return out
}

func TestFaultEveryNthRequestOnAPath(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultServerError, PathPrefix: "/stats/regions", Every: 3, Status: 502}}})
	assert.Equal(t, []int{200, 200, 502, 200, 200, 502}, statuses(t, srv.URL+"/stats/regions", 6))
	assert.Equal(t, []int{200, 200, 200}, statuses(t, srv.URL+"/datacenters", 3), "other paths are untouched")
	assert.Equal(t, []int{2}, sim.InjectedFaults())
}

func TestFaultLimitFailsOnlyTheFirstRequests(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultServerError, Every: 1, Limit: 2}}})
	assert.Equal(t, []int{503, 503, 200, 200}, statuses(t, srv.URL+"/stats/regions", 4))
}

func TestFaultRatioIsDeterministicForASeed(t *testing.T) {
	cfg := Config{Faults: []Fault{{Kind: FaultServerError, Ratio: 0.3, Seed: 7}}}
	_, a := newTestSimulator(t, cfg)
	_, b := newTestSimulator(t, cfg)
	first, second := statuses(t, a.URL+"/stats/regions", 200), statuses(t, b.URL+"/stats/regions", 200)
	assert.Equal(t, first, second)
	failed := 0
	for _, s := range first {
		if s == 503 {
			failed++
		}
	}
	assert.Equal(t, 60, failed, "seed 7 fails exactly 60 of 200 requests at ratio 0.3")
	_, other := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultServerError, Ratio: 0.3, Seed: 8}}})
	assert.NotEqual(t, first, statuses(t, other.URL+"/stats/regions", 200), "another seed fails other requests")
}

func TestFaultRateLimitSaysWhenToRetry(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultRateLimit, Every: 1, RetryAfter: 1500 * time.Millisecond}}})
	resp, body := request(t, http.MethodGet, srv.URL+"/stats/regions", testToken)
	assert.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	assert.Equal(t, "2", resp.Header.Get("Retry-After"))
	assert.Equal(t, "1710258884", resp.Header.Get("Fastly-RateLimit-Reset"), "now + 2 s")
	assert.Contains(t, string(body), "Too many requests")
}

func TestFaultGarbageIsAnHTMLPageWithStatus200(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultGarbage, Every: 1}}})
	resp, body := request(t, http.MethodGet, srv.URL+"/stats/regions", testToken)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "text/html", resp.Header.Get("Content-Type"))
	assert.Contains(t, string(body), "<html>")
}

func TestFaultTruncateCutsTheBodyShort(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultTruncate, Every: 1}}})
	resp, err := http.Get(srv.URL + "/datacenters")
	require.NoError(t, err)
	defer resp.Body.Close()
	_, err = io.ReadAll(resp.Body)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestFaultDelayAnswersNormallyAfterTheDelay(t *testing.T) {
	_, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultDelay, Every: 1, Delay: time.Millisecond}}})
	resp, body := request(t, http.MethodGet, srv.URL+"/stats/regions", testToken)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Contains(t, string(body), `"usa"`)
}
