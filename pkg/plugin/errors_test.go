package plugin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
)

func TestClassify(t *testing.T) {
	reset := time.Date(2026, 11, 26, 13, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		err    error
		status backend.Status
		source backend.ErrorSource
		msg    string
	}{
		{"bad query", &query.InvalidError{Msg: "choose at least one metric"}, backend.StatusBadRequest, backend.ErrorSourcePlugin, "choose at least one metric"},
		{"no token", errNoToken, backend.StatusBadRequest, backend.ErrorSourcePlugin, "no Fastly API token"},
		{"service not visible", &serviceNotVisibleError{id: "abc"}, backend.StatusNotFound, backend.ErrorSourceDownstream, "service abc was not found"},
		{"inspector not enabled", &inspector.NotEnabledError{Product: fastlyapi.OriginInspector, Service: series.Service{ID: "SU1Z0isxPaozGVKXdv0eY", Name: "www"}}, backend.StatusForbidden, backend.ErrorSourceDownstream, "Origin Inspector is not enabled for service www (SU1Z0isxPaozGVKXdv0eY)"},
		{"401", &fastlyapi.Error{StatusCode: 401, Path: "/stats", Message: "Token expired"}, backend.StatusUnauthorized, backend.ErrorSourceDownstream, "Fastly rejected the API token (401 Unauthorized: Token expired)"},
		{"403", &fastlyapi.Error{StatusCode: 403, Path: "/stats", Message: "Forbidden"}, backend.StatusForbidden, backend.ErrorSourceDownstream, "lacks access"},
		{"404", &fastlyapi.Error{StatusCode: 404, Path: "/stats/service/x", Message: "Record not found"}, backend.StatusNotFound, backend.ErrorSourceDownstream, "Fastly answered 404 Not Found for /stats/service/x: Record not found"},
		{"429", &fastlyapi.Error{StatusCode: 429, Path: "/stats", Message: "You have exceeded your hourly rate limit", RateLimitReset: &reset}, backend.StatusTooManyRequests, backend.ErrorSourceDownstream, "rate limit was reached (You have exceeded your hourly rate limit); it resets at 2026-11-26T13:00:00Z"},
		{"500", &fastlyapi.Error{StatusCode: 500, Path: "/stats", Message: "oops"}, backend.StatusBadGateway, backend.ErrorSourceDownstream, "Fastly answered 500"},
		{"other 4xx", &fastlyapi.Error{StatusCode: 400, Path: "/stats", Message: "Invalid region"}, backend.StatusBadRequest, backend.ErrorSourceDownstream, "Invalid region"},
		{"envelope error", &fastlyapi.EnvelopeError{Path: "/stats", Message: "Unknown field: x"}, backend.StatusBadRequest, backend.ErrorSourceDownstream, "Unknown field: x"},
		{"unreadable body", &fastlyapi.DecodeError{Path: "/stats", Reason: "invalid JSON"}, backend.StatusBadGateway, backend.ErrorSourceDownstream, "could not be read: invalid JSON"},
		{"dns", &fastlyapi.TransportError{Host: "api.fastly.com", Err: &net.DNSError{Err: "no such host"}}, backend.StatusBadGateway, backend.ErrorSourceDownstream, "could not resolve the Fastly host api.fastly.com"},
		{"refused", &fastlyapi.TransportError{Host: "api.fastly.com", Err: errors.New("connection refused")}, backend.StatusBadGateway, backend.ErrorSourceDownstream, "could not reach Fastly at api.fastly.com"},
		{"datasource reconfigured", fmt.Errorf("read: %w", realtime.ErrClosed), backend.StatusTimeout, backend.ErrorSourcePlugin, "settings changed while this query ran"},
		{"cancelled", fmt.Errorf("get: %w", context.Canceled), backend.StatusTimeout, backend.ErrorSourceDownstream, "cancelled"},
		{"deadline", fmt.Errorf("get: %w", context.DeadlineExceeded), backend.StatusTimeout, backend.ErrorSourceDownstream, "deadline"},
		{"wrapped", fmt.Errorf("fetch: %w", &fastlyapi.Error{StatusCode: 503, Message: "x"}), backend.StatusBadGateway, backend.ErrorSourceDownstream, "503"},
		{"bug", errors.New("nil map"), backend.StatusInternal, backend.ErrorSourcePlugin, "internal error in the Fastly plugin: nil map"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := classify(c.err)
			assert.Equal(t, c.status, got.status)
			assert.Equal(t, c.source, got.source)
			assert.Contains(t, got.message, c.msg)
		})
	}
}
