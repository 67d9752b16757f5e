package fastlyapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observed is one Request or Retry report.
type observed struct {
	kind   string // "request" or "retry"
	class  string
	status int
	bytes  int64
	failed bool
}

// recordingObserver keeps every report in order.
type recordingObserver struct {
	mu   sync.Mutex
	seen []observed
}

var _ Observer = (*recordingObserver)(nil)

func (o *recordingObserver) Request(class string, status int, bytes int64, d time.Duration, err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if d < 0 {
		panic("negative duration")
	}
	o.seen = append(o.seen, observed{kind: "request", class: class, status: status, bytes: bytes, failed: err != nil})
}

func (o *recordingObserver) Retry(class string, status int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.seen = append(o.seen, observed{kind: "retry", class: class, status: status})
}

func (o *recordingObserver) reports() []observed {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]observed(nil), o.seen...)
}

func TestObserverSeesEveryAttemptAndRetry(t *testing.T) {
	srv, _ := scriptedFastly(t, rateLimited(map[string]string{"Retry-After": "0"}), reply{status: 503, body: `{"msg":"busy"}`}, ok200)
	obs := &recordingObserver{}
	c, err := NewClient("secret-token", srv.URL, srv.Client(), WithRetries(testPolicy(3, &sleepRecorder{})), WithObserver(obs))
	require.NoError(t, err)
	_, err = c.Regions(context.Background())
	require.NoError(t, err)
	assert.Equal(t, []observed{
		{kind: "request", class: ClassAccount, status: 429, failed: true},
		{kind: "retry", class: ClassAccount, status: 429},
		{kind: "request", class: ClassAccount, status: 503, failed: true},
		{kind: "retry", class: ClassAccount, status: 503},
		{kind: "request", class: ClassAccount, status: 200, bytes: int64(len(regionsBody))},
	}, obs.reports())
}

func TestObserverSeesTransportFailuresAsStatusZero(t *testing.T) {
	srv, _ := scriptedFastly(t, reply{status: 200, body: regionsBody, truncate: true})
	obs := &recordingObserver{}
	c, err := NewClient("secret-token", srv.URL, srv.Client(), WithObserver(obs))
	require.NoError(t, err)
	_, err = c.Regions(context.Background())
	require.Error(t, err)

	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	c, err = NewClient("secret-token", closed.URL, &http.Client{Timeout: time.Second}, WithObserver(obs))
	require.NoError(t, err)
	_, err = c.Regions(context.Background())
	require.Error(t, err)
	assert.Equal(t, []observed{
		{kind: "request", class: ClassAccount, status: 0, failed: true},
		{kind: "request", class: ClassAccount, status: 0, failed: true},
	}, obs.reports(), "a cut-off body and a refused connection have no complete answer")
}

func TestWithoutObserverNothingIsReported(t *testing.T) {
	srv, _ := scriptedFastly(t, ok200)
	c, err := NewClient("secret-token", srv.URL, srv.Client(), WithObserver(nil))
	require.NoError(t, err)
	_, err = c.Regions(context.Background())
	require.NoError(t, err, "a nil observer falls back to the silent default")
}

func TestCountRepeatCountsOnlyWhatTheClientWouldRetry(t *testing.T) {
	obs := &recordingObserver{}
	c, err := NewClient("token", "https://rt.fastly.com", nil, WithObserver(obs))
	require.NoError(t, err)
	channel := "/v1/channel/svc/ts/1000"
	c.CountRepeat(&Error{StatusCode: 503, Path: channel})
	c.CountRepeat(&TransportError{Host: "rt.fastly.com", Path: "/v1/origins/svc/ts/h/1000", Err: errors.New("reset")})
	c.CountRepeat(&Error{StatusCode: 401, Path: channel})
	c.CountRepeat(context.Canceled)
	assert.Equal(t, []observed{
		{kind: "retry", class: ClassRealtime, status: 503},
		{kind: "retry", class: ClassInspectorRealtime, status: 0},
	}, obs.reports(), "a refused or cancelled poll is not a retry")
}
