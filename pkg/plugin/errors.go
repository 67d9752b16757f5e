package plugin

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

var errNoToken = errors.New("no Fastly API token is configured: add a token with the global:read scope in the datasource settings")

// classified is an error as the user and Grafana see it.
type classified struct {
	status  backend.Status
	source  backend.ErrorSource
	message string
}

// classify is the one place that decides whose fault an error is, its status and its user-facing message.
func classify(err error) classified {
	var (
		invalid    *query.InvalidError
		notVisible *serviceNotVisibleError
		notEnabled *inspector.NotEnabledError
		noLogs     *logs.NotEnabledError
		apiErr     *fastlyapi.Error
		envelope   *fastlyapi.EnvelopeError
		decodeErr  *fastlyapi.DecodeError
		transport  *fastlyapi.TransportError
		limit      *realtime.LimitError
	)
	switch {
	case errors.As(err, &invalid):
		return classified{backend.StatusBadRequest, backend.ErrorSourcePlugin, invalid.Msg}
	case errors.Is(err, errNoToken):
		return classified{backend.StatusBadRequest, backend.ErrorSourcePlugin, errNoToken.Error()}
	case errors.As(err, &notVisible):
		return classified{backend.StatusNotFound, backend.ErrorSourceDownstream, notVisible.Error()}
	case errors.As(err, &notEnabled):
		return classified{backend.StatusForbidden, backend.ErrorSourceDownstream, notEnabled.Error()}
	case errors.As(err, &noLogs):
		return classified{backend.StatusForbidden, backend.ErrorSourceDownstream, noLogs.Error()}
	case errors.As(err, &limit):
		return classified{backend.StatusBadRequest, backend.ErrorSourcePlugin, fmt.Sprintf(
			"%s (setting realtimeMaxServices): choose fewer services, or raise the setting", limit.Error())}
	case errors.Is(err, realtime.ErrClosed):
		return classified{backend.StatusTimeout, backend.ErrorSourcePlugin, "the datasource's settings changed while this query ran: refresh to query again"}
	case errors.Is(err, context.Canceled):
		return classified{backend.StatusTimeout, backend.ErrorSourceDownstream, "the query was cancelled before Fastly answered"}
	case errors.Is(err, context.DeadlineExceeded):
		return classified{backend.StatusTimeout, backend.ErrorSourceDownstream, "Fastly did not answer before the query's deadline"}
	case errors.As(err, &apiErr):
		return classifyAPIError(apiErr)
	case errors.As(err, &envelope):
		return classified{backend.StatusBadRequest, backend.ErrorSourceDownstream, envelope.Error()}
	case errors.As(err, &decodeErr):
		return classified{backend.StatusBadGateway, backend.ErrorSourceDownstream, decodeErr.Error()}
	case errors.As(err, &transport):
		return classified{backend.StatusBadGateway, backend.ErrorSourceDownstream, transportMessage(transport)}
	}
	return classified{backend.StatusInternal, backend.ErrorSourcePlugin, "internal error in the Fastly plugin: " + err.Error()}
}

func classifyAPIError(e *fastlyapi.Error) classified {
	source := backend.ErrorSourceFromHTTPStatus(e.StatusCode)
	switch {
	case e.RejectsToken():
		return classified{backend.Status(e.StatusCode), source, fmt.Sprintf(
			"Fastly rejected the API token (%d %s: %s): it is invalid or expired, or lacks access to this data; check the token in the datasource settings",
			e.StatusCode, http.StatusText(e.StatusCode), e.Message)}
	case e.StatusCode == http.StatusTooManyRequests:
		return classified{backend.StatusTooManyRequests, source, rateLimitMessage(e)}
	case e.StatusCode == http.StatusNotFound:
		return classified{backend.StatusNotFound, source, e.Error()}
	case e.StatusCode >= 500:
		return classified{backend.StatusBadGateway, source, e.Error()}
	}
	return classified{backend.StatusBadRequest, source, e.Error()}
}

func rateLimitMessage(e *fastlyapi.Error) string {
	msg := "Fastly's rate limit was reached (" + e.Message + ")"
	if e.RateLimitReset != nil {
		msg += "; it resets at " + e.RateLimitReset.UTC().Format(time.RFC3339)
	}
	return msg
}

func transportMessage(e *fastlyapi.TransportError) string {
	var dnsErr *net.DNSError
	if errors.As(e.Err, &dnsErr) {
		return fmt.Sprintf("could not resolve the Fastly host %s (%s): check the API URL and this Grafana's DNS and proxy settings", e.Host, dnsErr.Err)
	}
	return fmt.Sprintf("could not reach Fastly at %s: %v; check the API URL and this Grafana's network and proxy settings", e.Host, e.Err)
}

// errorResponse turns an error into the refId's response, logged without the token.
func (d *Datasource) errorResponse(ctx context.Context, err error) backend.DataResponse {
	c := classify(err)
	msg := d.settings.redact(c.message)
	logger := backend.Logger.FromContext(ctx)
	if c.source == backend.ErrorSourcePlugin && c.status == backend.StatusInternal {
		logger.Error("Fastly query failed", "error", msg)
	} else {
		logger.Debug("Fastly query failed", "status", int(c.status), "error", msg)
	}
	return backend.ErrDataResponseWithSource(c.status, c.source, msg)
}
