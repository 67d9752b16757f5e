package fastlyapi

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogTimeseriesRequestEncoding(t *testing.T) {
	c, called := capturingClient(t, `{"data":[]}`)
	r := LogTimeseriesRequest{ServiceID: "SVC", From: logStart, To: logEnd, Granularity: "minute",
		Series: []string{"avg[response_time]", "p99[response_time]"}, Dimensions: []string{"fastly_pop"},
		Filters: []LogFilter{{Field: "response_status", Operator: "eq", Value: "200"}, {Field: "response_time", Operator: "gt", Value: "1"}}}
	_, err := c.LogTimeseries(context.Background(), r)
	require.NoError(t, err)
	got := called()
	assert.Equal(t, LogTimeseriesPath, got.Path)
	assert.Equal(t, url.Values{"source": {"logs"}, "service_id": {"SVC"},
		"from": {"2026-08-13T14:00:00Z"}, "to": {"2026-08-13T15:00:00Z"}, "granularity": {"minute"},
		"series": {"avg[response_time]", "p99[response_time]"}, "dimensions": {"fastly_pop"},
		"filter[response_status]": {"200"}, "filter[response_time][gt]": {"1"}}, got.Query())
	assert.Equal(t, 2, strings.Count(got.RawQuery, "series="))
	assert.Equal(t, "GET "+LogTimeseriesPath+"?"+got.RawQuery, r.String())
}

func TestDecodeLogTimeseriesSpecShape(t *testing.T) {
	body := `{"data":[
	  {"dimensions":{"time":"2026-08-13T14:00:00Z","fastly_pop":"FRA"},"values":{"avg[response_time]":0.051,"p99[response_time]":0.402}},
	  {"dimensions":{"time":"2026-08-13T16:01:00+02:00","fastly_pop":"FRA"},"values":{"avg[response_time]":0.06}}],
	 "meta":{"from":"2026-08-13T14:00:00Z","to":"2026-08-13T15:00:00Z","granularity":"minute","limit":"100"}}`
	points, err := DecodeLogTimeseries([]byte(body), LogTimeseriesPath)
	require.NoError(t, err)
	assert.Equal(t, []LogTimeseriesPoint{
		{Time: time.Date(2026, 8, 13, 14, 0, 0, 0, time.UTC), Dimensions: map[string]string{"fastly_pop": "FRA"},
			Values: map[string]float64{"avg[response_time]": 0.051, "p99[response_time]": 0.402}},
		{Time: time.Date(2026, 8, 13, 14, 1, 0, 0, time.UTC), Dimensions: map[string]string{"fastly_pop": "FRA"},
			Values: map[string]float64{"avg[response_time]": 0.06}},
	}, points, "the time dimension becomes Time (UTC); a missing series has no key")
}

func TestDecodeLogTimeseriesLiveShape(t *testing.T) {
	body := `{"data":[
	  {"dimensions":{"time":"2026-08-13T14:00:00Z"},"values":[{"avg[response_time]":"0.051","p99[response_time]":null}]},
	  {"dimensions":{"timestamp":1786629660},"values":[{"avg[response_time]":0.07}]},
	  {"timestamp":"2026-08-13T14:02:00Z","dimensions":{"fastly_pop":"IAD"},"values":[]}],
	 "meta":{"limit":"100","next_cursor":""}}`
	points, err := DecodeLogTimeseries([]byte(body), LogTimeseriesPath)
	require.NoError(t, err)
	require.Len(t, points, 3)
	assert.Equal(t, map[string]float64{"avg[response_time]": 0.051}, points[0].Values)
	assert.Empty(t, points[0].Dimensions)
	assert.Equal(t, time.Unix(1786629660, 0).UTC(), points[1].Time)
	assert.Equal(t, time.Date(2026, 8, 13, 14, 2, 0, 0, time.UTC), points[2].Time)
	assert.Equal(t, map[string]string{"fastly_pop": "IAD"}, points[2].Dimensions)
	assert.Empty(t, points[2].Values)
}

func TestDecodeLogTimeseriesDataNullIsNil(t *testing.T) {
	points, err := DecodeLogTimeseries([]byte(`{"data":null}`), LogTimeseriesPath)
	require.NoError(t, err)
	assert.Nil(t, points)
}

func TestDecodeLogTimeseriesRejectsPointsOutOfTime(t *testing.T) {
	for name, body := range map[string]string{
		"no time":  `{"data":[{"dimensions":{"fastly_pop":"IAD"},"values":{}}]}`,
		"bad time": `{"data":[{"dimensions":{"time":"noon"},"values":{}}]}`,
	} {
		_, err := DecodeLogTimeseries([]byte(body), LogTimeseriesPath)
		var de *DecodeError
		assert.ErrorAs(t, err, &de, name)
	}
}
