package simulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInspectorRealtimeSecondsAddUpToTheMinuteAndNeedTheAddOn(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com")
	shop := serviceNamed(t, sim, "shop.example.com")

	resp, body := get(t, srv, "/v1/origins/"+shop.ID+"/ts/h")
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode)
	assert.Contains(t, string(body), "no product on service")

	resp, body = get(t, srv, "/v1/domains/"+www.ID+"/ts/h")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.True(t, strings.Contains(string(body), `"aggregated":{"www.example.com":`) || strings.Contains(string(body), `"beta.www.example.com"`))

	minute := sim.now().Unix()/60*60 - 600
	for _, field := range []string{"all_responses", "latency_10_to_50ms"} {
		var sum float64
		for s := minute; s < minute+60; s++ {
			sum += sim.InspectorRealtimeValue(productOrigins, www.ID, field, time.Unix(s, 0), nil)
		}
		assert.Equal(t, sim.InspectorValue(productOrigins, www.ID, field, "minute", time.Unix(minute, 0), nil), sum, field)
	}
}
