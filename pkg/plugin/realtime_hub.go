package plugin

import (
	"context"
	"net/http"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// systemClock is the real clock, reading now through the datasource's clock function.
type systemClock struct{ now func() time.Time }

func (c systemClock) Now() time.Time                         { return c.now() }
func (c systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// newRealtimeHub builds the real-time client (same HTTP client, real-time host, reporting to obs) and the
// instance's poller hub, whose pollers pace their retries by the datasource's retry policy (the poller is the
// retry loop: the real-time client itself does not retry, reads Retry-After on the hub's clock and counts the
// poller's repeated polls as retries); regionOf maps POPs to stats regions for region-filtered stitching.
func newRealtimeHub(settings Settings, httpClient *http.Client, now func() time.Time, obs fastlyapi.Observer, retry fastlyapi.RetryPolicy,
	regionOf func(context.Context) (map[string]string, bool)) (*realtime.Hub, error) {
	rt, err := fastlyapi.NewClient(settings.apiToken, settings.RealtimeURL, httpClient,
		fastlyapi.WithRetries(fastlyapi.RetryPolicy{Now: now}), fastlyapi.WithObserver(obs))
	if err != nil {
		return nil, err
	}
	cfg := realtime.Config{
		Idle:       time.Duration(settings.RealtimeIdleSeconds) * time.Second,
		Buffer:     time.Duration(settings.RealtimeBufferMinutes) * time.Minute,
		MaxPollers: settings.RealtimeMaxServices,
		MaxBytes:   int64(settings.RealtimeMemoryMB) << 20,
		Retry:      retry,
		Repolled:   rt.CountRepeat,
		RegionOf:   regionOf,
	}
	return realtime.NewHub(rt, cfg, systemClock{now: now}, redactingLogger{log.DefaultLogger, settings.redact}), nil
}

// redactingLogger removes the token from every text argument before it is logged (Fastly may echo it in errors).
type redactingLogger struct {
	next   realtime.Logger
	redact func(string) string
}

func (l redactingLogger) Warn(msg string, args ...any) { l.next.Warn(msg, l.clean(args)...) }
func (l redactingLogger) Info(msg string, args ...any) { l.next.Info(msg, l.clean(args)...) }

func (l redactingLogger) clean(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(string); ok {
			a = l.redact(s)
		}
		out[i] = a
	}
	return out
}
