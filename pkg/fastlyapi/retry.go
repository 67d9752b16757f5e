package fastlyapi

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults of DefaultRetryPolicy.
const (
	DefaultRetryBaseDelay = 100 * time.Millisecond
	DefaultRetryMaxDelay  = 5 * time.Second
	DefaultRetryMaxWait   = 30 * time.Second
	// DefaultRetryRefusedDelay is a poller's pause after Fastly refused the request itself (a rejected token, an
	// unknown service): asking again soon cannot help.
	DefaultRetryRefusedDelay = 2 * time.Minute
)

// RetryPolicy decides whether and when a failed GET is tried again. The zero value never retries.
type RetryPolicy struct {
	MaxRetries int           // retries after the first attempt
	BaseDelay  time.Duration // backoff before the first retry; doubles each retry
	MaxDelay   time.Duration // cap of the exponential backoff
	MaxWait    time.Duration // longest Retry-After or rate-limit reset wait honoured; a GET fails at once, a poller waits MaxWait
	// RefusedDelay is a poller's pause after a 4xx other than 429 (or a 501), plus up to a fifth of it as jitter.
	RefusedDelay time.Duration
	Budget       *RetryBudget // shared by every call of one datasource; nil = unlimited
	Sleep        func(ctx context.Context, d time.Duration) error
	Now          func() time.Time
	Jitter       func(d time.Duration) time.Duration // a random duration in [0, d)
}

// DefaultRetryPolicy retries up to maxRetries times with jittered exponential backoff and a fresh budget.
func DefaultRetryPolicy(maxRetries int) RetryPolicy {
	return RetryPolicy{
		MaxRetries:   maxRetries,
		BaseDelay:    DefaultRetryBaseDelay,
		MaxDelay:     DefaultRetryMaxDelay,
		MaxWait:      DefaultRetryMaxWait,
		RefusedDelay: DefaultRetryRefusedDelay,
		Budget:       NewRetryBudget(0.2, 10, time.Now),
	}
}

// WithRetries makes the client retry idempotent GETs after 429, 5xx and transport errors.
func WithRetries(p RetryPolicy) Option {
	return func(c *Client) { c.retry = p.withDefaults() }
}

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.Sleep == nil {
		p.Sleep = sleepContext
	}
	if p.Now == nil {
		p.Now = time.Now
	}
	if p.Jitter == nil {
		p.Jitter = randomDuration
	}
	if p.MaxDelay < p.BaseDelay {
		p.MaxDelay = p.BaseDelay
	}
	return p
}

// get performs a GET, retrying it as the client's policy allows; the context bounds every attempt and wait.
func (c *Client) get(ctx context.Context, path string, params url.Values) ([]byte, http.Header, error) {
	c.retry.Budget.deposit()
	class := EndpointClass(path)
	for retry := 0; ; retry++ {
		body, header, err := c.attempt(ctx, class, path, params)
		if err == nil || ctx.Err() != nil || !retryable(err) {
			return body, header, err
		}
		wait, ok := c.retry.wait(ctx, err, retry)
		if !ok {
			return nil, nil, err
		}
		if sleepErr := c.retry.Sleep(ctx, wait); sleepErr != nil {
			return nil, nil, &TransportError{Host: c.host, Path: path, Err: sleepErr}
		}
		c.obs.Retry(class, errorStatus(err))
	}
}

// CountRepeat reports to the client's observer that its caller sends a call that failed with err again, as a
// real-time poller (its own retry loop) does; a failure the client would not retry itself is not counted.
func (c *Client) CountRepeat(err error) {
	if retryable(err) {
		c.obs.Retry(EndpointClass(errorPath(err)), errorStatus(err))
	}
}

// retryable tells whether an error may go away when the same GET is sent again.
func retryable(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode == http.StatusTooManyRequests ||
			(apiErr.StatusCode >= 500 && apiErr.StatusCode != http.StatusNotImplemented)
	}
	var transport *TransportError
	return errors.As(err, &transport)
}

// errorPath is the path of a failed call, "" when the error does not say.
func errorPath(err error) string {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.Path
	}
	var transport *TransportError
	if errors.As(err, &transport) {
		return transport.Path
	}
	return ""
}

// errorStatus is the HTTP status of a failed attempt, 0 for a transport error.
func errorStatus(err error) int {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// wait is how long to wait before retry number retry (0-based), or false when the call must fail now.
func (p RetryPolicy) wait(ctx context.Context, err error, retry int) (time.Duration, bool) {
	if retry >= p.MaxRetries {
		return 0, false
	}
	d, fromServer := p.serverWait(err)
	if fromServer && p.MaxWait > 0 && d > p.MaxWait {
		return 0, false
	}
	if !fromServer {
		d = p.backoff(retry)
	}
	if deadline, ok := ctx.Deadline(); ok && !p.Now().Add(d).Before(deadline) {
		return 0, false
	}
	return d, p.Budget.withdraw()
}

// serverWait is the wait Fastly asked for: Retry-After first, else Fastly-RateLimit-Reset.
func (p RetryPolicy) serverWait(err error) (time.Duration, bool) {
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.retryAt.IsZero() {
		return 0, false
	}
	return max(apiErr.retryAt.Sub(p.Now()), 0), true
}

// PollDelay is a never-giving-up poller's pause after its failures-th failure in a row: Fastly's wait (at most
// MaxWait), RefusedDelay for a refused request, else a GET's backoff (at most MaxDelay); it spends no budget.
func (p RetryPolicy) PollDelay(err error, failures int) time.Duration {
	p = p.forPolling()
	if d, fromServer := p.serverWait(err); fromServer {
		return min(d, p.MaxWait)
	}
	var apiErr *Error
	if errors.As(err, &apiErr) && !retryable(err) {
		return p.RefusedDelay + p.Jitter(p.RefusedDelay/5+1)
	}
	return p.backoff(max(failures-1, 0))
}

// forPolling fills what a poller needs and the policy leaves unset with the defaults.
func (p RetryPolicy) forPolling() RetryPolicy {
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultRetryBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultRetryMaxDelay
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultRetryMaxWait
	}
	if p.RefusedDelay <= 0 {
		p.RefusedDelay = DefaultRetryRefusedDelay
	}
	return p.withDefaults()
}

// backoff is the exponential delay of retry number retry with equal jitter: half fixed, half random.
func (p RetryPolicy) backoff(retry int) time.Duration {
	d := p.BaseDelay
	for i := 0; i < retry && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	return d/2 + p.Jitter(d/2+1)
}

// noteRetryAfter records on e when Fastly allows the next attempt; a 429 without Fastly-RateLimit-Reset reports
// that time as its reset.
func noteRetryAfter(e *Error, header http.Header, now time.Time) {
	if at, ok := parseRetryAfter(header.Get("Retry-After"), now); ok {
		e.retryAt = at
	} else if e.RateLimitReset != nil {
		e.retryAt = *e.RateLimitReset
	}
	if e.StatusCode == http.StatusTooManyRequests && e.RateLimitReset == nil && !e.retryAt.IsZero() {
		reset := e.retryAt.UTC().Truncate(time.Second)
		e.RateLimitReset = &reset
	}
}

// maxRetryAfterSeconds bounds a Retry-After delay so that it cannot overflow a time.Duration.
const maxRetryAfterSeconds = 1 << 31

// parseRetryAfter reads Retry-After as delay seconds or an HTTP date.
func parseRetryAfter(value string, now time.Time) (time.Time, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, false
	}
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil {
		if secs < 0 {
			return time.Time{}, false
		}
		return now.Add(time.Duration(min(secs, maxRetryAfterSeconds)) * time.Second), true
	}
	if t, err := http.ParseTime(value); err == nil {
		return t.UTC(), true
	}
	return time.Time{}, false
}

func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func randomDuration(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return rand.N(d)
}

// RetryBudget is a token bucket shared by one datasource's calls: every call deposits ratio of a retry, time
// adds perSecond retries, and each retry withdraws one, so a storm of failing panels cannot multiply requests.
type RetryBudget struct {
	ratio     float64
	perSecond float64
	capacity  float64
	now       func() time.Time

	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// NewRetryBudget allows retries for ratio of the calls plus perSecond retries, with a burst of 10 seconds' worth.
func NewRetryBudget(ratio, perSecond float64, now func() time.Time) *RetryBudget {
	capacity := max(10*perSecond, 1)
	return &RetryBudget{ratio: ratio, perSecond: perSecond, capacity: capacity, now: now, tokens: capacity, last: now()}
}

func (b *RetryBudget) deposit() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill()
	b.tokens = min(b.tokens+b.ratio, b.capacity)
}

func (b *RetryBudget) withdraw() bool {
	if b == nil {
		return true
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill()
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

func (b *RetryBudget) refill() {
	now := b.now()
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(b.tokens+elapsed*b.perSecond, b.capacity)
	}
	b.last = now
}
