package query

import "testing"

var realtimeSeeds = []string{
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["requests","miss_latency_p95"],"groupBy":"datacenter","datacenters":["lhr","JFK,SJC"]}`,
	`{"services":[],"metrics":["requests"]}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["requests"],"datacenters":["L/HR","../x"]}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["responses","latency_p95"],"groupBy":["host","source"],"hosts":"a.example.com,b.example.com","granularity":"hour","source":"historical"}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["edge_requests"],"groupBy":"domain,pop","domains":["x.com&metric=all"],"source":"live"}`,
}

func addRealtimeSeeds(f *testing.F) {
	addSeeds(f)
	for _, s := range realtimeSeeds {
		f.Add([]byte(s))
	}
}

// FuzzParseRealtime: an accepted real-time query has services, known metrics and well-formed POP codes.
func FuzzParseRealtime(f *testing.F) {
	addRealtimeSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		q, err := ParseRealtime(raw)
		if err != nil {
			requireInvalid(t, err)
			return
		}
		requireServiceIDs(t, q.Services)
		if len(q.Services) == 0 || len(q.Metrics) == 0 {
			t.Fatalf("accepted a real-time query without services or metrics: %+v", q)
		}
		for _, dc := range q.POPs {
			if !popCodePattern.MatchString(dc) {
				t.Fatalf("accepted POP code %q", dc)
			}
		}
	})
}

// FuzzParseInspector: an accepted origins/domains query has valid service ids, metrics and granularity.
func FuzzParseInspector(f *testing.F) {
	addRealtimeSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		for _, typ := range []Type{TypeOrigins, TypeDomains} {
			q, err := ParseInspector(typ, raw)
			if err != nil {
				requireInvalid(t, err)
				continue
			}
			requireServiceIDs(t, q.Services)
			if len(q.Metrics) == 0 || !q.Granularity.Valid() {
				t.Fatalf("accepted %s query without metrics or with granularity %q", typ, q.Granularity)
			}
		}
	})
}
