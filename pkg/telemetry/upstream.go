package telemetry

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/prometheus/client_golang/prometheus"
)

// Status label values besides the HTTP codes kept as they are.
const (
	statusTransportError = "transport_error" // no complete answer: refused, reset, timed out, body cut off
	statusCanceled       = "canceled"        // the caller went away (panel closed, datasource disposed)
)

// exactStatuses are the HTTP codes labelled as themselves; any other is labelled by its class, e.g. "4xx".
var exactStatuses = []int{200, 400, 401, 403, 404, 429, 500, 502, 503, 504}

// durationBuckets span a cached stats call (tens of ms) to a real-time long poll (up to a minute).
var durationBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// upstreamMetrics count the calls to Fastly by endpoint class.
type upstreamMetrics struct {
	requests    *prometheus.CounterVec
	bytes       *prometheus.CounterVec
	errors      *prometheus.CounterVec
	retries     *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
	duration    *prometheus.HistogramVec
}

var _ fastlyapi.Observer = (*upstreamMetrics)(nil)

func newUpstreamMetrics() *upstreamMetrics {
	m := &upstreamMetrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "upstream_requests_total",
			Help: "HTTP requests sent to Fastly (every attempt, retries included), by endpoint class and status."}, []string{"class", "status"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "upstream_response_bytes_total",
			Help: "Bytes of Fastly response bodies read, by endpoint class."}, []string{"class"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "upstream_errors_total",
			Help: "Fastly requests that failed (non-2xx status or no complete answer), by endpoint class and status."}, []string{"class", "status"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "upstream_retries_total",
			Help: "Fastly requests sent again after a 429, 5xx or transport error (real-time polls included), by endpoint class."}, []string{"class"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "upstream_rate_limited_total",
			Help: "Fastly answers with status 429 Too Many Requests, by endpoint class."}, []string{"class"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "upstream_request_duration_seconds",
			Help: "Duration of one Fastly request in seconds, body read included, by endpoint class.", Buckets: durationBuckets}, []string{"class"}),
	}
	for _, class := range fastlyapi.EndpointClasses {
		m.retries.WithLabelValues(class)
		m.rateLimited.WithLabelValues(class)
	}
	return m
}

func (m *upstreamMetrics) collectors() []prometheus.Collector {
	return []prometheus.Collector{m.requests, m.bytes, m.errors, m.retries, m.rateLimited, m.duration}
}

// Request implements fastlyapi.Observer.
func (m *upstreamMetrics) Request(class string, status int, bytes int64, d time.Duration, err error) {
	class, label := classLabel(class), statusLabel(status, err)
	m.requests.WithLabelValues(class, label).Inc()
	m.duration.WithLabelValues(class).Observe(d.Seconds())
	if bytes > 0 {
		m.bytes.WithLabelValues(class).Add(float64(bytes))
	}
	if err != nil {
		m.errors.WithLabelValues(class, label).Inc()
	}
	if status == http.StatusTooManyRequests {
		m.rateLimited.WithLabelValues(class).Inc()
	}
}

// Retry implements fastlyapi.Observer.
func (m *upstreamMetrics) Retry(class string, _ int) {
	m.retries.WithLabelValues(classLabel(class)).Inc()
}

// classLabel keeps the label set fixed even if a caller passed a class fastlyapi does not define.
func classLabel(class string) string {
	if slices.Contains(fastlyapi.EndpointClasses, class) {
		return class
	}
	return fastlyapi.ClassOther
}

// statusLabel is the status label of an attempt: a listed code, a code class, "canceled" or "transport_error".
func statusLabel(status int, err error) string {
	switch {
	case status == 0 && errors.Is(err, context.Canceled):
		return statusCanceled
	case status < 100 || status > 599:
		return statusTransportError
	case slices.Contains(exactStatuses, status):
		return strconv.Itoa(status)
	default:
		return strconv.Itoa(status/100) + "xx"
	}
}
