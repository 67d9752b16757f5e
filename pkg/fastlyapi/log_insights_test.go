package fastlyapi

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const recordedInsights = "go-fastly-main-5141097/observability_log_insights/get.yaml"

func TestInsightsRequestEncoding(t *testing.T) {
	c, called := capturingClient(t, `{"data":[]}`)
	r := InsightsRequest{ServiceID: "SVC", Visualization: "top-5xx-urls", Start: logStart, End: logEnd,
		Pops: []string{"IAD", "DFW"}, Domain: "example.com", Limit: 25}
	_, err := c.LogInsights(context.Background(), r)
	require.NoError(t, err)
	got := called()
	assert.Equal(t, LogInsightsPath, got.Path)
	assert.Equal(t, url.Values{"service_id": {"SVC"}, "visualization": {"top-5xx-urls"},
		"start": {"2026-08-13T14:00:00Z"}, "end": {"2026-08-13T15:00:00Z"}, "limit": {"25"},
		"pops": {"IAD,DFW"}, "domain": {"example.com"}, "domain_exact_match": {"false"}}, got.Query())
	assert.Equal(t, "GET "+LogInsightsPath+"?"+got.RawQuery, r.String())
}

func TestInsightsRequestSendsLimitAlwaysAndDomainOnlyWhenSet(t *testing.T) {
	p := InsightsRequest{ServiceID: "SVC", Visualization: "top-url-by-requests", DomainExactMatch: true}.Params()
	assert.Equal(t, "10", p.Get("limit"), "Fastly's default is sent explicitly: the spec says 20")
	assert.NotContains(t, p, "domain")
	assert.NotContains(t, p, "domain_exact_match")
	assert.NotContains(t, p, "pops")
}

func TestInsightsRequestMatchesTheRecordedCall(t *testing.T) {
	want, err := url.Parse(recorded.Interactions(t, recordedInsights)[0].Request.URL)
	require.NoError(t, err)
	r := InsightsRequest{ServiceID: "kKJb5bOFI47uHeBVluGfX1", Visualization: "top-url-by-requests",
		Start: time.Date(2026, 8, 12, 15, 0, 0, 0, time.UTC), End: time.Date(2026, 8, 13, 15, 0, 0, 0, time.UTC),
		Pops: []string{"IAD", "DFW"}, Domain: "example.com", DomainExactMatch: true, Limit: 10}
	assert.Equal(t, want.RawQuery, r.Params().Encode())
}

func TestLogInsightsReadsTheRecordedAnswer(t *testing.T) {
	srv := recorded.Server(t, recordedInsights)
	c, err := NewClient("t", srv.URL, srv.Client())
	require.NoError(t, err)
	rows, err := c.LogInsights(context.Background(), InsightsRequest{ServiceID: "kKJb5bOFI47uHeBVluGfX1", Visualization: "top-url-by-requests"})
	require.NoError(t, err)
	assert.Empty(t, rows, "the recorded answer is data: []")
	assert.NotNil(t, rows, "data: [] is an answer with no rows, unlike data: null")
}

func TestDecodeLogInsightsSpecShape(t *testing.T) {
	body := `{"data":[
	  {"dimensions":{"url":"/index.html"},"values":[{"request_percentage":0.4210}]},
	  {"dimensions":{"status-code":"503"},"dimension_attributes":{"rate":0.02},
	   "values":[{"url":"/a","rate_per_status":0.6,"rate_per_url":0.1},{"url":"/b","rate_per_status":0.4,"rate_per_url":0.05}]},
	  {"dimensions":{"country":"US"},"dimension_attributes":{"country_chr":0.91,"country_error_rate":0.002,"country_request_rate":0.37},
	   "values":[{"region":"US-CA","region_chr":0.93,"region_error_rate":0.001}]}],
	 "meta":{"filters":{"service_id":"SVC","start":"2026-08-12T15:00:00Z","end":"2026-08-13T15:00:00Z","domain_exact_match":true,"limit":10}}}`
	rows, err := DecodeLogInsights([]byte(body), LogInsightsPath)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, InsightsRow{Dimensions: map[string]any{"url": "/index.html"}, Values: []map[string]any{{"request_percentage": 0.4210}}}, rows[0])
	assert.Equal(t, map[string]any{"status_code": "503"}, rows[1].Dimensions, "status-code is normalised to status_code")
	assert.Equal(t, map[string]any{"rate": 0.02}, rows[1].Attributes)
	assert.Len(t, rows[1].Values, 2, "nested rows are all kept")
	assert.Equal(t, 0.37, rows[2].Attributes["country_request_rate"])
	assert.Equal(t, "US-CA", rows[2].Values[0]["region"])
}

func TestDecodeLogInsightsLiveShape(t *testing.T) {
	body := `{"data":[
	  {"dimensions":{"status_code":"404"},"dimension_attributes":{"rate":"0.5"},"values":{"url":"/x","rate_per_url":1}},
	  {"dimensions":{"url":"/5xx"},"dimension_attributes":{"rate":0.3}},
	  {"dimensions":{"browser":"Chrome"},"values":[{"browser_version":"126.0","rate":0.2}],"unknown":{"kept":false}}],
	 "meta":{"filters":{"limit":"10","pops":["DFW","IAD"]}}}`
	rows, err := DecodeLogInsights([]byte(body), LogInsightsPath)
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, map[string]any{"status_code": "404"}, rows[0].Dimensions)
	assert.Equal(t, []map[string]any{{"url": "/x", "rate_per_url": 1.0}}, rows[0].Values, "a values object is a list of one")
	assert.Equal(t, "0.5", rows[0].Attributes["rate"], "values are passed on as Fastly wrote them")
	assert.Nil(t, rows[1].Values, "top-4xx/5xx rows carry no values, only a rate")
	assert.Equal(t, map[string]any{"rate": 0.3}, rows[1].Attributes)
	assert.Equal(t, "126.0", rows[2].Values[0]["browser_version"])
}

func TestDecodeLogInsightsDataNullIsNil(t *testing.T) {
	rows, err := DecodeLogInsights([]byte(`{"data":null,"meta":{"filters":{}}}`), LogInsightsPath)
	require.NoError(t, err)
	assert.Nil(t, rows)
}

func TestDecodeLogInsightsRejectsWhatItCannotRead(t *testing.T) {
	for name, body := range map[string]string{
		"not JSON":        `<html>`,
		"no data":         `{"meta":{}}`,
		"data not a list": `{"data":{"dimensions":{}}}`,
		"values a number": `{"data":[{"dimensions":{"url":"/"},"values":3}]}`,
		"values of text":  `{"data":[{"dimensions":{"url":"/"},"values":["a"]}]}`,
	} {
		_, err := DecodeLogInsights([]byte(body), LogInsightsPath)
		var de *DecodeError
		assert.ErrorAs(t, err, &de, name)
	}
}
