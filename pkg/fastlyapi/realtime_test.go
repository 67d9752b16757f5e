package fastlyapi

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeRecordedRealtimeResponse(t *testing.T) {
	body, err := os.ReadFile(filepath.Join(recorded.Dir(t), "fastly-exporter", "rt_response_fixture.json"))
	require.NoError(t, err)
	resp, err := DecodeRealtime(body, "/v1/channel/x/ts/0")
	require.NoError(t, err)
	assert.Equal(t, int64(1603401013), resp.Timestamp)
	assert.Equal(t, int64(9), resp.AggregateDelay)
	require.NotEmpty(t, resp.Data)
	first := resp.Data[0]
	assert.Equal(t, int64(1603400951), first.Recorded)
	assert.Equal(t, 1.0, first.Aggregated.Values["requests"])
	assert.InDelta(t, 45274e-9, first.Aggregated.Values["recv_sub_time"], 1e-15, "nanoseconds become seconds")
	assert.Equal(t, 2.0, first.Aggregated.Values["recv_sub_count"], "counts are not converted")
	assert.Equal(t, 1100.0, first.Aggregated.Values["compute_execution_time_ms"], "milliseconds stay milliseconds")
	assert.InDelta(t, 45274e-9, first.POPs["TYO"].Values["recv_sub_time"], 1e-15)
	for i := 1; i < len(resp.Data); i++ {
		assert.Greater(t, resp.Data[i].Recorded, resp.Data[i-1].Recorded)
	}
}

func TestDecodeRecordedNoDataIsNotAnError(t *testing.T) {
	resp, err := DecodeRealtime(recorded.Body(t, "go-fastly-v16.0.1/realtime_stats/get.yaml"), "/p")
	require.NoError(t, err)
	assert.Equal(t, NoDataMessage, resp.Error)
	assert.Empty(t, resp.Data)
	assert.Equal(t, int64(1635959484), resp.Timestamp)
	assert.Equal(t, int64(1635959484-9), resp.NewestSecond())
}

func TestDecodeRealtimeHistogramKeysAreMilliseconds(t *testing.T) {
	body := []byte(`{"Data":[{"recorded":100,"aggregated":{"miss":3,"miss_histogram":{"10":1,"650":2}}}],"Timestamp":110,"AggregateDelay":9}`)
	resp, err := DecodeRealtime(body, "/p")
	require.NoError(t, err)
	assert.Equal(t, map[float64]float64{10: 1, 650: 2}, resp.Data[0].Aggregated.MissHistogram)
	assert.Equal(t, int64(101), resp.NewestSecond())

	_, err = DecodeRealtime([]byte(`{"Data":[{"recorded":100,"aggregated":{"miss_histogram":{"x":1}}}],"Timestamp":110}`), "/p")
	var decodeErr *DecodeError
	require.ErrorAs(t, err, &decodeErr)
	_, err = DecodeRealtime([]byte(`{"Data":[]}`), "/p")
	require.ErrorAs(t, err, &decodeErr, "an answer without Timestamp cannot be chained")
}

func TestRealtimePaths(t *testing.T) {
	var paths []string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		paths = append(paths, r.URL.Path)
		_, _ = w.Write([]byte(`{"Data":[],"Timestamp":5,"AggregateDelay":9,"Error":"No data available, please retry"}`))
	})
	_, err := c.RealtimeHistory(context.Background(), "svc")
	require.NoError(t, err)
	_, err = c.RealtimeSince(context.Background(), "svc", 1700000000)
	require.NoError(t, err)
	assert.Equal(t, []string{"/v1/channel/svc/ts/h", "/v1/channel/svc/ts/1700000000"}, paths)
}
