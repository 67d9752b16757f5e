package frames

import (
	"sort"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Annotations builds the one annotation frame of an answer, named for its kind, with a row per mark sorted by
// time: fields time, timeEnd (alert regions only), title, text, tags (comma-separated, as Grafana splits them) and
// version (deploys only; null when Fastly did not name the version). The meta lists the calls and notices.
func Annotations(res series.Annotations) *data.Frame {
	items := sortedAnnotations(res.Items)
	n := len(items)
	times, titles, texts, tags := make([]time.Time, n), make([]string, n), make([]string, n), make([]string, n)
	for i, a := range items {
		times[i], titles[i], texts[i], tags[i] = a.Time.UTC(), a.Title, a.Text, joinTags(a.Tags)
	}
	fields := []*data.Field{data.NewField("time", nil, times)}
	if res.Kind == series.Alerts {
		fields = append(fields, data.NewField("timeEnd", nil, endTimes(items)))
	}
	fields = append(fields, data.NewField("title", nil, titles), data.NewField("text", nil, texts), data.NewField("tags", nil, tags))
	if res.Kind == series.Deploys {
		fields = append(fields, data.NewField("version", nil, versions(items)))
	}
	frame := data.NewFrame(string(res.Kind), fields...)
	frame.Meta = tableMeta("", res.Calls, res.Notices)
	return frame
}

func sortedAnnotations(items []series.Annotation) []series.Annotation {
	sorted := append([]series.Annotation(nil), items...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		return a.Title < b.Title
	})
	return sorted
}

// joinTags joins tags with commas; a comma inside a tag would split it, so it becomes a space.
func joinTags(tags []string) string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		if t = strings.TrimSpace(strings.ReplaceAll(t, ",", " ")); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, ",")
}

func endTimes(items []series.Annotation) []time.Time {
	out := make([]time.Time, len(items))
	for i, a := range items {
		out[i] = a.End.UTC()
		if a.End.IsZero() {
			out[i] = a.Time.UTC()
		}
	}
	return out
}

func versions(items []series.Annotation) []*int64 {
	out := make([]*int64, len(items))
	for i, a := range items {
		if a.Version > 0 {
			v := int64(a.Version)
			out[i] = &v
		}
	}
	return out
}
