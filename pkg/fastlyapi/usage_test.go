package fastlyapi

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsageDecodesRegionsAndIgnoresRegionParam(t *testing.T) {
	var gotQuery string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		gotQuery = r.URL.RawQuery
		switch r.URL.Path {
		case UsagePath: // shape of go-fastly's regions_usage.yaml fixture
			_, _ = w.Write([]byte(`{"data":{"africa_std":{"bandwidth":0,"requests":0,"compute_requests":0},"europe":{"bandwidth":17759,"requests":0,"compute_requests":9}},"meta":{"region":"usa"},"status":"success","msg":null}`))
		case UsageByServicePath: // services_usage.yaml: empty regions are {}
			_, _ = w.Write([]byte(`{"data":{"africa_std":{},"europe":{"2xSyplKh6dJaYAjbDbbwOw":{"bandwidth":514,"requests":0,"compute_requests":3}},"usa":{}},"status":"success","msg":null}`))
		}
	})
	r := UsageRange{From: time.Unix(600, 0), To: time.Unix(1200, 0)}
	usage, err := c.Usage(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, "from=600&to=1200", gotQuery)
	assert.Equal(t, map[string]Usage{"africa_std": {}, "europe": {Bandwidth: 17759, ComputeRequests: 9}}, usage)

	byService, err := c.UsageByService(context.Background(), r)
	require.NoError(t, err)
	assert.Equal(t, map[string]map[string]Usage{"africa_std": {}, "usa": {},
		"europe": {"2xSyplKh6dJaYAjbDbbwOw": {Bandwidth: 514, ComputeRequests: 3}}}, byService)
}

func TestDecodeMonthUsage(t *testing.T) {
	body := []byte(`{"data":{"customer_id":"cust","services":{"SU1Z0isxPaozGVKXdv0eY1":{"name":"www.example.com",
		"usa":{"bandwidth":1.5,"requests":2.25,"compute_requests":0},"europe":{"bandwidth":3,"requests":4,"compute_requests":5}}},
		"total":{"usa":{"bandwidth":1.5,"requests":2.25,"compute_requests":0}}},"status":"success","msg":null}`)
	got, err := DecodeMonthUsage(body, UsageByMonthPath)
	require.NoError(t, err)
	assert.Equal(t, "cust", got.CustomerID)
	assert.Equal(t, ServiceMonthUsage{Name: "www.example.com", Regions: map[string]Usage{
		"usa": {Bandwidth: 1.5, Requests: 2.25}, "europe": {Bandwidth: 3, Requests: 4, ComputeRequests: 5}}}, got.Services["SU1Z0isxPaozGVKXdv0eY1"])
	assert.Equal(t, map[string]Usage{"usa": {Bandwidth: 1.5, Requests: 2.25}}, got.Total)

	_, err = DecodeMonthUsage([]byte(`{"status":"error","msg":"Invalid 'month' parameter"}`), UsageByMonthPath)
	var envelopeErr *EnvelopeError
	require.ErrorAs(t, err, &envelopeErr)
	assert.Equal(t, "Invalid 'month' parameter", envelopeErr.Message)

	_, err = DecodeMonthUsage([]byte(`{"data":{"services":{"x":{"usa":"oops"}}},"status":"success"}`), UsageByMonthPath)
	var decodeErr *DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestMonthRequestParams(t *testing.T) {
	assert.Equal(t, map[string]string{"year": "2026", "month": "03"}, MonthRequest{Year: 2026, Month: 3}.Params())
	assert.Equal(t, "GET /stats/usage_by_month?billable_units=true&month=11&year=2026",
		MonthRequest{Year: 2026, Month: 11, BillableUnits: true}.String())
	assert.Equal(t, "GET /stats/usage?from=1&to=2", UsageRange{From: time.Unix(1, 0), To: time.Unix(2, 0)}.Describe(UsagePath))
}
