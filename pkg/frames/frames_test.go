package frames

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/usage"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	shop  = series.Service{ID: "SU1Z0isxPaozGVKXdv0eY", Name: "shop"}
	times = []time.Time{time.Unix(1800000000, 0).UTC(), time.Unix(1800000060, 0).UTC()}
)

func metric(t testing.TB, name string) metrics.Metric {
	m, ok := metrics.Lookup(name)
	require.True(t, ok, name)
	return m
}

func values(vs ...float64) []*float64 {
	out := make([]*float64, len(vs))
	for i := range vs {
		out[i] = &vs[i]
	}
	return out
}

// result is an answer of two series of one service, with one notice of each severity.
func result(t *testing.T) series.Result {
	return series.Result{
		Times: times,
		Series: []series.Series{
			{Service: shop, Metric: metric(t, "requests"), Unit: "short", Values: values(1, 2)},
			{Service: shop, Metric: metric(t, "hit_ratio"), Unit: "percentunit", Values: []*float64{nil, values(0.5)[0]}},
		},
		Calls:    []string{"GET /stats/service/SU1Z0isxPaozGVKXdv0eY/field/requests", "GET /stats/service/SU1Z0isxPaozGVKXdv0eY/field/hits"},
		Notices:  []series.Notice{series.Warn("stale"), series.Inform("unfinished")},
		Services: 1,
	}
}

func TestEveryFrameOfAResultCarriesTheSameMeta(t *testing.T) {
	res := result(t)
	res.ProvisionalFrom = times[1]
	frames := TimeSeries(res, "")
	require.Len(t, frames, 2)
	for _, f := range frames {
		assert.Equal(t, data.FrameTypeTimeSeriesMulti, f.Meta.Type)
		assert.Equal(t, data.FrameTypeVersion{0, 1}, f.Meta.TypeVersion)
		assert.Equal(t, res.Calls[0]+"\n"+res.Calls[1], f.Meta.ExecutedQueryString)
		assert.Equal(t, []data.Notice{{Severity: data.NoticeSeverityWarning, Text: "stale"}, {Severity: data.NoticeSeverityInfo, Text: "unfinished"}}, f.Meta.Notices)
		assert.Equal(t, &CustomMeta{ProvisionalFrom: times[1].Unix()}, f.Meta.Custom)
	}
}

func TestSeriesFieldsHaveLabelsUnitsLinksAndNames(t *testing.T) {
	frames := TimeSeries(result(t), "")
	value := frames[1].Fields[1]
	assert.Equal(t, "hit_ratio", value.Name)
	assert.Equal(t, data.Labels{series.LabelServiceID: shop.ID, series.LabelServiceName: "shop"}, value.Labels)
	assert.Equal(t, "percentunit", value.Config.Unit)
	assert.Equal(t, "shop Hit ratio", value.Config.DisplayNameFromDS, "two metrics: the metric qualifies the name")
	require.Len(t, value.Config.Links, 2)
	assert.Equal(t, "https://manage.fastly.com/configure/services/"+shop.ID, value.Config.Links[0].URL)
	assert.Equal(t, "/d/fastly-service?var-service="+shop.ID, value.Config.Links[1].URL)
	assert.Nil(t, value.At(0), "a point without a value stays null")
	assert.Equal(t, times, []time.Time{frames[1].Fields[0].At(0).(time.Time), frames[1].Fields[0].At(1).(time.Time)})
}

func TestTheSumOverServicesSaysHowManyAndHasNoServiceLabelsOrLinks(t *testing.T) {
	res := series.Result{Times: times, Services: 3, Series: []series.Series{{Metric: metric(t, "requests"), Values: values(1, 2)}}}
	value := TimeSeries(res, "")[0].Fields[1]
	assert.Equal(t, "Requests (sum of 3 services)", value.Config.DisplayNameFromDS)
	assert.Nil(t, value.Labels)
	assert.Nil(t, value.Config.Links)
}

func TestGroupLabelsNameTheSeriesAndDetailsOnlyLabelIt(t *testing.T) {
	s := series.Series{Service: shop, Metric: metric(t, "requests"), Values: values(1, 2),
		Dimensions: []series.Label{{Name: query.DimensionPOP, Value: "LHR"}},
		Details:    []series.Label{{Name: series.LabelPOPName, Value: "London"}, {Name: query.DimensionRegion, Value: "Europe"}}}
	value := TimeSeries(series.Result{Times: times, Series: []series.Series{s}}, "")[0].Fields[1]
	assert.Equal(t, "shop LHR", value.Config.DisplayNameFromDS)
	assert.Equal(t, "London", value.Labels[series.LabelPOPName])
	assert.Equal(t, "LHR", value.Labels[query.DimensionPOP])
}

func TestAnEmptyResultKeepsItsMetaOnATimeOnlyFrame(t *testing.T) {
	res := result(t)
	res.Series = nil
	frames := TimeSeries(res, "")
	require.Len(t, frames, 1)
	assert.Len(t, frames[0].Fields, 1)
	assert.Len(t, frames[0].Meta.Notices, 2)
	assert.NotEmpty(t, frames[0].Meta.ExecutedQueryString)
}

func TestAHistogramIsAHeatmapFrameWithTheResultMeta(t *testing.T) {
	m, ok := metrics.LookupInspector(string(query.TypeOrigins), metrics.LatencyHistogram)
	require.True(t, ok)
	buckets := make([][]float64, len(metrics.LatencyBuckets))
	for k := range buckets {
		buckets[k] = []float64{float64(k), 0}
	}
	res := result(t)
	res.Series = []series.Series{{Service: shop, Metric: m, Unit: m.Unit, Buckets: buckets}}
	frame := TimeSeries(res, "{{service_name}} x")[0]
	assert.Equal(t, frameTypeHeatmapRows, frame.Meta.Type)
	assert.Equal(t, "shop latency", frame.Name)
	assert.Len(t, frame.Fields, 1+len(metrics.LatencyBuckets))
	assert.Equal(t, "+Inf", frame.Fields[len(frame.Fields)-1].Name)
	assert.Len(t, frame.Meta.Notices, 2, "the same notices as a timeseries frame")
	assert.Empty(t, frame.Fields[1].Config.DisplayNameFromDS, "a legend does not rename heatmap buckets")
}

func TestWideFrameHoldsEverySeriesWithTheSameNamesAndLegend(t *testing.T) {
	frame := Wide("A", result(t), "{{service_name}}: {{metric}}")
	assert.Equal(t, data.FrameTypeTimeSeriesWide, frame.Meta.Type)
	require.Len(t, frame.Fields, 3)
	assert.Equal(t, "shop: requests", frame.Fields[1].Config.DisplayNameFromDS)
	assert.Equal(t, "shop: hit_ratio", frame.Fields[2].Config.DisplayNameFromDS)
	assert.Len(t, frame.Meta.Notices, 2)
}

func TestTablesShareTheMetaAndRowLinks(t *testing.T) {
	usage := UsageFrame(usage.Table{Name: "usage by service", Calls: []string{"GET /stats/usage_by_service"},
		Notices: series.Infos("no usage"), Rows: []usage.Row{{ServiceID: shop.ID, ServiceName: "shop"}}})
	services := ServicesFrame(nil)
	for _, f := range []*data.Frame{usage, services} {
		assert.Equal(t, data.FrameTypeTable, f.Meta.Type)
		assert.Equal(t, data.VisType(data.VisTypeTable), f.Meta.PreferredVisualization)
		assert.NotEmpty(t, f.Meta.ExecutedQueryString)
	}
	assert.Equal(t, []data.Notice{{Severity: data.NoticeSeverityInfo, Text: "no usage"}}, usage.Meta.Notices)
	name, _ := usage.FieldByName(series.LabelServiceName)
	assert.Equal(t, "https://manage.fastly.com/configure/services/${__data.fields.service_id}", name.Config.Links[0].URL)
	svcName, _ := services.FieldByName(FieldName)
	assert.Equal(t, "https://manage.fastly.com/configure/services/${__data.fields.id}", svcName.Config.Links[0].URL)
}

func TestAnAnswerOfManyCallsListsThemOnItsFirstFrameOnly(t *testing.T) {
	res := result(t)
	res.Calls = nil
	for i := range repeatedCalls + 1 {
		res.Calls = append(res.Calls, fmt.Sprintf("GET /metrics/origins/services/%s?cursor=%d", shop.ID, i))
	}
	frames := TimeSeries(res, "")
	assert.Equal(t, strings.Join(res.Calls, "\n"), frames[0].Meta.ExecutedQueryString)
	assert.Equal(t, "51 Fastly calls, listed on this answer's first frame", frames[1].Meta.ExecutedQueryString)
	res.Calls = res.Calls[:repeatedCalls]
	assert.Equal(t, strings.Join(res.Calls, "\n"), TimeSeries(res, "")[1].Meta.ExecutedQueryString, "up to the bound every frame lists every call")
}
