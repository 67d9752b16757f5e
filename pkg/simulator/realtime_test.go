package simulator

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type rtAnswer struct {
	Data []struct {
		Recorded   int64                      `json:"recorded"`
		Aggregated map[string]json.RawMessage `json:"aggregated"`
		Datacenter map[string]map[string]any  `json:"datacenter"`
	}
	Timestamp      int64
	AggregateDelay int64
	Error          string
}

func getRealtime(t *testing.T, srv string, path string) rtAnswer {
	t.Helper()
	resp, body := request(t, http.MethodGet, srv+path, testToken)
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var a rtAnswer
	require.NoError(t, json.Unmarshal(body, &a))
	return a
}

func TestRealtimeSecondsAddUpToTheHistoricalMinute(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	svc := serviceNamed(t, sim, "www.example.com")
	minute := sim.NewestPublished("minute")
	for _, field := range []string{"requests", "status_5xx", "resp_body_bytes", "miss"} {
		var sum float64
		for s := range int64(secondsPerMinute) {
			sum += sim.RealtimeValue(svc.ID, field, "", minute.Add(time.Duration(s)*time.Second))
		}
		assert.Equal(t, mustValue(t, sim, svc.ID, field, "", "minute", minute), sum, field)
	}
	_ = srv
}

func TestRealtimeHistoryAndChaining(t *testing.T) {
	now := testNow
	sim, srv := newTestSimulator(t, Config{Now: func() time.Time { return now }})
	sim.SetLongPoll(0)
	svc := serviceNamed(t, sim, "www.example.com")
	h := getRealtime(t, srv.URL, "/v1/channel/"+svc.ID+"/ts/h")
	assert.Equal(t, now.Unix()-1, h.Timestamp)
	assert.Equal(t, int64(9), h.AggregateDelay)
	require.Len(t, h.Data, realtimeHistory)
	assert.Equal(t, h.Timestamp-9, h.Data[len(h.Data)-1].Recorded)
	first := h.Data[0]
	assert.Equal(t, sim.RealtimeValue(svc.ID, "requests", "", time.Unix(first.Recorded, 0)), mustFloat(t, first.Aggregated["requests"]))
	assert.Contains(t, first.Aggregated, "miss_histogram")

	now = now.Add(3 * time.Second)
	next := getRealtime(t, srv.URL, fmt.Sprintf("/v1/channel/%s/ts/%d", svc.ID, h.Timestamp))
	require.Len(t, next.Data, 3, "exactly the seconds after the cursor")
	assert.Equal(t, h.Data[len(h.Data)-1].Recorded+1, next.Data[0].Recorded)
	assert.Equal(t, h.Timestamp+3, next.Timestamp)
}

func TestRealtimeQuietServiceAnswersNoData(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	sim.SetLongPoll(0)
	quiet := serviceNamed(t, sim, "quiet.example.com")
	a := getRealtime(t, srv.URL, fmt.Sprintf("/v1/channel/%s/ts/%d", quiet.ID, testNow.Unix()-5))
	if len(a.Data) == 0 {
		assert.Equal(t, "No data available, please retry", a.Error)
	}
	assert.Positive(t, a.Timestamp)
}

func TestRealtimeLongPollHonoursCancellation(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	sim.SetLongPoll(time.Hour)
	svc := serviceNamed(t, sim, "www.example.com")
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/v1/channel/%s/ts/%d", srv.URL, svc.ID, sim.RealtimeHead()), nil)
	require.NoError(t, err)
	req.Header.Set("Fastly-Key", testToken)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if resp != nil {
			resp.Body.Close()
		}
		done <- err
	}()
	cancel()
	require.Error(t, <-done, "the clock never moves, so only cancellation ends the request")
}

func mustFloat(t *testing.T, raw json.RawMessage) float64 {
	t.Helper()
	var v float64
	require.NoError(t, json.Unmarshal(raw, &v))
	return v
}
