package frames

import (
	"math"
	"strconv"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/inspector"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// frameTypeHeatmapRows is Grafana's heatmap frame: a time field and one count field per bucket.
const frameTypeHeatmapRows data.FrameType = "heatmap-rows"

// labelOrder is the order grouped dimensions appear in display names.
var labelOrder = []string{query.DimensionHost, query.DimensionDomain, query.DimensionDatacenter, query.DimensionRegion, query.DimensionSource}

// InspectorFrames builds one timeseries-multi frame per series (labels service_id, service_name and the grouped
// dimensions) and, for the latency histogram, one heatmap-rows frame per group.
func InspectorFrames(res *inspector.Result) data.Frames {
	frames := make(data.Frames, 0, len(res.Series))
	multiMetric := distinctInspectorMetrics(res.Series) > 1
	for _, s := range res.Series {
		if s.Buckets != nil {
			frames = append(frames, histogramFrame(res, s))
			continue
		}
		frames = append(frames, inspectorSeriesFrame(res, s, inspectorDisplayName(s, multiMetric)))
	}
	if len(frames) == 0 {
		empty := data.NewFrame("", data.NewField("time", nil, res.Times))
		empty.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
		frames = append(frames, empty)
	}
	addQueryMeta(frames[0].Meta, res)
	return frames
}

func inspectorSeriesFrame(res *inspector.Result, s inspector.Series, display string) *data.Frame {
	value := data.NewField(s.Metric.Name, inspectorLabels(s), s.Values)
	value.Config = &data.FieldConfig{DisplayNameFromDS: display, Unit: s.Unit, Description: s.Metric.Description}
	frame := data.NewFrame(s.Metric.Name, data.NewField("time", nil, res.Times), value)
	frame.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return frame
}

// histogramFrame has a time field and one field per latency bucket, named by the bucket's upper bound in ms
// (+Inf for 60000 ms and more), the layout Grafana's heatmap reads as "le" buckets.
func histogramFrame(res *inspector.Result, s inspector.Series) *data.Frame {
	fields := data.Fields{data.NewField("time", nil, res.Times)}
	labels := inspectorLabels(s)
	for k, b := range bucketBounds() {
		f := data.NewField(b, labels, s.Buckets[k])
		f.Config = &data.FieldConfig{Unit: s.Unit}
		fields = append(fields, f)
	}
	frame := data.NewFrame(inspectorDisplayName(s, false)+" latency", fields...)
	frame.Meta = &data.FrameMeta{Type: frameTypeHeatmapRows}
	return frame
}

func bucketBounds() []string {
	out := make([]string, len(metrics.LatencyBuckets))
	for i, b := range metrics.LatencyBuckets {
		if u := b.Upper; math.IsInf(u, 1) {
			out[i] = "+Inf"
		} else {
			out[i] = strconv.FormatFloat(b.Upper, 'f', -1, 64)
		}
	}
	return out
}

// addQueryMeta puts the query's calls and notices on its first frame.
func addQueryMeta(meta *data.FrameMeta, res *inspector.Result) {
	meta.ExecutedQueryString = strings.Join(res.Calls, "\n")
	for _, n := range res.Notices {
		meta.Notices = append(meta.Notices, data.Notice{Severity: data.NoticeSeverityWarning, Text: n})
	}
}

func inspectorLabels(s inspector.Series) data.Labels {
	labels := data.Labels{LabelServiceID: s.Service.ID, LabelServiceName: s.Service.Name}
	for k, v := range s.Labels {
		labels[k] = v
	}
	return labels
}

func inspectorDisplayName(s inspector.Series, multiMetric bool) string {
	parts := []string{s.Service.Name}
	for _, d := range labelOrder {
		if v, ok := s.Labels[d]; ok {
			parts = append(parts, v)
		}
	}
	if multiMetric {
		parts = append(parts, s.Metric.Label)
	}
	return strings.Join(parts, " ")
}

func distinctInspectorMetrics(series []inspector.Series) int {
	seen := map[string]bool{}
	for _, s := range series {
		seen[s.Metric.Name] = true
	}
	return len(seen)
}
