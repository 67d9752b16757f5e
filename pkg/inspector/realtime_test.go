package inspector

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// originAnswer is a real-time origins answer whose newest second is newest, with one record per given second of
// 5 responses from host01 (keys as the inspector feed stores them: name, unit separator, field).
func originAnswer(newest int64, seconds ...int64) *fastlyapi.RealtimeResponse {
	resp := &fastlyapi.RealtimeResponse{Timestamp: newest + 1}
	for _, t := range seconds {
		resp.Data = append(resp.Data, fastlyapi.RealtimeRecord{Recorded: t,
			Aggregated: fastlyapi.Measurements{Values: map[string]float64{"host01\x1fresponses": 5}}})
	}
	return resp
}

func TestRealtimeSecondsNoAnswerCoveredHaveNoValue(t *testing.T) {
	buf := realtime.NewBuffer(600)
	buf.Ingest(originAnswer(1010, 1005, 1010), 120)
	buf.Ingest(originAnswer(1300, 1290), 120) // an outage: seconds 1011–1180 were never covered
	svc := series.Service{ID: "SVCSVCSVCSVCSVCSVCSVC1", Name: "www.example.com"}
	q := query.Inspector{Type: query.TypeOrigins, Metrics: []string{"responses"}, GroupBy: query.List{"host"}}
	r := RealtimeRequest{Request: Request{Query: q, Services: []series.Service{svc}, From: time.Unix(1000, 0), To: time.Unix(1300, 0)}}

	res := (&Engine{}).RunRealtime(r, realtime.Buffers{Bufs: []*realtime.Buffer{buf}})
	require.Len(t, res.Series, 1)
	values := res.Series[0].Values
	at := func(sec int64) *float64 { return values[sec-1000] }
	require.NotNil(t, at(1005))
	assert.Equal(t, 5.0, *at(1005))
	require.NotNil(t, at(1006))
	assert.Equal(t, 0.0, *at(1006), "a covered second without a record is zero traffic")
	assert.Nil(t, at(1100), "a second lost in the outage is unknown, not zero")
	require.NotNil(t, at(1200))
	assert.Equal(t, 0.0, *at(1200), "the answer after the outage covers its last 120 s")
	assert.Equal(t, 5.0, *at(1290))
}
