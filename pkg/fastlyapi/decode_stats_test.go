package fastlyapi

import (
	"math"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeStatsByServiceShape(t *testing.T) {
	body := []byte(`{"data":{"svcA":[{"service_id":"svcA","start_time":60,"requests":5,"hits":4},
		{"service_id":"svcA","start_time":180,"requests":7,"hits":1}],
		"svcB":[{"service_id":"svcB","start_time":120,"requests":1}]},
		"meta":{"by":"minute"},"status":"success","msg":null}`)
	res, err := DecodeStats(body, "/stats", []string{"requests", "hits"}, "")
	require.NoError(t, err)
	require.Len(t, res.ByService, 2)
	assert.Equal(t, []int64{60, 180}, res.ByService["svcA"].Start)
	assert.Equal(t, [][]float64{{5, 7}, {4, 1}}, res.ByService["svcA"].Values)
	assert.Equal(t, [][]float64{{1}, {0}}, res.ByService["svcB"].Values, "a key missing from a row is a zero counter")
}

func TestDecodeStatsArrayShapeUsesRowServiceOrCaller(t *testing.T) {
	body := []byte(`{"data":[{"start_time":60,"bandwidth":10},{"start_time":120,"bandwidth":"20"}],"status":"success"}`)
	res, err := DecodeStats(body, "/stats/service/abc/field/bandwidth", []string{"bandwidth"}, "abc")
	require.NoError(t, err)
	assert.Equal(t, [][]float64{{10, 20}}, res.ByService["abc"].Values, "numbers sent as strings are read")
}

func TestDecodeStatsNullIsNaN(t *testing.T) {
	res, err := DecodeStats([]byte(`{"data":[{"start_time":60,"hit_ratio":null}],"status":"success"}`), "/p", []string{"hit_ratio"}, "s")
	require.NoError(t, err)
	assert.True(t, math.IsNaN(res.ByService["s"].Values[0][0]))
}

func TestDecodeStatsEmptyShapes(t *testing.T) {
	for _, body := range []string{`{"data":[],"status":"success"}`, `{"data":{},"status":"success"}`} {
		res, err := DecodeStats([]byte(body), "/p", []string{"requests"}, "s")
		require.NoError(t, err, body)
		assert.Empty(t, res.ByService, body)
	}
}

func TestDecodeStatsRejectsBadBodies(t *testing.T) {
	cases := map[string]string{
		"truncated":             `{"data":[{"start_time":60,"requests":`,
		"html":                  `<html><body>Bad gateway</body></html>`,
		"empty":                 ``,
		"not an envelope":       `{"rows":[]}`,
		"row without time":      `{"data":[{"requests":1}],"status":"success"}`,
		"value not a number":    `{"data":[{"start_time":60,"requests":{"a":1}}],"status":"success"}`,
		"string not a number":   `{"data":[{"start_time":60,"requests":"many"}],"status":"success"}`,
		"data is a string":      `{"data":"x","status":"success"}`,
		"rows are not an array": `{"data":{"svc":{"start_time":1}},"status":"success"}`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeStats([]byte(body), "/stats", []string{"requests"}, "s")
			var de *DecodeError
			require.ErrorAs(t, err, &de)
		})
	}
}

func TestDecodeStatsEnvelopeErrorCarriesFastlyMessage(t *testing.T) {
	_, err := DecodeStats([]byte(`{"status":"error","msg":"Unknown field: nope"}`), "/stats/field/nope", []string{"nope"}, "")
	var se *EnvelopeError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, "Unknown field: nope", se.Message)
}

func TestDecodeStatsRecordedSparseMinutesByService(t *testing.T) {
	body := recorded.Body(t, "go-fastly-history/stats__service_stats_by_field__f435b954.yaml")
	res, err := DecodeStats(body, "/stats/field/bandwidth", []string{"bandwidth"}, "")
	require.NoError(t, err)
	assert.Len(t, res.ByService, 38)
	rows := res.ByService["0LYAcrizS7EHSM5vq7f4Df"]
	assert.Equal(t, []int64{1604952420, 1604953320, 1604953560}, rows.Start, "minutes without traffic are absent")
	assert.Equal(t, []float64{8988, 14842, 1211}, rows.Values[0])
	total := 0
	for _, r := range res.ByService {
		total += len(r.Start)
	}
	assert.Equal(t, 1181, total)
}

func TestDecodeStatsRecordedArrayShape(t *testing.T) {
	body := recorded.Body(t, "go-fastly-v16.0.1/stats/service_stats_by_field_and_service.yaml")
	res, err := DecodeStats(body, "/stats/service/kKJb5bOFI47uHeBVluGfX1/field/bandwidth", []string{"bandwidth"}, "kKJb5bOFI47uHeBVluGfX1")
	require.NoError(t, err)
	rows := res.ByService["kKJb5bOFI47uHeBVluGfX1"]
	require.Len(t, rows.Start, 10)
	assert.Equal(t, int64(1644019200), rows.Start[0])
	assert.Equal(t, 1845740.0, rows.Values[0][0])
	assert.Equal(t, 77255.0, rows.Values[0][9], "the last, partial day is decoded as sent")
}

func TestDecodeStatsRecordedAggregateKeepsFieldsGoFastlyDrops(t *testing.T) {
	body := recorded.Body(t, "go-fastly-v16.0.1/stats/aggregate.yaml")
	res, err := DecodeStats(body, "/stats/aggregate", []string{"requests", "uncacheable", "hit_ratio", "recv_sub_time"}, "")
	require.NoError(t, err)
	rows := res.ByService[""]
	require.Len(t, rows.Start, 1)
	assert.Equal(t, 234.0, rows.Values[0][0])
	assert.InDelta(t, 0.9957264957264957, rows.Values[2][0], 1e-12)
	assert.InDelta(t, 0.010804019, rows.Values[3][0], 1e-12)
}

func TestDecodeStatsRejectsImplausibleStartTimes(t *testing.T) {
	for _, start := range []string{"-60", "1e300", "253402300800", "null"} {
		_, err := DecodeStats([]byte(`{"data":[{"start_time":`+start+`,"requests":1}],"status":"success"}`), "/p", []string{"requests"}, "s")
		var de *DecodeError
		assert.ErrorAs(t, err, &de, start)
	}
}
