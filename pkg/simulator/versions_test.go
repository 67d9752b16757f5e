package simulator

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServiceVersionsMatchTheServiceList(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{ServiceCount: 7})
	var items []serviceJSON
	getJSON(t, srv, "/service?per_page=100", &items)
	require.Len(t, items, 7)
	for _, item := range items {
		var versions []versionJSON
		getJSON(t, srv, "/service/"+item.ID+"/version", &versions)
		assert.Equal(t, item.Versions, versions, item.Name)
	}

	recent := 0
	for i, svc := range sim.Services() {
		var versions []versionJSON
		getJSON(t, srv, "/service/"+svc.ID+"/version", &versions)
		for _, v := range versions {
			updated, err := time.Parse(time.RFC3339, v.UpdatedAt)
			require.NoError(t, err)
			if v.Active && testNow.Sub(updated) < 24*time.Hour && updated.Before(testNow) {
				recent++
				assert.Equal(t, 0, i%recentDeployEvery, "%s has a recent deploy", svc.Name)
			}
		}
	}
	assert.Equal(t, 2, recent, "services 0 and 5 were activated within the last 24 hours")
}

func TestServiceVersionsOfAnUnknownServiceIsNotFound(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	resp, _ := get(t, srv, "/service/AAAAAAAAAAAAAAAAAAAAAA/version")
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	resp, _ = request(t, http.MethodGet, srv.URL+"/service/AAAAAAAAAAAAAAAAAAAAAA/version", "wrong")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}
