// Package frames turns query results into Grafana data frames that follow the data-plane contract.
package frames

import (
	"fmt"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Label names on series.
const (
	LabelServiceID   = "service_id"
	LabelServiceName = "service_name"
)

// fastlyServiceURL links a series to its service in the Fastly control panel.
const fastlyServiceURL = "https://manage.fastly.com/configure/services/%s"

// StatsFrames builds timeseries-multi frames: one frame per series, a time field and one number field named by
// the metric, labelled with the service (none for the sum over services).
func StatsFrames(res *stats.Result, serviceCount int) data.Frames {
	frames := make(data.Frames, 0, len(res.Series))
	multiMetric := distinctMetrics(res.Series) > 1
	for _, s := range res.Series {
		frames = append(frames, seriesFrame(res, s, displayName(s, multiMetric, serviceCount)))
	}
	if len(frames) == 0 {
		frames = append(frames, emptyFrame(res))
	}
	return frames
}

func seriesFrame(res *stats.Result, s stats.Series, display string) *data.Frame {
	value := data.NewField(s.Metric.Name, seriesLabels(s), s.Values)
	value.Config = &data.FieldConfig{
		DisplayNameFromDS: display,
		Unit:              s.Unit,
		Description:       s.Metric.Description,
		Links:             serviceLinks(s),
	}
	frame := data.NewFrame(s.Metric.Name, data.NewField("time", nil, res.Times), value)
	frame.Meta = frameMeta(res)
	return frame
}

func frameMeta(res *stats.Result) *data.FrameMeta {
	meta := &data.FrameMeta{
		Type:                data.FrameTypeTimeSeriesMulti,
		TypeVersion:         data.FrameTypeVersion{0, 1},
		ExecutedQueryString: strings.Join(res.Calls, "\n"),
		Custom:              statsCustom(res),
	}
	for _, n := range res.Notices {
		meta.Notices = append(meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: n})
	}
	return meta
}

// emptyFrame carries the meta (calls, notices) when there is no series at all.
func emptyFrame(res *stats.Result) *data.Frame {
	frame := data.NewFrame("", data.NewField("time", nil, res.Times))
	frame.Meta = frameMeta(res)
	return frame
}

func seriesLabels(s stats.Series) data.Labels {
	if s.Service.ID == "" {
		return nil
	}
	return data.Labels{LabelServiceID: s.Service.ID, LabelServiceName: s.Service.Name}
}

func serviceLinks(s stats.Series) []data.DataLink {
	if s.Service.ID == "" {
		return nil
	}
	return []data.DataLink{{Title: "Open " + s.Service.Name + " in Fastly", URL: fmt.Sprintf(fastlyServiceURL, s.Service.ID), TargetBlank: true}}
}

func displayName(s stats.Series, multiMetric bool, serviceCount int) string {
	if s.Service.ID == "" {
		return fmt.Sprintf("%s (sum of %s)", s.Metric.Label, servicesText(serviceCount))
	}
	if multiMetric {
		return s.Service.Name + " " + s.Metric.Label
	}
	return s.Service.Name
}

func servicesText(n int) string {
	if n == 1 {
		return "1 service"
	}
	return fmt.Sprintf("%d services", n)
}

func distinctMetrics(series []stats.Series) int {
	seen := map[string]bool{}
	for _, s := range series {
		seen[s.Metric.Name] = true
	}
	return len(seen)
}
