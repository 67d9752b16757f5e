package telemetry

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/assert"
)

var errFailed = errors.New("failed")

func TestUpstreamRequestsAreCountedByClassAndStatus(t *testing.T) {
	m := newUpstreamMetrics()
	m.Request(fastlyapi.ClassStats, 200, 1000, 300*time.Millisecond, nil)
	m.Request(fastlyapi.ClassStats, 200, 500, 100*time.Millisecond, nil)
	m.Request(fastlyapi.ClassStats, 429, 0, 10*time.Millisecond, errFailed)
	m.Retry(fastlyapi.ClassStats, 429)
	m.Request(fastlyapi.ClassRealtime, 0, 0, time.Second, fmt.Errorf("wrapped: %w", context.Canceled))
	m.Request(fastlyapi.ClassAccount, 0, 0, time.Second, errFailed)

	assert.Equal(t, 2.0, testutil.ToFloat64(m.requests.WithLabelValues("stats", "200")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues("stats", "429")))
	assert.Equal(t, 1500.0, testutil.ToFloat64(m.bytes.WithLabelValues("stats")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.errors.WithLabelValues("stats", "429")))
	assert.Zero(t, testutil.ToFloat64(m.errors.WithLabelValues("stats", "200")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.retries.WithLabelValues("stats")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.rateLimited.WithLabelValues("stats")))
	assert.Zero(t, testutil.ToFloat64(m.rateLimited.WithLabelValues("account")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.errors.WithLabelValues("realtime", "canceled")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.errors.WithLabelValues("account", "transport_error")))
	assert.Equal(t, 3, testutil.CollectAndCount(m.duration), "one histogram per class seen")
}

func TestStatusLabels(t *testing.T) {
	cases := []struct {
		status int
		err    error
		want   string
	}{
		{200, nil, "200"}, {206, nil, "2xx"}, {304, errFailed, "3xx"}, {401, errFailed, "401"}, {418, errFailed, "4xx"},
		{429, errFailed, "429"}, {503, errFailed, "503"}, {599, errFailed, "5xx"}, {0, errFailed, "transport_error"},
		{0, context.DeadlineExceeded, "transport_error"}, {0, context.Canceled, "canceled"}, {999, errFailed, "transport_error"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, statusLabel(c.status, c.err), "%d %v", c.status, c.err)
	}
}

func TestAClassFastlyapiDoesNotDefineIsCountedAsOther(t *testing.T) {
	m := newUpstreamMetrics()
	m.Request("/stats/service/SECRETSERVICEID", 200, 1, time.Millisecond, nil)
	m.Retry("anything", 500)
	assert.Equal(t, 1.0, testutil.ToFloat64(m.requests.WithLabelValues(fastlyapi.ClassOther, "200")))
	assert.Equal(t, 1.0, testutil.ToFloat64(m.retries.WithLabelValues(fastlyapi.ClassOther)))
}
