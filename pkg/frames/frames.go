// Package frames turns query results into Grafana data frames that follow the data-plane contract. Every query
// type's frames get their labels, display names, units, links, notices and meta here, the same way.
package frames

import (
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// TimeSeries builds timeseries-multi frames, one per series (a histogram series gives one heatmap-rows frame),
// each with the result's meta; legend, when set, names the series instead of the default display names.
func TimeSeries(res series.Result, legend string) data.Frames {
	frames := make(data.Frames, 0, len(res.Series))
	meta := newAnswerMeta(res)
	multiMetric := distinctMetrics(res.Series) > 1
	for _, s := range res.Series {
		first := len(frames) == 0
		if s.Buckets != nil {
			frames = append(frames, histogramFrame(res, s, meta.frame(frameTypeHeatmapRows, first)))
			continue
		}
		frame := data.NewFrame(s.Metric.Name, timeField(res), valueField(s, displayName(s, multiMetric, res.Services)))
		frame.Meta = meta.frame(data.FrameTypeTimeSeriesMulti, first)
		frames = append(frames, frame)
	}
	if len(frames) == 0 {
		frame := data.NewFrame("", timeField(res))
		frame.Meta = meta.frame(data.FrameTypeTimeSeriesMulti, true)
		frames = append(frames, frame)
	}
	applyLegend(frames, legend)
	return frames
}

// Wide builds the one timeseries-wide frame of a streamed query: a time field and one field per series.
func Wide(refID string, res series.Result, legend string) *data.Frame {
	frame := data.NewFrame(refID, timeField(res))
	multiMetric := distinctMetrics(res.Series) > 1
	for _, s := range res.Series {
		frame.Fields = append(frame.Fields, valueField(s, displayName(s, multiMetric, res.Services)))
	}
	frame.Meta = newAnswerMeta(res).frame(data.FrameTypeTimeSeriesWide, true)
	applyLegend(data.Frames{frame}, legend)
	return frame
}

func timeField(res series.Result) *data.Field { return data.NewField("time", nil, res.Times) }

// valueField is a series' values, named by its metric, with its labels, unit, description and links.
func valueField(s series.Series, display string) *data.Field {
	f := data.NewField(s.Metric.Name, labels(s), s.Values)
	f.Config = &data.FieldConfig{DisplayNameFromDS: display, Unit: s.Unit, Description: s.Metric.Description, Links: seriesLinks(s)}
	return f
}

func distinctMetrics(list []series.Series) int {
	seen := map[string]bool{}
	for _, s := range list {
		seen[s.Metric.Name] = true
	}
	return len(seen)
}
