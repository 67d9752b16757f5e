package fastlyapi

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/fastly/go-fastly/v16/fastly"
)

// Error is a non-2xx answer from Fastly, carrying Fastly's own message.
type Error struct {
	StatusCode     int
	Path           string
	Message        string
	RateLimitReset *time.Time
	retryAt        time.Time // when Fastly allows the next attempt (Retry-After or Fastly-RateLimit-Reset)
}

// RejectsToken tells whether Fastly refused the token itself (401 or 403), as opposed to the request.
func (e *Error) RejectsToken() bool {
	return e.StatusCode == http.StatusUnauthorized || e.StatusCode == http.StatusForbidden
}

func (e *Error) Error() string {
	return fmt.Sprintf("Fastly answered %d %s for %s: %s", e.StatusCode, http.StatusText(e.StatusCode), e.Path, e.Message)
}

// TransportError is a failure to reach Fastly or to read its answer.
type TransportError struct {
	Host string
	Path string
	Err  error
}

func (e *TransportError) Error() string {
	return fmt.Sprintf("could not get %s from %s: %v", e.Path, e.Host, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// DecodeError is a 2xx answer the plugin could not understand.
type DecodeError struct {
	Path   string
	Reason string
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("Fastly's answer for %s could not be read: %s", e.Path, e.Reason)
}

func newError(path string, h *fastly.HTTPError) *Error {
	e := &Error{StatusCode: h.StatusCode, Path: path, Message: errorMessage(h)}
	if h.RateLimitReset != nil {
		t := time.Unix(int64(*h.RateLimitReset), 0).UTC()
		e.RateLimitReset = &t
	}
	return e
}

func errorMessage(h *fastly.HTTPError) string {
	var parts []string
	for _, o := range h.Errors {
		if o == nil {
			continue
		}
		parts = append(parts, objectMessage(o))
	}
	msg := strings.Join(nonEmpty(parts), "; ")
	if msg == "" {
		return "no error message in the response"
	}
	return msg
}

func objectMessage(o *fastly.ErrorObject) string {
	if o.Title == "Undefined error" {
		return summarizeRawBody(o.Detail)
	}
	return strings.Join(nonEmpty([]string{strings.TrimSpace(o.Title), strings.TrimSpace(o.Detail)}), ": ")
}

// summarizeRawBody shortens a body that was not a Fastly error document (a proxy's HTML page, plain text).
func summarizeRawBody(body string) string {
	trimmed := strings.TrimSpace(body)
	switch {
	case trimmed == "":
		return "empty response body"
	case strings.HasPrefix(trimmed, "<"):
		return fmt.Sprintf("an HTML page instead of a Fastly API response (%d bytes; a proxy or gateway may have answered)", len(body))
	case len(trimmed) > 200:
		return trimmed[:200] + "…"
	default:
		return trimmed
	}
}

func nonEmpty(parts []string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}
