package frames

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fieldNames(f *data.Frame) []string {
	var names []string
	for _, field := range f.Fields {
		names = append(names, field.Name)
	}
	return names
}

func TestDeployAnnotationsSortedWithVersions(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	f := Annotations(series.Annotations{Kind: series.Deploys, Calls: []string{"GET /events?x", "GET /events?y"},
		Notices: []series.Notice{series.Warn("capped")},
		Items: []series.Annotation{
			{Time: t0.Add(time.Minute), Title: "b v2 activated", Text: "t2", Tags: []string{"b", "id2"}, Version: 2},
			{Time: t0, Title: "a: a version was activated", Text: "t1", Tags: []string{"a, with comma", "id1"}},
		}})
	assert.Equal(t, "deploys", f.Name)
	require.Equal(t, []string{"time", "title", "text", "tags", "version"}, fieldNames(f))
	require.Equal(t, 2, f.Rows())
	assert.Equal(t, t0.UTC(), f.Fields[0].At(0))
	assert.Equal(t, time.UTC, f.Fields[0].At(0).(time.Time).Location())
	assert.Equal(t, "a: a version was activated", f.Fields[1].At(0))
	assert.Equal(t, "a  with comma,id1", f.Fields[3].At(0), "a comma in a tag does not split it")
	assert.Nil(t, f.Fields[4].At(0), "an unnamed version is null")
	assert.Equal(t, int64(2), *f.Fields[4].At(1).(*int64))
	assert.Equal(t, "GET /events?x\nGET /events?y", f.Meta.ExecutedQueryString)
	require.Len(t, f.Meta.Notices, 1)
	assert.Equal(t, data.NoticeSeverityWarning, f.Meta.Notices[0].Severity)
}

func TestAlertAnnotationsAreRegions(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	f := Annotations(series.Annotations{Kind: series.Alerts, Items: []series.Annotation{
		{Time: t0, End: t0.Add(time.Hour), Title: "5xx", Text: "status_5xx", Tags: []string{"active", "www"}},
	}})
	assert.Equal(t, "alerts", f.Name)
	require.Equal(t, []string{"time", "timeEnd", "title", "text", "tags"}, fieldNames(f))
	assert.Equal(t, t0.Add(time.Hour), f.Fields[1].At(0))
	assert.Equal(t, "active,www", f.Fields[4].At(0))
}

func TestEmptyEventAnnotationsKeepTheirFields(t *testing.T) {
	f := Annotations(series.Annotations{Kind: series.Events})
	assert.Equal(t, "events", f.Name)
	assert.Equal(t, []string{"time", "title", "text", "tags"}, fieldNames(f))
	assert.Equal(t, 0, f.Rows())
}
