package query

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sid = "SU1Z0isxPaozGVKXdv0eY"

func TestParseInspectorAcceptsTheIssueKeys(t *testing.T) {
	q, err := ParseInspector(TypeOrigins, []byte(`{"services":["`+sid+`"],"metrics":["responses","latency_p95"],
		"groupBy":["host","datacenter","source"],"hosts":"a.example.net,b.example.net","datacenters":["sjc"],"regions":["usa"],
		"granularity":"hour","source":"historical"}`))
	require.NoError(t, err)
	assert.Equal(t, List{"a.example.net", "b.example.net"}, q.Hosts)
	assert.Equal(t, List{"SJC"}, q.POPs)
	assert.True(t, q.Groups(DimensionSource))
	assert.Equal(t, []string{"a.example.net", "b.example.net"}, []string(q.Names()))

	q, err = ParseInspector(TypeDomains, []byte(`{"services":["`+sid+`"],"metrics":["edge_hit_ratio"]}`))
	require.NoError(t, err)
	assert.Equal(t, ReadFromAuto, q.ReadFrom)
	assert.Equal(t, GranularityAuto, q.Granularity)
}

func TestParseInspectorRejectsWithClearMessages(t *testing.T) {
	cases := map[string]struct {
		t    Type
		json string
		msg  string
	}{
		"no service":         {TypeOrigins, `{"metrics":["responses"]}`, "choose at least one service"},
		"stats-only metric":  {TypeOrigins, `{"services":["` + sid + `"],"metrics":["hit_ratio"]}`, `unknown Origin Inspector metric "hit_ratio"`},
		"misspelt metric":    {TypeDomains, `{"services":["` + sid + `"],"metrics":["edge_request"]}`, `did you mean "edge_requests"`},
		"host on domains":    {TypeDomains, `{"services":["` + sid + `"],"metrics":["edge_requests"],"groupBy":["host"]}`, "cannot group by \"host\""},
		"source on domains":  {TypeDomains, `{"services":["` + sid + `"],"metrics":["edge_requests"],"groupBy":["source"]}`, "cannot group by \"source\""},
		"hosts on domains":   {TypeDomains, `{"services":["` + sid + `"],"metrics":["edge_requests"],"hosts":["a"]}`, "filter by domains, not hosts"},
		"unreplaced var":     {TypeOrigins, `{"services":["` + sid + `"],"metrics":["responses"],"hosts":["$host"]}`, "$host was not replaced"},
		"bad region":         {TypeOrigins, `{"services":["` + sid + `"],"metrics":["responses"],"regions":["US A"]}`, "not a stats region"},
		"bad source":         {TypeOrigins, `{"services":["` + sid + `"],"metrics":["responses"],"source":"live"}`, "use auto, historical or realtime"},
		"bad granularity":    {TypeOrigins, `{"services":["` + sid + `"],"metrics":["responses"],"granularity":"week"}`, "unknown granularity"},
		"not a service id":   {TypeOrigins, `{"services":["nope"],"metrics":["responses"]}`, "is not a Fastly service id"},
		"no metric":          {TypeOrigins, `{"services":["` + sid + `"]}`, "choose at least one metric"},
		"groupBy not a list": {TypeOrigins, `{"services":["` + sid + `"],"metrics":["responses"],"groupBy":3}`, "not valid JSON"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := ParseInspector(c.t, []byte(c.json))
			var invalidErr *InvalidError
			require.ErrorAs(t, err, &invalidErr)
			assert.Contains(t, err.Error(), c.msg)
		})
	}
}
