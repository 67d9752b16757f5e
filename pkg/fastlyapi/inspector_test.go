package fastlyapi

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInspectorRequestSendsOnlyWhatIsSet(t *testing.T) {
	r := InspectorRequest{Product: DomainInspector, ServiceID: "abc", Start: time.Unix(3600, 0), End: time.Unix(7200, 0),
		Downsample: "hour", Metrics: []string{"edge_requests", "status_5xx"}, GroupBy: []string{"domain", "datacenter"},
		Names: []string{"a.com"}, Regions: []string{"usa", "europe"}, Cursor: "c2"}
	assert.Equal(t, "GET /metrics/domains/services/abc?cursor=c2&domain=a.com&downsample=hour&end=7200&group_by=domain%2Cdatacenter&limit=200&metric=edge_requests%2Cstatus_5xx&region=usa%2Ceurope&start=3600", r.String())
	o := InspectorRequest{Product: OriginInspector, ServiceID: "abc", Start: time.Unix(0, 0), End: time.Unix(60, 0), Downsample: "minute", Metrics: []string{"responses"}, Names: []string{"h"}, Limit: 10}
	assert.Equal(t, "GET /metrics/origins/services/abc?downsample=minute&end=60&host=h&limit=10&metric=responses&start=0", o.String())
}

func TestDecodeInspectorPageIsSparseAndEndsOnNullCursor(t *testing.T) {
	body := `{"data":[{"dimensions":{"host":"h1"},"values":[{"responses":5,"timestamp":60},{"timestamp":120},{"responses":2,"status_5xx":1,"timestamp":180}]}],
	"meta":{"next_cursor":null,"limit":200},"status":"success"}`
	page, err := DecodeInspectorPage([]byte(body), "/metrics/origins/services/x", []string{"responses", "status_5xx"})
	require.NoError(t, err)
	assert.Equal(t, "", page.NextCursor)
	require.Len(t, page.Series, 1)
	s := page.Series[0]
	assert.Equal(t, map[string]string{"host": "h1"}, s.Dimensions)
	assert.Equal(t, []int64{60, 120, 180}, s.Timestamps)
	assert.Equal(t, [][]float64{{5, 0, 2}, {0, 0, 1}}, s.Values, "a missing key is 0")

	more, err := DecodeInspectorPage([]byte(`{"data":[],"meta":{"next_cursor":"abc"},"status":"success"}`), "/p", nil)
	require.NoError(t, err)
	assert.Equal(t, "abc", more.NextCursor)

	_, err = DecodeInspectorPage([]byte(`{"data":[{"values":[{"responses":1}]}],"meta":{}}`), "/p", []string{"responses"})
	assert.ErrorContains(t, err, "timestamp")
}

func TestDecodeRecordedInspectorAnswers(t *testing.T) {
	oi := recorded.Body(t, "go-fastly-history/origin_inspector__metrics_for_service__7449648d.yaml")
	page, err := DecodeInspectorPage(oi, "/metrics/origins", []string{"responses", "status_2xx"})
	require.NoError(t, err)
	require.Len(t, page.Series, 1)
	assert.Equal(t, "host01", page.Series[0].Dimensions["host"])
	assert.Equal(t, []int64{1644624000, 1644710400}, page.Series[0].Timestamps)
	assert.Equal(t, []float64{26795476, 27071107}, page.Series[0].Values[0])
	assert.Equal(t, "", page.NextCursor)

	di := recorded.Body(t, "go-fastly-v16.0.1/domain_inspector/metrics_for_service.yaml")
	page, err = DecodeInspectorPage(di, "/metrics/domains", []string{"resp_body_bytes", "status_2xx"})
	require.NoError(t, err)
	require.Len(t, page.Series, 2)
	assert.Equal(t, "domain_1.com", page.Series[0].Dimensions["domain"])
	assert.Len(t, page.Series[0].Timestamps, 8)
	assert.Equal(t, 3441795.0, page.Series[0].Values[0][0])

	empty, err := DecodeInspectorPage(recorded.Body(t, "go-fastly-v16.0.1/origin_inspector/metrics_for_service.yaml"), "/p", []string{"responses"})
	require.NoError(t, err)
	assert.Empty(t, empty.Series)
}

func TestInspectorEnabledReadsRecordedEnablementAnswers(t *testing.T) {
	cases := []struct {
		file    string
		product Product
		want    bool
	}{
		{"go-fastly-v16.0.1/products/origininspector/get-after-enablement_Delivery.yaml", OriginInspector, true},
		{"go-fastly-v16.0.1/products/origininspector/get-before-enablement_Delivery.yaml", OriginInspector, false},
		{"go-fastly-v16.0.1/products/domaininspector/get-after-disablement_Delivery.yaml", DomainInspector, false},
	}
	for _, c := range cases {
		srv := recorded.Server(t, c.file)
		client, err := NewClient("t", srv.URL, srv.Client())
		require.NoError(t, err)
		got, err := client.InspectorEnabled(context.Background(), c.product, "kKJb5bOFI47uHeBVluGfX1")
		require.NoError(t, err, c.file)
		assert.Equal(t, c.want, got, c.file)
	}
}

func TestInspectorEnabledKeepsOtherErrors(t *testing.T) {
	c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"msg":"Bad request","detail":"Service 'x' is deleted"}`))
	})
	_, err := c.InspectorEnabled(context.Background(), OriginInspector, "x")
	assert.ErrorContains(t, err, "is deleted")
}

func TestIsNotEnabledMatchesFastlysAnswer(t *testing.T) {
	assert.True(t, IsNotEnabled(&Error{StatusCode: 400, Message: "no product on service"}))
	assert.False(t, IsNotEnabled(&Error{StatusCode: 400, Message: "invalid timestamp"}))
	assert.False(t, IsNotEnabled(errors.New("no product on service")))
}
