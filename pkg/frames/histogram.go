package frames

import (
	"math"
	"strconv"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// frameTypeHeatmapRows is Grafana's heatmap frame: a time field and one count field per bucket.
const frameTypeHeatmapRows data.FrameType = "heatmap-rows"

// histogramFrame has a time field and one field per latency bucket, named by the bucket's upper bound in ms
// (+Inf for 60000 ms and more), the layout Grafana's heatmap reads as "le" buckets.
func histogramFrame(res series.Result, s series.Series, meta *data.FrameMeta) *data.Frame {
	fields := data.Fields{timeField(res)}
	for k, b := range bucketBounds() {
		f := data.NewField(b, labels(s), s.Buckets[k])
		f.Config = &data.FieldConfig{Unit: s.Unit, Links: seriesLinks(s)}
		fields = append(fields, f)
	}
	frame := data.NewFrame(displayName(s, false, res.Services)+" latency", fields...)
	frame.Meta = meta
	return frame
}

func bucketBounds() []string {
	out := make([]string, len(metrics.LatencyBuckets))
	for i, b := range metrics.LatencyBuckets {
		if math.IsInf(b.Upper, 1) {
			out[i] = "+Inf"
		} else {
			out[i] = strconv.FormatFloat(b.Upper, 'f', -1, 64)
		}
	}
	return out
}
