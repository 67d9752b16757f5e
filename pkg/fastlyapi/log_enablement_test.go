package fastlyapi

import (
	"context"
	"net/http"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogExplorerInsightsEnabledReadsRecordedAnswers(t *testing.T) {
	cases := []struct {
		file, service string
		want          bool
	}{
		{"get-after-enablement_Delivery.yaml", "kKJb5bOFI47uHeBVluGfX1", true},
		{"get-after-enablement_Compute.yaml", "XsjdElScZGjmfCcTwsYRC1", true},
		{"get-before-enablement_Delivery.yaml", "kKJb5bOFI47uHeBVluGfX1", false},
	}
	for _, tc := range cases {
		srv := recorded.Server(t, "go-fastly-main-5141097/logexplorerinsights/"+tc.file)
		c, err := NewClient("t", srv.URL, srv.Client())
		require.NoError(t, err)
		got, err := c.LogExplorerInsightsEnabled(context.Background(), tc.service)
		require.NoError(t, err, tc.file)
		assert.Equal(t, tc.want, got, tc.file)
	}
}

func TestLogExplorerInsightsEnabledAsksForTheProduct(t *testing.T) {
	c, called := capturingClient(t, `{"product":{"id":"log_explorer_insights","object":"product"},"service":{"id":"SVC"}}`)
	got, err := c.LogExplorerInsightsEnabled(context.Background(), "SVC")
	require.NoError(t, err)
	assert.True(t, got)
	assert.Equal(t, "/enabled-products/v1/log_explorer_insights/services/SVC", called().Path)
}

func TestLogExplorerInsightsEnabledKeepsOtherErrors(t *testing.T) {
	for status, body := range map[int]string{
		http.StatusBadRequest: `{"msg":"Bad request","detail":"Service 'x' is deleted"}`,
		http.StatusForbidden:  `{"msg":"Forbidden","detail":"token lacks scope"}`,
	} {
		c := newTestClient(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			_, _ = w.Write([]byte(body))
		})
		_, err := c.LogExplorerInsightsEnabled(context.Background(), "x")
		var apiErr *Error
		require.ErrorAs(t, err, &apiErr, status)
		assert.Equal(t, status, apiErr.StatusCode)
	}
	c, _ := capturingClient(t, `{"product":{"id":"origin_inspector"}}`)
	got, err := c.LogExplorerInsightsEnabled(context.Background(), "x")
	require.NoError(t, err)
	assert.False(t, got, "an answer naming another product is not this one")
}
