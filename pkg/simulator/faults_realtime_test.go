package simulator

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFaultWindowFollowsTheSimulatorClock(t *testing.T) {
	now := testNow
	outage := Fault{Kind: FaultServerError, PathPrefix: "/v1/channel/", Every: 1, From: testNow.Add(time.Minute), Until: testNow.Add(2 * time.Minute)}
	sim, srv := newTestSimulator(t, Config{Now: func() time.Time { return now }, Faults: []Fault{outage}})
	path := srv.URL + "/v1/channel/" + sim.Services()[0].ID + "/ts/h"
	var got []int
	for _, at := range []time.Duration{0, time.Minute, 90 * time.Second, 2 * time.Minute} {
		now = testNow.Add(at)
		got = append(got, statuses(t, path, 1)[0])
	}
	assert.Equal(t, []int{200, 503, 503, 200}, got, "failing from 1 min up to, not including, 2 min")
}

func TestFaultNoDataIsAnIdleServiceOnEveryRealtimeProduct(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultNoData, PathPrefix: "/v1/", Every: 1}}})
	sim.SetLongPoll(0)
	id := sim.Services()[0].ID
	head := sim.RealtimeHead()
	for _, path := range []string{"/v1/channel/" + id + "/ts/h", "/v1/origins/" + id + "/ts/12", "/v1/domains/" + id + "/ts/h/limit/5"} {
		resp, body := request(t, http.MethodGet, srv.URL+path, testToken)
		require.Equal(t, http.StatusOK, resp.StatusCode, path)
		var answer struct {
			Data           []json.RawMessage
			Timestamp      int64
			AggregateDelay int64
			Error          string
		}
		require.NoError(t, json.Unmarshal(body, &answer), path)
		assert.Empty(t, answer.Data, path)
		assert.Equal(t, head, answer.Timestamp, path)
		assert.Equal(t, int64(aggregateDelay), answer.AggregateDelay, path)
		assert.Equal(t, noDataMessage, answer.Error, path)
	}
}

func TestFaultHangAnswersNothingUntilTheClientGivesUp(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{Faults: []Fault{{Kind: FaultHang, PathPrefix: "/v1/channel/", Every: 1}}})
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/v1/channel/"+sim.Services()[0].ID+"/ts/h", nil)
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	require.Eventually(t, func() bool { return sim.InjectedFaults()[0] == 1 }, 10*time.Second, time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("answered while hanging: %v", err)
	default:
	}
	cancel()
	assert.True(t, errors.Is(<-done, context.Canceled))
}
