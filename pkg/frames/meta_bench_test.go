package frames

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// BenchmarkInspectorAnswerBytes is the JSON size of an Origin Inspector answer of 50 pages × 2 metric chunks of
// calls and 1,000 host × POP series of one hour (12 points), the meta repeated on every frame.
func BenchmarkInspectorAnswerBytes(b *testing.B) {
	res := series.Result{Times: times, Services: 1}
	for page := range 100 {
		res.Calls = append(res.Calls, fmt.Sprintf("GET /metrics/origins/services/%s?downsample=minute&end=1795694400&group_by=host,datacenter&limit=200&metric=all_responses%%2Call_status_5xx&start=1795690800&cursor=%040d", shop.ID, page))
	}
	m := metric(b, "requests")
	for i := range 1000 {
		res.Series = append(res.Series, series.Series{Service: shop, Metric: m, Unit: "short", Values: values(1, 2),
			Dimensions: []series.Label{{Name: query.DimensionHost, Value: fmt.Sprintf("origin-%d.example.com", i%50)}, {Name: query.DimensionPOP, Value: fmt.Sprintf("P%02d", i/50)}}})
	}
	size := 0
	for b.Loop() {
		out, err := json.Marshal(TimeSeries(res, ""))
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "answer-bytes")
}
