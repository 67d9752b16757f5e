package fastlyapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// badBodies are the shapes a proxy, a cut connection or a changed API can produce.
var badBodies = []string{
	``, ` `, `null`, `[]`, `{}`, `"text"`, `42`,
	`<html><body><h1>502 Bad Gateway</h1></body></html>`,
	`{"data":[{"start_time":1700000000,"requests":12`,
	`{"status":"error","msg":"bad from"}`,
	`{"status":"success","data":null,"unknown":{"nested":[1,2]}}`,
	`{"status":"success","data":[{"start_time":"1700000000","requests":"12","hits":null,"extra":true}]}`,
	`{"data":{"SVC":[{"start_time":1700000000,"requests":1e309}]}}`,
	`{"data":{"SVC":[{"start_time":1e30,"requests":-1}]}}`,
	`{"data":[{"start_time":1700000000,"requests":"NaN","hits":"Inf"}]}`,
	`{"data":[{"start_time":1700000000,"requests":[1],"hits":{}}]}`,
	"\xff\xfe{\"data\":[]}",
}

// FuzzDecodeStats: any body gives a result or a DecodeError/EnvelopeError; decoded values are finite or NaN (null)
// and every field has one value per bucket.
func FuzzDecodeStats(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"status":"success","data":{"A":[{"start_time":60,"requests":3,"hits":2}],"B":[]}}`))
	f.Add([]byte(`{"status":"success","data":[{"start_time":60,"service_id":"X","requests":3}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := DecodeStats(body, "/stats", []string{"requests", "hits"}, "SVC")
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for id, rows := range res.ByService {
			for i, values := range rows.Values {
				if len(values) != len(rows.Start) {
					t.Fatalf("service %s field %d: %d values for %d buckets", id, i, len(values), len(rows.Start))
				}
				for _, v := range values {
					if math.IsInf(v, 0) {
						t.Fatalf("service %s field %d: infinite value", id, i)
					}
				}
			}
		}
	})
}

// FuzzDecodeStatsNumbers: a value sent as a number, as a string or as null decodes to exactly that value (NaN for
// null), never to another number.
func FuzzDecodeStatsNumbers(f *testing.F) {
	f.Add(int64(1700000000), 12.0, uint8(0))
	f.Add(int64(60), 0.5, uint8(1))
	f.Add(int64(0), -3.0, uint8(2))
	f.Add(int64(86400), 1e15, uint8(3))
	f.Fuzz(func(t *testing.T, start int64, value float64, encoding uint8) {
		if math.IsNaN(value) || math.IsInf(value, 0) || start < 0 || start > 1<<40 {
			return
		}
		encoded, want := encodeNumber(value, encoding)
		body := fmt.Sprintf(`{"status":"success","meta":{"by":"minute"},"data":{"SVC":[{"start_time":%d,"requests":%s}]}}`, start, encoded)
		res, err := DecodeStats([]byte(body), "/stats", []string{"requests"}, "")
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		rows := res.ByService["SVC"]
		if rows == nil || len(rows.Start) != 1 || rows.Start[0] != start {
			t.Fatalf("%s: wrong bucket %+v", body, rows)
		}
		got := rows.Values[0][0]
		if !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("%s: decoded %v, want %v", body, got, want)
		}
	})
}

// encodeNumber renders value as a JSON number, a JSON string, null or a missing key, with the value the decoder
// must produce.
func encodeNumber(value float64, encoding uint8) (string, float64) {
	text := strconv.FormatFloat(value, 'g', -1, 64)
	switch encoding % 3 {
	case 1:
		return `"` + text + `"`, value
	case 2:
		return "null", math.NaN()
	}
	return text, value
}

func FuzzDecodeVersions(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`[{"number":3,"active":true,"deployed":true,"comment":"x","service_id":"S","created_at":"2026-01-02T03:04:05Z","updated_at":null}]`))
	f.Add([]byte(`[{"number":"3","active":"yes"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		versions, err := DecodeVersions(body, "/service/S/version")
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for _, v := range versions {
			if v.UpdatedAt.Location() != time.UTC || v.CreatedAt.Location() != time.UTC {
				t.Fatalf("version %d: times not in UTC", v.Number)
			}
		}
	})
}

func FuzzDecodeUsage(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"status":"success","data":{"usa":{"bandwidth":10,"requests":2,"compute_requests":0}}}`))
	f.Add([]byte(`{"status":"success","data":{"usa":{"S1":{"bandwidth":10,"requests":2}}}}`))
	f.Add([]byte(`{"status":"success","data":{"customer_id":"C","services":{"S1":{"name":"www","usa":{"bandwidth":1.5,"requests":2}}},"total":{"usa":{"bandwidth":1.5}}}}`))
	f.Add([]byte(`{"status":"error","msg":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var byRegion map[string]Usage
		if err := DecodeEnvelope(body, UsagePath, &byRegion); err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
		var byService map[string]map[string]Usage
		if err := DecodeEnvelope(body, UsageByServicePath, &byService); err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
		if _, err := DecodeMonthUsage(body, UsageByMonthPath); err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
	})
}

// FuzzAccountResponses drives /tokens/self, /service, /datacenters and /stats/regions through the whole client with
// any status, content type and body: the answer is data or one of the client's error types, never a panic.
func FuzzAccountResponses(f *testing.F) {
	for _, b := range badBodies {
		f.Add(200, "application/json", []byte(b))
		f.Add(503, "text/html", []byte(b))
	}
	f.Add(200, "application/json", []byte(`{"name":"t","scope":"global:read","expires_at":null,"services":["S"]}`))
	f.Add(200, "application/json", []byte(`[{"id":"S","name":"www","type":"vcl","version":3,"updated_at":"2026-01-02T03:04:05Z"}]`))
	f.Add(200, "application/json", []byte(`[{"code":"AMS","name":"Amsterdam","coordinates":{"latitude":"52.3","longitude":null}}]`))
	f.Add(401, "application/json", []byte(`{"msg":"Provided credentials are missing or invalid"}`))
	f.Add(429, "application/problem+json", []byte(`{"title":"Too many requests","status":429}`))
	f.Add(404, "application/vnd.api+json", []byte(`{"errors":[{"title":"Not found","detail":null}]}`))
	f.Fuzz(func(t *testing.T, status int, contentType string, body []byte) {
		if status < 200 || status > 599 {
			return
		}
		c := cannedClient(t, status, contentType, body)
		ctx := context.Background()
		calls := map[string]func() error{
			"tokens/self": func() error { _, err := c.TokenSelf(ctx); return err },
			"service":     func() error { _, err := c.Services(ctx); return err },
			"datacenters": func() error { _, err := c.POPs(ctx); return err },
			"regions":     func() error { _, err := c.Regions(ctx); return err },
			"versions":    func() error { _, err := c.Versions(ctx, "S"); return err },
		}
		for name, call := range calls {
			if err := call(); err != nil {
				requireClientError(t, name, err)
			}
		}
	})
}

// FuzzDecodeInspectorPage: any body gives a page or a DecodeError; every series has one value per timestamp.
func FuzzDecodeInspectorPage(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"data":[{"dimensions":{"host":"host01"},"values":[{"responses":26795476,"status_2xx":26750746,"timestamp":1644624000}]}],"meta":{"next_cursor":""},"status":"success"}`))
	f.Add([]byte(`{"data":[{"dimensions":null,"values":[{"timestamp":"1644624000","responses":null}]}],"meta":{"next_cursor":null}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := DecodeInspectorPage(body, "/metrics/origins/services/x", []string{"responses", "status_2xx"})
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for _, s := range page.Series {
			for i, col := range s.Values {
				if len(col) != len(s.Timestamps) {
					t.Fatalf("metric %d has %d values for %d timestamps", i, len(col), len(s.Timestamps))
				}
				for _, v := range col {
					if math.IsInf(v, 0) {
						t.Fatalf("infinite value decoded")
					}
				}
			}
		}
	})
}

func requireDecodeOrEnvelopeError(t *testing.T, err error) {
	t.Helper()
	var decodeErr *DecodeError
	var envelopeErr *EnvelopeError
	if !errors.As(err, &decodeErr) && !errors.As(err, &envelopeErr) {
		t.Fatalf("unexpected error type %T: %v", err, err)
	}
}

func requireClientError(t *testing.T, call string, err error) {
	t.Helper()
	var apiErr *Error
	var transport *TransportError
	var decodeErr *DecodeError
	var envelopeErr *EnvelopeError
	if !errors.As(err, &apiErr) && !errors.As(err, &transport) && !errors.As(err, &decodeErr) && !errors.As(err, &envelopeErr) {
		t.Fatalf("%s: unexpected error type %T: %v", call, err, err)
	}
	if strings.Contains(err.Error(), "secret-token") {
		t.Fatalf("%s: the token is in the error: %v", call, err)
	}
}

// cannedTransport answers every request with the same status, content type and body, in memory.
type cannedTransport struct {
	status      int
	contentType string
	body        []byte
}

func (c cannedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: c.status, Status: strconv.Itoa(c.status) + " " + http.StatusText(c.status),
		Header: http.Header{"Content-Type": {c.contentType}},
		Body:   io.NopCloser(bytes.NewReader(c.body)), ContentLength: int64(len(c.body)), Request: r,
	}, nil
}

func cannedClient(t *testing.T, status int, contentType string, body []byte) *Client {
	t.Helper()
	c, err := NewClient("secret-token", "https://api.fastly.example", &http.Client{Transport: cannedTransport{status, contentType, body}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func FuzzDecodeEvents(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"data":[{"id":"e","type":"event","attributes":{"event_type":"version.activate","description":"Version '3'",` +
		`"service_id":"S","created_at":"2026-01-02T03:04:05+02:00","metadata":{"version":"x"}}}],"links":{"next":"n"},"meta":{"total_pages":2}}`))
	f.Add([]byte(`{"data":[{"attributes":{"metadata":{"version":1e300},"service_id":null}}],"links":{"next":null}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := DecodeEvents(body, EventsPath)
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for _, e := range page.Events {
			if e.CreatedAt.Location() != time.UTC {
				t.Fatalf("event %s: time not in UTC", e.ID)
			}
			if n, ok := e.Version(); ok && n <= 0 {
				t.Fatalf("event %s: version %d", e.ID, n)
			}
		}
	})
}

func FuzzDecodeAlertHistory(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"data":[{"id":"H","status":"active","start":"2026-01-02T03:04:05Z","end":null,` +
		`"definition":{"name":"n","evaluation_strategy":{"threshold":10,"period":"5m"},"dimensions":{"domains":["a"]}}}],"meta":{"next_cursor":"c"}}`))
	f.Add([]byte(`{"data":[{"start":"","end":""}],"meta":{"next_cursor":null}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := DecodeAlertHistory(body, AlertHistoryPath)
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for _, h := range page.Entries {
			if (!h.Start.IsZero() && h.Start.Location() != time.UTC) || (!h.End.IsZero() && h.End.Location() != time.UTC) {
				t.Fatalf("entry %s: times not in UTC", h.ID)
			}
		}
	})
}
