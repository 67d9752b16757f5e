package series

import (
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/stretchr/testify/assert"
)

func vals(vs ...any) []*float64 {
	out := make([]*float64, len(vs))
	for i, v := range vs {
		if f, ok := v.(float64); ok {
			out[i] = &f
		}
	}
	return out
}

func newSeries(metric, name string, values []*float64) Series {
	m, _ := metrics.Lookup(metric)
	return Series{Service: Service{ID: "id-" + name, Name: name}, Metric: m, Values: values}
}

// names lists "metric:service" of each series, in order.
func names(list []Series) []string {
	var out []string
	for _, s := range list {
		out = append(out, s.Metric.Name+":"+s.Service.Name)
	}
	return out
}

func TestTopN(t *testing.T) {
	input := []Series{
		newSeries("requests", "alpha", vals(1.0, 2.0)),      // 3
		newSeries("requests", "bravo", vals(10.0, nil)),     // 10, a null counts as 0
		newSeries("requests", "charlie", vals(nil, nil)),    // 0
		newSeries("requests", "delta", vals(3.0, 0.0)),      // 3, ties with alpha
		newSeries("requests", "echo", vals(4.0, 4.0)),       // 8
		newSeries("bandwidth", "alpha", vals(100.0, 100.0)), // the other metric must not decide the ranking
		newSeries("bandwidth", "bravo", vals(1.0, 1.0)),
		newSeries("bandwidth", "charlie", vals(500.0, 500.0)),
		newSeries("bandwidth", "delta", vals(1.0, 1.0)),
		newSeries("bandwidth", "echo", vals(1.0, 1.0)),
	}
	tests := []struct {
		name      string
		metric    string
		limit     int
		ascending bool
		want      []string
	}{
		{"largest first", "requests", 2, false,
			[]string{"requests:bravo", "requests:echo", "bandwidth:bravo", "bandwidth:echo"}},
		{"ties broken by service name", "requests", 4, false,
			[]string{"requests:bravo", "requests:echo", "requests:alpha", "requests:delta",
				"bandwidth:bravo", "bandwidth:echo", "bandwidth:alpha", "bandwidth:delta"}},
		{"tie cut at the limit keeps the first name", "requests", 3, false,
			[]string{"requests:bravo", "requests:echo", "requests:alpha", "bandwidth:bravo", "bandwidth:echo", "bandwidth:alpha"}},
		{"ascending keeps the smallest, nulls as 0", "requests", 2, true,
			[]string{"requests:charlie", "requests:alpha", "bandwidth:charlie", "bandwidth:alpha"}},
		{"limit larger than the series count keeps all, ranked", "requests", 100, false,
			[]string{"requests:bravo", "requests:echo", "requests:alpha", "requests:delta", "requests:charlie",
				"bandwidth:bravo", "bandwidth:echo", "bandwidth:alpha", "bandwidth:delta", "bandwidth:charlie"}},
		{"ranking by the other metric", "bandwidth", 1, false,
			[]string{"requests:charlie", "bandwidth:charlie"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := TopN(input, topN(tc.metric, tc.limit, tc.ascending), ByRank)
			assert.Equal(t, tc.want, names(got))
			for _, s := range got {
				assert.Equal(t, "id-"+s.Service.Name, s.Service.ID, "the service identity (labels) is kept")
			}
		})
	}
}

func TestTopNEqualTotalsAndNamesFallBackToID(t *testing.T) {
	m, _ := metrics.Lookup("requests")
	input := []Series{
		{Service: Service{ID: "b", Name: "same"}, Metric: m, Values: vals(1.0)},
		{Service: Service{ID: "a", Name: "same"}, Metric: m, Values: vals(1.0)},
	}
	got := TopN(input, topN("requests", 1, false), ByRank)
	assert.Len(t, got, 1)
	assert.Equal(t, "a", got[0].Service.ID)
}

func topN(metric string, limit int, ascending bool) query.TopN {
	t := query.TopN{Metric: metric, Limit: limit, Order: query.OrderDesc}
	if ascending {
		t.Order = query.OrderAsc
	}
	return t
}

func TestTopNOverPOPGroupsKeepsTheGivenOrder(t *testing.T) {
	m, _ := metrics.Lookup("requests")
	pop := func(svc, code string, total float64) Series {
		return Series{Service: Service{ID: "id-" + svc, Name: svc}, Dimensions: []Label{{Name: "datacenter", Value: code}}, Metric: m, Values: vals(total)}
	}
	input := []Series{pop("a", "LHR", 1), pop("a", "AMS", 9), pop("b", "LHR", 5), pop("b", "AMS", 2)}
	got := TopN(input, topN("requests", 2, false), AsGiven)
	var groups []string
	for _, s := range got {
		groups = append(groups, s.Service.Name+" "+s.Label("datacenter"))
	}
	assert.Equal(t, []string{"a AMS", "b LHR"}, groups, "service × POP groups ranked, kept in their original order")
}
