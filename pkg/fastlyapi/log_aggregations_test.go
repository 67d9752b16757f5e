package fastlyapi

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogAggregationsRequestRepeatsSeries(t *testing.T) {
	c, called := capturingClient(t, `{"data":[]}`)
	r := LogAggregationsRequest{ServiceID: "SVC", Start: logStart, End: logEnd,
		Series: []string{"avg[response_time]", "p95[response_time]"}, Dimensions: []string{"fastly_pop", "request_host"},
		Sort: "-p95[response_time]", Limit: 5, Filters: []LogFilter{{Field: "is_cache_hit", Operator: "eq", Value: "false"}}}
	_, err := c.LogAggregations(context.Background(), r)
	require.NoError(t, err)
	got := called()
	assert.Equal(t, LogAggregationsPath, got.Path)
	assert.Equal(t, url.Values{"source": {"logs"}, "service_id": {"SVC"},
		"start": {"2026-08-13T14:00:00Z"}, "end": {"2026-08-13T15:00:00Z"},
		"series": {"avg[response_time]", "p95[response_time]"}, "dimensions": {"fastly_pop,request_host"},
		"sort": {"-p95[response_time]"}, "limit": {"5"}, "filter[is_cache_hit]": {"false"}}, got.Query())
	assert.Equal(t, 2, strings.Count(got.RawQuery, "series="), "one series parameter per metric, never comma-joined")
	assert.Equal(t, "GET "+LogAggregationsPath+"?"+got.RawQuery, r.String())
}

func TestLogAggregationsRequestDefaults(t *testing.T) {
	p := LogAggregationsRequest{ServiceID: "SVC", Series: []string{"max[response_bytes_body]"}}.Params()
	assert.Equal(t, "20", p.Get("limit"), "limit is sent explicitly")
	assert.NotContains(t, p, "dimensions", "no group-by: the whole window is one row")
	assert.NotContains(t, p, "sort")
}

func TestDecodeLogAggregationsSpecShape(t *testing.T) {
	body := `{"data":[{"dimensions":{"fastly_pop":"FRA"},"values":{"avg[response_time]":0.212,"p95[response_time]":0.941}},
	  {"dimensions":{"fastly_pop":"IAD"},"values":{"avg[response_time]":0.140,"p95[response_time]":null}}],
	 "meta":{"service_id":"SVC","start":"2026-08-13T00:00:00Z","end":"2026-08-13T06:00:00Z","limit":5,
	  "sort":"-p95[response_time]","filters":{"filter_fields":[{"field":"is_cache_hit","operator":"eq","value":false}]}}}`
	rows, err := DecodeLogAggregations([]byte(body), LogAggregationsPath)
	require.NoError(t, err)
	assert.Equal(t, []LogAggregationRow{
		{Dimensions: map[string]string{"fastly_pop": "FRA"}, Values: map[string]float64{"avg[response_time]": 0.212, "p95[response_time]": 0.941}},
		{Dimensions: map[string]string{"fastly_pop": "IAD"}, Values: map[string]float64{"avg[response_time]": 0.140}},
	}, rows, "a null value has no key")
}

func TestDecodeLogAggregationsLiveShape(t *testing.T) {
	body := `{"data":[
	  {"dimensions":{"client_as_number":7922,"response_completed":true,"client_region":null},"values":[{"avg[response_time]":"0.5"}]},
	  {"dimensions":{},"values":[{"avg[response_time]":0.25},{"p99[response_time]":2}]}],
	 "meta":{"limit":"20","field_filters":[]}}`
	rows, err := DecodeLogAggregations([]byte(body), LogAggregationsPath)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, map[string]string{"client_as_number": "7922", "response_completed": "true", "client_region": ""}, rows[0].Dimensions)
	assert.Equal(t, map[string]float64{"avg[response_time]": 0.5}, rows[0].Values, "a list of one object; numbers as strings")
	assert.Equal(t, map[string]float64{"avg[response_time]": 0.25, "p99[response_time]": 2}, rows[1].Values)
}

func TestDecodeLogAggregationsDataNullIsNil(t *testing.T) {
	rows, err := DecodeLogAggregations([]byte(`{"data":null,"meta":{}}`), LogAggregationsPath)
	require.NoError(t, err)
	assert.Nil(t, rows)
}

func TestDecodeLogAggregationsRejectsWhatItCannotRead(t *testing.T) {
	for name, body := range map[string]string{
		"not JSON":         `{`,
		"not an object":    `[]`,
		"no data":          `{"meta":{}}`,
		"item not object":  `{"data":[1]}`,
		"values text":      `{"data":[{"values":"x"}]}`,
		"value not number": `{"data":[{"values":{"avg[response_time]":"fast"}}]}`,
	} {
		_, err := DecodeLogAggregations([]byte(body), LogAggregationsPath)
		var de *DecodeError
		assert.ErrorAs(t, err, &de, name)
	}
}
