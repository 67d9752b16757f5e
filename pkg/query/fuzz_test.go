package query

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// querySeeds are saved queries, typos and hostile input the parsers must survive.
var querySeeds = []string{
	``, `null`, `{}`, `[]`, `"stats"`, `{"services":null,"metrics":null}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["requests","hit_ratio"],"granularity":"auto","groupBy":"service"}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY,7i6HN3TK9wS159v2gPAZ8A"],"metrics":["requets"]}`,
	`{"services":["../tokens/self"],"metrics":["requests"]}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY?region=usa"],"metrics":["requests"]}`,
	`{"services":["$service"],"metrics":["requests"]}`,
	`{"services":[1,2],"metrics":"requests"}`,
	`{"metrics":["requests"],"region":"usa&by=day","granularity":"second","groupBy":"pop"}`,
	`{"metrics":["requests"],"topN":{"metric":"hits","limit":-1,"order":"sideways"}}`,
	`{"usageBy":"month","month":"2026-13","region":"europe","billableUnits":"yes"}`,
	`{"usageBy":"service","month":"2026-02"}`,
	`{"services":["{SU1Z0isxPaozGVKXdv0eY}"],"unknown":{"deep":[1,{"x":null}]}}`,
}

func FuzzParseStats(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := ParseStats(raw)
		if err != nil {
			requireInvalid(t, err)
			return
		}
		requireServiceIDs(t, q.Services)
		if len(q.Metrics) == 0 || !q.Granularity.Valid() {
			t.Fatalf("accepted a query without metrics or with granularity %q", q.Granularity)
		}
		for _, m := range q.Metrics {
			if _, ok := metrics.Lookup(m); !ok {
				t.Fatalf("accepted unknown metric %q", m)
			}
		}
		if q.Region != "" && !regionPattern.MatchString(q.Region) {
			t.Fatalf("accepted region %q", q.Region)
		}
	})
}

func FuzzParseUsage(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := ParseUsage(raw)
		if err != nil {
			requireInvalid(t, err)
			return
		}
		if _, err := q.MonthStart(); err != nil {
			t.Fatalf("accepted month %q", q.Month)
		}
		if q.Region != "" && !regionPattern.MatchString(q.Region) {
			t.Fatalf("accepted region %q", q.Region)
		}
	})
}

func FuzzParseVersions(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := ParseVersions(raw)
		if err != nil {
			requireInvalid(t, err)
			return
		}
		requireServiceIDs(t, q.Services)
	})
}

// FuzzServiceIDs: whatever the entries, an accepted id is 16–32 letters and digits, so it cannot change an
// upstream path or query string.
func FuzzServiceIDs(f *testing.F) {
	for _, s := range []string{"SU1Z0isxPaozGVKXdv0eY", "a,b", " {SU1Z0isxPaozGVKXdv0eY} ,", "../x", "%2e%2e", "$svc", "SU1Z0isxPaozGVKXdv0eY/field"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, entry string) {
		ids, err := ServiceIDs([]string{entry})
		if err != nil {
			requireInvalid(t, err)
			return
		}
		requireServiceIDs(t, ids)
	})
}

func addSeeds(f *testing.F) {
	for _, s := range querySeeds {
		f.Add([]byte(s))
	}
}

func requireInvalid(t *testing.T, err error) {
	t.Helper()
	var invalid *InvalidError
	if !errors.As(err, &invalid) || invalid.Msg == "" {
		t.Fatalf("error is not a user-facing InvalidError: %T %v", err, err)
	}
}

func requireServiceIDs(t *testing.T, ids []string) {
	t.Helper()
	for _, id := range ids {
		if !serviceIDPattern.MatchString(id) {
			raw, _ := json.Marshal(id)
			t.Fatalf("accepted service id %s", raw)
		}
	}
}
