package plugin

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func simService(t *testing.T, sim *simulator.Simulator, name string) simulator.Service {
	for _, s := range sim.Services() {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no service %s", name)
	return simulator.Service{}
}

func TestOriginsQueryMatchesTheSimulator(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	www := simService(t, sim, "www.example.com")
	model := map[string]any{"services": []string{www.ID}, "metrics": []string{"status_5xx"}, "groupBy": []string{"host"}, "granularity": "hour"}
	resp := runQueries(t, d, dataQuery("A", "origins", model, testNow.Add(-4*time.Hour), testNow))
	r := resp.Responses["A"]
	require.NoError(t, r.Error)
	require.Len(t, r.Frames, 3, "one frame per origin host")
	assert.Contains(t, r.Frames[0].Meta.ExecutedQueryString, "/metrics/origins/services/"+www.ID)
	for _, f := range r.Frames {
		assert.Equal(t, data.FrameTypeTimeSeriesMulti, f.Meta.Type)
		value := f.Fields[1]
		host := value.Labels["host"]
		assert.Equal(t, www.Name, value.Labels["service_name"])
		for j := 0; j < value.Len(); j++ {
			ts := f.Fields[0].At(j).(time.Time)
			want := sim.InspectorValue("origin_inspector", www.ID, "all_status_5xx", "hour", ts, map[string]string{"host": host})
			assert.Equal(t, want, *value.At(j).(*float64), "%s at %s", host, ts)
		}
	}
}

func TestInspectorQueryErrorsNameProductAndService(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	shop := simService(t, sim, "shop.example.com")
	www := simService(t, sim, "www.example.com")
	from := testNow.Add(-time.Hour)
	resp := runQueries(t, d,
		dataQuery("A", "domains", map[string]any{"services": []string{shop.ID}, "metrics": []string{"edge_requests"}}, from, testNow),
		dataQuery("B", "origins", map[string]any{"services": []string{www.ID}, "metrics": []string{"responses"}, "source": "realtime"}, from.Add(-time.Hour), from))
	a := resp.Responses["A"]
	require.Error(t, a.Error)
	assert.Equal(t, backend.StatusForbidden, a.Status)
	assert.Contains(t, a.Error.Error(), "Domain Inspector is not enabled for service shop.example.com ("+shop.ID+")")
	b := resp.Responses["B"]
	require.Error(t, b.Error)
	assert.Equal(t, backend.StatusBadRequest, b.Status)
	assert.Contains(t, b.Error.Error(), "last 15 minutes only")
}

func TestOriginsAndDomainsResources(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	api := simService(t, sim, "api.example.com")
	status, body := callResource(t, d, "origins?service="+api.ID)
	require.Equal(t, http.StatusOK, status, string(body))
	var names struct {
		Enabled   bool     `json:"enabled"`
		Dimension string   `json:"dimension"`
		Values    []string `json:"values"`
		Message   string   `json:"message"`
	}
	require.NoError(t, json.Unmarshal(body, &names))
	assert.True(t, names.Enabled)
	assert.Equal(t, "host", names.Dimension)
	assert.ElementsMatch(t, sim.InspectorNames("origin_inspector", api.ID), names.Values)

	img := simService(t, sim, "img.example.com")
	status, body = callResource(t, d, "domains?service="+img.ID)
	require.Equal(t, http.StatusOK, status)
	require.NoError(t, json.Unmarshal(body, &names))
	assert.False(t, names.Enabled)
	assert.Contains(t, names.Message, "Domain Inspector is not enabled for service img.example.com")

	status, _ = callResource(t, d, "domains?service=")
	assert.Equal(t, http.StatusBadRequest, status)

	status, body = callResource(t, d, "metrics?queryType=origins")
	require.Equal(t, http.StatusOK, status)
	assert.Contains(t, string(body), `"latency_p95"`)
	assert.NotContains(t, string(body), `"hit_ratio"`)
}
