package plugin

import (
	"net/http"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/stretchr/testify/assert"
)

func TestResourceParametersAreValidatedBeforeAnyRequest(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	cases := []struct{ path, want string }{
		{"metrics?queryType=bogus", `unknown queryType \"bogus\": use one of`},
		{"origins?service=../tokens/self", "is not a Fastly service id"},
		{"domains?service=SU1Z0isxPaozGVKXdv0eY%3Fregion%3Dusa", "is not a Fastly service id"},
		{"origins?service=$service", "template variable $service was not replaced"},
		{"origins", "name exactly one service"},
	}
	for _, tc := range cases {
		status, body := callResource(t, d, tc.path)
		assert.Equal(t, http.StatusBadRequest, status, tc.path)
		assert.Contains(t, string(body), tc.want, tc.path)
	}
	assert.Empty(t, sim.Requests(), "nothing invalid reached Fastly")
}
