package frames

import (
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// CustomMeta is the Meta.Custom of frames whose tail was filled from real-time data.
type CustomMeta struct {
	// ProvisionalFrom is the Unix second of the first provisional point; later points are provisional too.
	ProvisionalFrom int64 `json:"provisionalFrom"`
}

// newMeta is the meta every frame of a result carries: its type, the calls made, the notices and, when part of
// it is provisional, where that part starts.
func newMeta(t data.FrameType, res series.Result) *data.FrameMeta {
	meta := tableMeta(t, res.Calls, res.Notices)
	if !res.ProvisionalFrom.IsZero() {
		meta.Custom = &CustomMeta{ProvisionalFrom: res.ProvisionalFrom.Unix()}
	}
	return meta
}

// tableMeta is the meta of a frame of type t (none for annotations) built from calls, with notices.
func tableMeta(t data.FrameType, calls []string, notices []series.Notice) *data.FrameMeta {
	meta := &data.FrameMeta{Type: t, ExecutedQueryString: strings.Join(calls, "\n"), Notices: frameNotices(notices)}
	if t != "" && t != frameTypeHeatmapRows { // heatmap-rows has no data-plane version
		meta.TypeVersion = data.FrameTypeVersion{0, 1}
	}
	if t == data.FrameTypeTable {
		meta.PreferredVisualization = data.VisTypeTable
	}
	return meta
}

// frameNotices are the notices as Grafana shows them.
func frameNotices(notices []series.Notice) []data.Notice {
	if len(notices) == 0 {
		return nil
	}
	out := make([]data.Notice, len(notices))
	for i, n := range notices {
		out[i] = data.Notice{Severity: data.NoticeSeverityInfo, Text: n.Text}
		if n.Severity == series.Warning {
			out[i].Severity = data.NoticeSeverityWarning
		}
	}
	return out
}
