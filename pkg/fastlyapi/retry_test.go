package fastlyapi

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var retryNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// reply is one scripted answer of a fake Fastly.
type reply struct {
	status   int
	headers  map[string]string
	body     string
	truncate bool // declare a longer Content-Length than sent, so the client sees the body cut off
}

const regionsBody = `{"status":"success","data":["usa","europe"]}`

var ok200 = reply{status: 200, body: regionsBody}

// scriptedFastly answers the replies in order, then repeats the last one; it counts the requests.
func scriptedFastly(t *testing.T, replies ...reply) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		r := replies[min(int(n.Add(1))-1, len(replies)-1)]
		for k, v := range r.headers {
			w.Header().Set(k, v)
		}
		w.Header().Set("Content-Type", "application/json")
		if r.truncate {
			w.Header().Set("Content-Length", strconv.Itoa(len(r.body)*2))
		}
		w.WriteHeader(r.status)
		_, _ = w.Write([]byte(r.body))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

// sleepRecorder stands in for time.Sleep and remembers each wait.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func testPolicy(maxRetries int, rec *sleepRecorder) RetryPolicy {
	return RetryPolicy{
		MaxRetries: maxRetries, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second, MaxWait: time.Minute,
		Sleep: rec.sleep, Now: func() time.Time { return retryNow }, Jitter: func(time.Duration) time.Duration { return 0 },
	}
}

func retryingClient(t *testing.T, url string, p RetryPolicy) *Client {
	t.Helper()
	c, err := NewClient("secret-token", url, &http.Client{Timeout: 10 * time.Second}, WithRetries(p))
	require.NoError(t, err)
	return c
}

func rateLimited(headers map[string]string) reply {
	return reply{status: 429, headers: headers, body: `{"msg":"Too many requests","detail":"slow down"}`}
}

func TestRetries(t *testing.T) {
	resetAt := retryNow.Add(4 * time.Second)
	cases := []struct {
		name       string
		maxRetries int
		replies    []reply
		wantCalls  int32
		wantWaits  []time.Duration
		wantStatus int // 0: success
	}{
		{"5xx then success, exponential backoff", 3, []reply{{status: 503, body: `{"msg":"busy"}`}, {status: 502, body: "<html>bad gateway</html>"}, ok200}, 3, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}, 0},
		{"backoff is capped", 5, []reply{{status: 500}, {status: 500}, {status: 500}, {status: 500}, {status: 500}, ok200}, 6,
			[]time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 500 * time.Millisecond}, 0},
		{"429 Retry-After seconds", 3, []reply{rateLimited(map[string]string{"Retry-After": "2"}), ok200}, 2, []time.Duration{2 * time.Second}, 0},
		{"429 Retry-After HTTP date", 3, []reply{rateLimited(map[string]string{"Retry-After": retryNow.Add(3 * time.Second).Format(http.TimeFormat)}), ok200}, 2, []time.Duration{3 * time.Second}, 0},
		{"429 Fastly-RateLimit-Reset", 3, []reply{rateLimited(map[string]string{"Fastly-RateLimit-Reset": strconv.FormatInt(resetAt.Unix(), 10)}), ok200}, 2, []time.Duration{4 * time.Second}, 0},
		{"Retry-After wins over the reset", 3, []reply{rateLimited(map[string]string{"Retry-After": "1", "Fastly-RateLimit-Reset": strconv.FormatInt(resetAt.Unix(), 10)}), ok200}, 2, []time.Duration{time.Second}, 0},
		{"reset in the past retries at once", 3, []reply{rateLimited(map[string]string{"Fastly-RateLimit-Reset": strconv.FormatInt(retryNow.Add(-time.Minute).Unix(), 10)}), ok200}, 2, []time.Duration{0}, 0},
		{"429 without hints backs off", 3, []reply{rateLimited(nil), ok200}, 2, []time.Duration{50 * time.Millisecond}, 0},
		{"truncated body is retried", 3, []reply{{status: 200, body: regionsBody, truncate: true}, ok200}, 2, []time.Duration{50 * time.Millisecond}, 0},
		{"retries exhausted", 2, []reply{{status: 503, body: `{"msg":"busy"}`}}, 3, []time.Duration{50 * time.Millisecond, 100 * time.Millisecond}, 503},
		{"no retries configured", 0, []reply{{status: 503}}, 1, nil, 503},
		{"400 is not retried", 3, []reply{{status: 400, body: `{"msg":"bad"}`}}, 1, nil, 400},
		{"401 is not retried", 3, []reply{{status: 401, body: `{"msg":"Provided credentials are missing or invalid"}`}}, 1, nil, 401},
		{"501 is not retried", 3, []reply{{status: 501}}, 1, nil, 501},
		{"Retry-After beyond the longest wait fails at once", 3, []reply{rateLimited(map[string]string{"Retry-After": "3600"})}, 1, nil, 429},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, calls := scriptedFastly(t, tc.replies...)
			rec := &sleepRecorder{}
			regions, err := retryingClient(t, srv.URL, testPolicy(tc.maxRetries, rec)).Regions(context.Background())
			assert.Equal(t, tc.wantCalls, calls.Load(), "requests sent")
			assert.Equal(t, tc.wantWaits, rec.waits, "waits between attempts")
			if tc.wantStatus == 0 {
				require.NoError(t, err)
				assert.Equal(t, []string{"usa", "europe"}, regions)
				return
			}
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.wantStatus, apiErr.StatusCode)
		})
	}
}

func TestRateLimitPastTheDeadlineFailsAtOnceWithTheResetTime(t *testing.T) {
	srv, calls := scriptedFastly(t, rateLimited(map[string]string{"Retry-After": "120"}))
	rec := &sleepRecorder{}
	p := testPolicy(3, rec)
	p.Now = time.Now
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	before := time.Now()
	_, err := retryingClient(t, srv.URL, p).Regions(ctx)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, int32(1), calls.Load())
	assert.Empty(t, rec.waits)
	assert.Contains(t, apiErr.Message, "Too many requests")
	require.NotNil(t, apiErr.RateLimitReset, "the reset time comes from Retry-After")
	assert.WithinRange(t, *apiErr.RateLimitReset, before.Add(119*time.Second), before.Add(122*time.Second))
}

func TestRetryBudgetStopsAStormOfRetries(t *testing.T) {
	srv, calls := scriptedFastly(t, reply{status: 503})
	clock := retryNow
	rec := &sleepRecorder{}
	p := testPolicy(3, rec)
	p.Budget = NewRetryBudget(0, 0.1, func() time.Time { return clock }) // one token, no deposits
	c := retryingClient(t, srv.URL, p)
	_, err := c.Regions(context.Background())
	require.Error(t, err)
	assert.Equal(t, int32(2), calls.Load(), "the single token pays for one retry")
	_, err = c.Regions(context.Background())
	require.Error(t, err)
	assert.Equal(t, int32(3), calls.Load(), "an empty budget means no retry")
	clock = clock.Add(10 * time.Second)
	_, _ = c.Regions(context.Background())
	assert.Equal(t, int32(5), calls.Load(), "time refills the budget")
}

func TestRetryBudgetDepositsAShareOfCalls(t *testing.T) {
	b := NewRetryBudget(0.5, 0, func() time.Time { return retryNow })
	require.True(t, b.withdraw(), "starts with one token")
	require.False(t, b.withdraw())
	b.deposit()
	require.False(t, b.withdraw(), "half a token is not a retry")
	b.deposit()
	assert.True(t, b.withdraw())
}

func TestCancelledCallStopsWaitingAtOnce(t *testing.T) {
	srv, calls := scriptedFastly(t, rateLimited(map[string]string{"Retry-After": "20"}))
	p := DefaultRetryPolicy(3)
	waiting := make(chan struct{})
	p.Sleep = func(ctx context.Context, d time.Duration) error {
		close(waiting)
		return sleepContext(ctx, d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := retryingClient(t, srv.URL, p).Regions(ctx)
		done <- err
	}()
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("the call never waited for Retry-After")
	}
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(10 * time.Second):
		t.Fatal("the call kept waiting for Retry-After after its context was cancelled")
	}
	assert.Equal(t, int32(1), calls.Load())
}

func TestParseRetryAfter(t *testing.T) {
	cases := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"0", 0, true},
		{" 7 ", 7 * time.Second, true},
		{retryNow.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{"-3", 0, false},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, tc := range cases {
		at, ok := parseRetryAfter(tc.value, retryNow)
		assert.Equal(t, tc.ok, ok, tc.value)
		if ok {
			assert.Equal(t, tc.want, at.Sub(retryNow), tc.value)
		}
	}
}

func TestPollDelay(t *testing.T) {
	rec := &sleepRecorder{}
	p := testPolicy(0, rec)
	p.RefusedDelay = 2 * time.Minute
	serverAsked := &Error{StatusCode: 429, retryAt: retryNow.Add(3 * time.Second)}
	cases := []struct {
		name     string
		err      error
		failures int
		want     time.Duration
	}{
		{"first 503: the first backoff", &Error{StatusCode: 503}, 1, 50 * time.Millisecond},
		{"doubling", &TransportError{Err: context.DeadlineExceeded}, 3, 200 * time.Millisecond},
		{"capped by MaxDelay", &Error{StatusCode: 500}, 30, 500 * time.Millisecond},
		{"an unreadable answer backs off", &DecodeError{Path: "/v1/channel/x/ts/h"}, 2, 100 * time.Millisecond},
		{"Fastly's wait", serverAsked, 9, 3 * time.Second},
		{"Fastly's wait beyond MaxWait", &Error{StatusCode: 429, retryAt: retryNow.Add(time.Hour)}, 1, time.Minute},
		{"rejected token", &Error{StatusCode: 401}, 1, 2 * time.Minute},
		{"unknown service", &Error{StatusCode: 404}, 5, 2 * time.Minute},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, p.PollDelay(tc.err, tc.failures), tc.name)
	}
	zero := RetryPolicy{Jitter: func(d time.Duration) time.Duration { return d - 1 }}
	assert.Equal(t, DefaultRetryMaxDelay, zero.PollDelay(&Error{StatusCode: 503}, 30), "an unset policy paces pollers by the defaults")
}
