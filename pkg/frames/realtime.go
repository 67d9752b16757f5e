package frames

import (
	"strconv"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Labels added to real-time series grouped by POP.
const (
	LabelDatacenter = "datacenter"
	LabelPOPName    = "pop_name"
	LabelRegion     = "region"
	LabelLatitude   = "latitude"
	LabelLongitude  = "longitude"
)

// RealtimeFrames builds data-plane timeseries-multi frames, one per series, shaped like stats frames.
func RealtimeFrames(times []time.Time, series []realtime.Series, calls string, notices []data.Notice) data.Frames {
	out := make(data.Frames, 0, len(series))
	for _, s := range series {
		frame := data.NewFrame(s.Metric.Name, data.NewField("time", nil, times), realtimeField(s, len(series) > 1))
		frame.Meta = realtimeMeta(data.FrameTypeTimeSeriesMulti, calls, notices)
		out = append(out, frame)
	}
	if len(out) == 0 {
		frame := data.NewFrame("", data.NewField("time", nil, times))
		frame.Meta = realtimeMeta(data.FrameTypeTimeSeriesMulti, calls, notices)
		out = append(out, frame)
	}
	return out
}

// RealtimeWideFrame builds the one wide frame of a streaming realtime query: a time field and one field per series.
func RealtimeWideFrame(refID string, times []time.Time, series []realtime.Series, notices []data.Notice) *data.Frame {
	frame := data.NewFrame(refID, data.NewField("time", nil, times))
	for _, s := range series {
		frame.Fields = append(frame.Fields, realtimeField(s, true))
	}
	frame.Meta = realtimeMeta(data.FrameTypeTimeSeriesWide, "", notices)
	return frame
}

func realtimeField(s realtime.Series, qualify bool) *data.Field {
	f := data.NewField(s.Metric.Name, realtimeLabels(s), s.Values)
	display := s.ServiceName
	if s.POP != nil {
		display += " " + s.POP.Code
	}
	if qualify {
		display += " " + s.Metric.Label
	}
	f.Config = &data.FieldConfig{DisplayNameFromDS: display, Unit: s.Metric.Unit, Description: s.Metric.Description}
	return f
}

func realtimeLabels(s realtime.Series) data.Labels {
	labels := data.Labels{LabelServiceID: s.ServiceID, LabelServiceName: s.ServiceName}
	if s.POP == nil {
		return labels
	}
	labels[LabelDatacenter] = s.POP.Code
	if s.POP.Known {
		labels[LabelPOPName] = s.POP.Name
		labels[LabelRegion] = s.POP.Region
		labels[LabelLatitude] = strconv.FormatFloat(s.POP.Latitude, 'f', -1, 64)
		labels[LabelLongitude] = strconv.FormatFloat(s.POP.Longitude, 'f', -1, 64)
	}
	return labels
}

func realtimeMeta(t data.FrameType, calls string, notices []data.Notice) *data.FrameMeta {
	return &data.FrameMeta{Type: t, TypeVersion: data.FrameTypeVersion{0, 1}, ExecutedQueryString: calls, Notices: notices}
}
