package plugin

import (
	"encoding/json"
	"net/http"
	"sort"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServicesResourceIsSortedByName(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{ServiceCount: 30})
	status, body := callResource(t, newTestDatasource(t, srv.URL, simToken), "services")
	require.Equal(t, http.StatusOK, status)
	var got []serviceOption
	require.NoError(t, json.Unmarshal(body, &got))
	var want []serviceOption
	for _, s := range sim.Services() {
		want = append(want, serviceOption{ID: s.ID, Name: s.Name, Type: s.Type})
	}
	sort.Slice(want, func(i, j int) bool { return want[i].Name < want[j].Name })
	assert.Equal(t, want, got, "all 30 services over every page, sorted by name")
}

func TestMetricsResourceDescribesUnits(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	status, body := callResource(t, newTestDatasource(t, srv.URL, ""), "metrics?queryType=stats")
	require.Equal(t, http.StatusOK, status, "the catalogue needs no token")
	var got []map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	byName := map[string]map[string]any{}
	for _, m := range got {
		byName[m["name"].(string)] = m
	}
	assert.Equal(t, "percentunit", byName["hit_ratio"]["unit"])
	assert.Equal(t, "derived", byName["hit_ratio"]["group"])
	assert.Equal(t, "short", byName["requests"]["unit"])
	assert.NotEmpty(t, byName["requests"]["description"])
	assert.NotContains(t, byName["requests"], "Inputs")
}

func TestRegionsAndDatacentersResources(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)

	status, body := callResource(t, d, "regions")
	require.Equal(t, http.StatusOK, status)
	var regions []string
	require.NoError(t, json.Unmarshal(body, &regions))
	want := append([]string{}, sim.Regions()...)
	sort.Strings(want)
	assert.Equal(t, want, regions)

	status, body = callResource(t, d, "datacenters")
	require.Equal(t, http.StatusOK, status)
	var dcs []popOption
	require.NoError(t, json.Unmarshal(body, &dcs))
	require.NotEmpty(t, dcs)
	for _, dc := range dcs {
		assert.Len(t, dc.Code, 3)
		assert.NotEmpty(t, dc.StatsRegion, dc.Code)
		assert.Contains(t, regions, dc.StatsRegion, dc.Code)
		assert.NotZero(t, dc.Latitude, dc.Code)
	}
	assert.True(t, sort.SliceIsSorted(dcs, func(i, j int) bool { return dcs[i].Code < dcs[j].Code }))
}

func TestResourceErrorsAreReadableAndNeverCarryTheToken(t *testing.T) {
	_, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, "wrong-token-abcdef")
	for _, path := range []string{"services", "regions", "datacenters"} {
		status, body := callResource(t, d, path)
		assert.Equal(t, http.StatusBadGateway, status, path)
		var e resourceError
		require.NoError(t, json.Unmarshal(body, &e))
		assert.Contains(t, e.Error, "Fastly rejected the API token", path)
		assert.NotContains(t, string(body), "wrong-token-abcdef")
	}
	status, body := callResource(t, d, "nope")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, string(body), "unknown resource")
}
