package query

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const rtService = "SU1Z0isxPaozGVKXdv0eY1"

func TestParseRealtimeDefaultsAndNormalises(t *testing.T) {
	q, err := ParseRealtime([]byte(`{"services":["` + rtService + `"],"metrics":["requests","hit_ratio","miss_latency_p99"],"datacenters":["lhr, iad","LHR"]}`))
	require.NoError(t, err)
	assert.Equal(t, GroupByNone, q.GroupBy)
	assert.Equal(t, []string{"LHR", "IAD"}, q.POPs)
}

func TestParseRealtimeRejects(t *testing.T) {
	cases := map[string]string{
		`{"metrics":["requests"]}`:                                                         "at least one service",
		`{"services":["` + rtService + `"],"metrics":["pipe"]}`:                            "not available in real time",
		`{"services":["` + rtService + `"],"metrics":["requests"],"groupBy":"service"}`:    "use none or datacenter",
		`{"services":["` + rtService + `"],"metrics":[]}`:                                  "at least one metric",
		`{"services":["` + rtService + `"],"metrics":["requests"],"datacenters":["L/HR"]}`: "not a Fastly POP code",
	}
	for raw, want := range cases {
		_, err := ParseRealtime([]byte(raw))
		var invalidErr *InvalidError
		require.ErrorAs(t, err, &invalidErr, raw)
		assert.Contains(t, err.Error(), want, raw)
	}
}
