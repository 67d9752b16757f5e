// Package fastlyapi knows Fastly's HTTP API: paths, parameters, response shapes and error bodies.
package fastlyapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/fastly/go-fastly/v16/fastly"
)

// maxBodyBytes bounds how much of one response body is read into memory.
const maxBodyBytes = 1 << 30

// Client calls one Fastly API host with one token.
type Client struct {
	api   *fastly.Client
	base  string // the API URL without a trailing slash
	host  string
	retry RetryPolicy
	obs   Observer
}

// Option configures a Client.
type Option func(*Client)

// NewClient builds a client for baseURL that sends token as Fastly-Key through httpClient.
func NewClient(token, baseURL string, httpClient *http.Client, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("invalid Fastly URL %q: it must be an http or https URL with a host", baseURL)
	}
	api, err := fastly.NewClientForEndpoint(token, baseURL)
	if err != nil {
		return nil, fmt.Errorf("creating Fastly client for %s: %w", u.Host, err)
	}
	api.DebugMode = false // FASTLY_DEBUG_MODE would print full response bodies to stdout.
	api.HTTPClient = httpClient
	c := &Client{api: api, base: strings.TrimRight(u.String(), "/"), host: u.Host, retry: RetryPolicy{}.withDefaults(), obs: noObserver{}}
	for _, opt := range opts {
		opt(c)
	}
	return c, nil
}

// Host is the host name the client talks to.
func (c *Client) Host() string { return c.host }

// attempt performs one GET and reports it to the observer; every failure is an *Error or *TransportError.
func (c *Client) attempt(ctx context.Context, class, path string, params url.Values) ([]byte, http.Header, error) {
	start := time.Now()
	body, header, status, err := c.send(ctx, path, params)
	c.obs.Request(class, status, int64(len(body)), time.Since(start), err)
	return body, header, err
}

// send performs one GET of path with params (a key may repeat); status is 0 when no complete answer arrived.
func (c *Client) send(ctx context.Context, path string, params url.Values) ([]byte, http.Header, int, error) {
	resp, err := c.api.SimpleGet(ctx, c.target(path, params))
	if resp != nil && resp.Body != nil {
		defer resp.Body.Close()
	}
	if err != nil {
		return nil, nil, responseStatus(resp), c.wrap(path, resp, err)
	}
	body, err := readBody(resp.Body)
	if err != nil {
		return nil, nil, 0, &TransportError{Host: c.host, Path: path, Err: err}
	}
	return body, resp.Header, resp.StatusCode, nil
}

// target is the URL of path with params encoded the way go-fastly encodes them (keys sorted).
func (c *Client) target(path string, params url.Values) string {
	t := c.base + "/" + strings.TrimLeft(path, "/")
	if len(params) > 0 {
		t += "?" + params.Encode()
	}
	return t
}

func responseStatus(resp *http.Response) int {
	if resp == nil {
		return 0
	}
	return resp.StatusCode
}

func (c *Client) wrap(path string, resp *http.Response, err error) error {
	var httpErr *fastly.HTTPError
	if errors.As(err, &httpErr) {
		e := newError(path, httpErr)
		if resp != nil {
			noteRetryAfter(e, resp.Header, c.retry.Now())
		}
		return e
	}
	return &TransportError{Host: c.host, Path: path, Err: err}
}

func readBody(r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, maxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading response body: %w", err)
	}
	if len(body) > maxBodyBytes {
		return nil, fmt.Errorf("response body larger than %d bytes", maxBodyBytes)
	}
	return body, nil
}

// query turns single-valued parameters into the url.Values the client sends.
func query(params map[string]string) url.Values {
	v := make(url.Values, len(params))
	for k, p := range params {
		v.Set(k, p)
	}
	return v
}

// pathEscape escapes one path segment (service ids and field names are validated before, this is defence in depth).
func pathEscape(s string) string { return url.PathEscape(strings.TrimSpace(s)) }
