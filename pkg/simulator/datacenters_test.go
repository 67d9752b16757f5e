package simulator

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDatacentersCoverEveryStatsRegion(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	var list []map[string]any
	getJSON(t, srv, "/datacenters", &list)
	require.GreaterOrEqual(t, len(list), 25)

	codes := map[any]bool{}
	regions := map[any]bool{}
	for _, p := range list {
		codes[p["code"]] = true
		regions[p["stats_region"]] = true
		for _, key := range []string{"code", "name", "group", "region", "stats_region", "billing_region", "coordinates"} {
			assert.NotEmpty(t, p[key], "%v lacks %s", p["code"], key)
		}
		coords := p["coordinates"].(map[string]any)
		assert.ElementsMatch(t, []string{"x", "y", "latitude", "longitude"}, keys(coords))
	}
	assert.Len(t, codes, len(list), "codes are unique")
	for _, region := range sim.Regions() {
		assert.True(t, regions[region], "no POP in %s", region)
	}
	assert.Len(t, regions, len(sim.Regions()))
}

func keys(m map[string]any) []string {
	var names []string
	for k := range m {
		names = append(names, k)
	}
	return names
}
