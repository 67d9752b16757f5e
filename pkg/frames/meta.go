package frames

import (
	"fmt"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// CustomMeta is the Meta.Custom of frames whose tail was filled from real-time data.
type CustomMeta struct {
	// ProvisionalFrom is the Unix second of the first provisional point; later points are provisional too.
	ProvisionalFrom int64 `json:"provisionalFrom"`
}

// answerMeta makes the meta every frame of a result carries: its type, the calls made, the notices and, when part
// of it is provisional, where that part starts. Calls and notices are converted once per answer.
type answerMeta struct {
	calls      string // every call, one per line
	laterCalls string // what frames after the first list: every call, or where they are
	notices    []data.Notice
	custom     *CustomMeta
}

func newAnswerMeta(res series.Result) answerMeta {
	m := answerMeta{calls: strings.Join(res.Calls, "\n"), notices: frameNotices(res.Notices)}
	m.laterCalls = m.calls
	if len(res.Calls) > repeatedCalls {
		m.laterCalls = fmt.Sprintf("%d Fastly calls, listed on this answer's first frame", len(res.Calls))
	}
	if !res.ProvisionalFrom.IsZero() {
		m.custom = &CustomMeta{ProvisionalFrom: res.ProvisionalFrom.Unix()}
	}
	return m
}

// frame is the meta of one frame of type t; first tells whether it is the answer's first.
func (m answerMeta) frame(t data.FrameType, first bool) *data.FrameMeta {
	calls := m.laterCalls
	if first {
		calls = m.calls
	}
	meta := typedMeta(t, calls, m.notices)
	if m.custom != nil {
		meta.Custom = m.custom
	}
	return meta
}

// tableMeta is the meta of a frame of type t (none for annotations) built from calls, with notices.
func tableMeta(t data.FrameType, calls []string, notices []series.Notice) *data.FrameMeta {
	return typedMeta(t, strings.Join(calls, "\n"), frameNotices(notices))
}

// typedMeta is the meta of a frame of type t with its calls text and notices.
func typedMeta(t data.FrameType, calls string, notices []data.Notice) *data.FrameMeta {
	meta := &data.FrameMeta{Type: t, ExecutedQueryString: calls, Notices: notices}
	if t != "" && t != frameTypeHeatmapRows { // heatmap-rows has no data-plane version
		meta.TypeVersion = data.FrameTypeVersion{0, 1}
	}
	if t == data.FrameTypeTable {
		meta.PreferredVisualization = data.VisTypeTable
	}
	return meta
}

// repeatedCalls is how many calls every frame of an answer lists; an answer of more (an inspector answer of many
// pages) lists them on its first frame only, so its size grows with calls + frames, not calls × frames.
const repeatedCalls = 50

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
