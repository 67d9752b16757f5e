package simulator

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// logsHour is a finished hour of the pinned clock, well inside the 7-day retention.
var logsHour = testNow.Truncate(time.Hour).Add(-2 * time.Hour)

// logsParams builds a query: service_id and the window under startKey/endKey, then key/value pairs (repeatable).
func logsParams(serviceID, startKey, endKey string, start, end time.Time, kv ...string) url.Values {
	q := url.Values{}
	q.Set("service_id", serviceID)
	q.Set(startKey, start.Format(time.RFC3339))
	q.Set(endKey, end.Format(time.RFC3339))
	for i := 0; i+1 < len(kv); i += 2 {
		q.Add(kv[i], kv[i+1])
	}
	return q
}

// logEnvelope is a decoded logs endpoint answer; data stays raw so null and [] can be told apart.
type logEnvelope struct {
	Data json.RawMessage `json:"data"`
	Meta map[string]any  `json:"meta"`
}

func getLogs(t *testing.T, srv *httptest.Server, endpoint string, q url.Values) logEnvelope {
	t.Helper()
	var env logEnvelope
	getJSON(t, srv, endpoint+"?"+q.Encode(), &env)
	return env
}

func (e logEnvelope) rows(t *testing.T) []row {
	t.Helper()
	var rows []row
	decodeJSON(t, e.Data, &rows)
	return rows
}

// explorerPage is one decoded Log Explorer page and its next cursor ("" on the last page).
func explorerPage(t *testing.T, srv *httptest.Server, q url.Values) ([]row, string) {
	t.Helper()
	env := getLogs(t, srv, "/observability/log-explorer", q)
	filters := env.Meta["filters"].(map[string]any)
	next, _ := filters["next_cursor"].(string)
	if string(env.Data) == "null" {
		return nil, next
	}
	return env.rows(t), next
}

// allExplorerRecords follows the cursor in pages of 100 to the end, checking every page is full but the last.
func allExplorerRecords(t *testing.T, srv *httptest.Server, q url.Values) []row {
	t.Helper()
	q.Set("limit", "100")
	var all []row
	for pages := 0; ; pages++ {
		require.Less(t, pages, 1000, "the cursor must reach the end")
		page, next := explorerPage(t, srv, q)
		all = append(all, page...)
		if next == "" {
			return all
		}
		require.Len(t, page, 100, "only the last page may be short")
		q.Set("next_cursor", next)
	}
}

func text(t *testing.T, r row, key string) string {
	t.Helper()
	v, ok := r[key].(string)
	require.True(t, ok, "%s is %v, not a string", key, r[key])
	return v
}

// percentileOf is the nearest-rank percentile of sorted values: the value at rank ceil(n × percent / 100).
func percentileOf(sorted []float64, percent int) float64 {
	rank := (len(sorted)*percent + 99) / 100
	return sorted[max(rank, 1)-1]
}

// logStatus is the HTTP status of a logs endpoint call and its body.
func logStatus(t *testing.T, srv *httptest.Server, endpoint string, q url.Values) (int, string) {
	t.Helper()
	resp, body := get(t, srv, endpoint+"?"+q.Encode())
	return resp.StatusCode, string(body)
}

// fastlyReason is the reason of a 400 in Fastly's validation error shape.
func fastlyReason(t *testing.T, body string) string {
	t.Helper()
	var p struct {
		Status int `json:"status"`
		Errors []struct {
			Property, Reason string
		} `json:"errors"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &p), body)
	require.Equal(t, http.StatusBadRequest, p.Status)
	require.Len(t, p.Errors, 1, body)
	return p.Errors[0].Property + ": " + p.Errors[0].Reason
}

func sqrt(x float64) float64 { return math.Sqrt(x) }

func jsonNumber(s string) json.Number { return json.Number(s) }

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// with returns a copy of q with key set to value.
func with(q url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	out.Set(key, value)
	return out
}
