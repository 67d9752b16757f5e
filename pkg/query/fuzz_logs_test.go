package query

import (
	"strconv"
	"testing"
)

var logSeeds = []string{
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"visualization":"top-url-by-requests","limit":10,"domain":"","domainExactMatch":true,"datacenters":["iad"]}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"visualization":"top-url-by-duration-sum","domain":"x.com&limit=1000"}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"filters":[{"field":"response_status","operator":"gte","value":500}],"limit":1000}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"filters":[{"field":"domain","operator":"neq","value":"a]&filter[x]=1"},{"field":"fastly_is_edge","value":true}]}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"filters":[{"field":"response_status","operator":"in","value":"{500,503}"}],"limit":10001}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["response_time_p95","response_bytes_body_avg"],"groupBy":"fastly_pop","format":"timeseries","sortBy":"response_time_p95","sortDesc":false}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"metrics":["response_time_p50"],"groupBy":"response_status","format":"graph","limit":-5}`,
	`{"services":["SU1Z0isxPaozGVKXdv0eY"],"filters":[{"field":"is_cache_hit","value":null}]}`,
}

// FuzzParseLogQueries: an accepted insights, logs, logMetrics or logVolume query has one service id, a limit in
// range, and only filters on filterable fields with known operators and typed values.
func FuzzParseLogQueries(f *testing.F) {
	addSeeds(f)
	for _, s := range logSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if q, err := ParseInsights(raw); err != nil {
			requireInvalid(t, err)
		} else {
			requireOneService(t, q.Services)
			requireLimit(t, q.Limit, InsightsMaxLimit)
			if _, ok := LookupLogVisualization(q.Visualization); !ok {
				t.Fatalf("accepted visualization %q", q.Visualization)
			}
		}
		if q, err := ParseLogs(raw); err != nil {
			requireInvalid(t, err)
		} else {
			requireOneService(t, q.Services)
			requireLimit(t, q.Limit, LogsMaxLimit)
			requireFilters(t, q.Filters)
		}
		if q, err := ParseLogMetrics(raw); err != nil {
			requireInvalid(t, err)
		} else {
			requireOneService(t, q.Services)
			requireLimit(t, q.Limit, LogMetricsMaxLimit)
			requireFilters(t, q.Filters)
			for _, m := range q.Metrics {
				if _, ok := LookupLogMetric(m); !ok {
					t.Fatalf("accepted log metric %q", m)
				}
			}
		}
		if q, err := ParseLogVolume(raw); err != nil {
			requireInvalid(t, err)
		} else {
			requireOneService(t, q.Services)
			requireFilters(t, q.Filters)
		}
	})
}

func requireOneService(t *testing.T, ids []string) {
	t.Helper()
	requireServiceIDs(t, ids)
	if len(ids) != 1 {
		t.Fatalf("accepted %d services", len(ids))
	}
}

func requireLimit(t *testing.T, limit, max int) {
	t.Helper()
	if limit < 1 || limit > max {
		t.Fatalf("accepted limit %d", limit)
	}
}

func requireFilters(t *testing.T, filters []LogFilter) {
	t.Helper()
	for _, f := range filters {
		field, ok := LookupLogField(f.Field)
		op, known := lookupLogOperator(f.Operator)
		if !ok || !field.Filterable || !known {
			t.Fatalf("accepted filter %q %q", f.Field, f.Operator)
		}
		if field.Type == FieldNumber && f.Operator != "in" {
			if _, err := strconv.ParseFloat(string(f.Value), 64); err != nil {
				t.Fatalf("accepted %q for number field %s", f.Value, f.Field)
			}
		}
		if op.Numeric && field.Type != FieldNumber {
			t.Fatalf("accepted %s on %s", op.Value, f.Field)
		}
	}
}
