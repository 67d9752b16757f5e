package plugin

import (
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statusRatios pairs each status ratio with the status counter it divides by requests.
var statusRatios = map[string]string{"error_ratio": "status_5xx", "client_error_ratio": "status_4xx", "rate_limited_ratio": "status_429"}

// fieldOf finds the value field named metric among frames.
func fieldOf(t *testing.T, res backend.DataResponse, metric string) (*data.Field, *data.Field) {
	t.Helper()
	for _, f := range res.Frames {
		if fl, i := f.FieldByName(metric); i >= 0 {
			return f.Fields[0], fl
		}
	}
	t.Fatalf("no field %s", metric)
	return nil, nil
}

// minuteSums adds up a realtime field's seconds inside [start, start+1m) and counts them.
func minuteSums(t *testing.T, res backend.DataResponse, metric string, start time.Time) (sum float64, seconds int) {
	t.Helper()
	times, values := fieldOf(t, res, metric)
	for i := 0; i < times.Len(); i++ {
		at := times.At(i).(time.Time)
		if at.Before(start) || !at.Before(start.Add(time.Minute)) {
			continue
		}
		seconds++
		if v := values.At(i).(*float64); v != nil {
			sum += *v
		}
	}
	return sum, seconds
}

func TestStatusRatiosAgreeBetweenStatsAndRealtime(t *testing.T) {
	rig := newStitchRig(t, false)
	rig.follow(t, testNow.Add(3*time.Minute)) // the poller holds 12:00 and 12:01 second by second
	rig.clock.advance(4 * time.Minute)        // Fastly has published them as minutes by 12:07
	minute := testNow
	model := map[string]any{"services": []string{rig.svc.ID}, "metrics": []string{"requests", "status_5xx", "status_4xx", "status_429",
		"error_ratio", "client_error_ratio", "rate_limited_ratio"}}
	rt := runQueries(t, rig.ds, dataQuery("A", "realtime", model, minute, minute.Add(time.Minute))).Responses["A"]
	require.NoError(t, rt.Error)
	st := rig.query(t, statsModel{Services: []string{rig.svc.ID}, Metrics: model["metrics"].([]string), Granularity: "minute"})

	requests, seconds := minuteSums(t, rt, "requests", minute)
	require.Equal(t, 60, seconds, "real time holds the whole minute")
	require.Equal(t, *valueAt(t, frameOf(t, st, "requests"), "requests", minute), requests, "the same traffic in both")
	for ratio, status := range statusRatios {
		count, _ := minuteSums(t, rt, status, minute)
		assert.Equal(t, *valueAt(t, frameOf(t, st, status), status, minute), count, status)
		statsRatio := valueAt(t, frameOf(t, st, ratio), ratio, minute)
		require.NotNil(t, statsRatio, ratio)
		assert.InDelta(t, count/requests, *statsRatio, 1e-12, "%s of the minute is the summed real-time counters' ratio", ratio)
		assertPerSecondRatio(t, rt, ratio, status)
	}
	assert.Greater(t, *valueAt(t, frameOf(t, st, "client_error_ratio"), "client_error_ratio", minute), 0.0, "the simulator serves 4xx")
}

// assertPerSecondRatio checks that every real-time second's ratio is its status counter over its requests.
func assertPerSecondRatio(t *testing.T, rt backend.DataResponse, ratio, status string) {
	t.Helper()
	_, r := fieldOf(t, rt, ratio)
	_, s := fieldOf(t, rt, status)
	_, n := fieldOf(t, rt, "requests")
	for i := 0; i < r.Len(); i++ {
		req := n.At(i).(*float64)
		got := r.At(i).(*float64)
		if req == nil || *req == 0 {
			assert.Nil(t, got, "%s without requests is empty", ratio)
			continue
		}
		require.NotNil(t, got, ratio)
		assert.InDelta(t, *s.At(i).(*float64) / *req, *got, 1e-12, ratio)
	}
}
