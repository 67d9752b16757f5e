package frames

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Field names of the data-plane log-lines frame.
const (
	FieldTimestamp = "timestamp"
	FieldBody      = "body"
	FieldSeverity  = "severity"
	FieldLabels    = "labels"
)

// LogLines builds the data-plane log-lines frame of a logs answer: one line per record, its every field in labels.
func LogLines(res *logs.Records) *data.Frame {
	n := len(res.Records)
	times, bodies, levels, ids := make([]time.Time, n), make([]string, n), make([]string, n), make([]string, n)
	labels := make([]json.RawMessage, n)
	seen := make(map[string]int, n)
	for i, r := range res.Records {
		times[i], bodies[i], levels[i], labels[i] = r.Time.UTC(), logBody(r), logs.Level(r.Status), recordLabels(r)
		ids[i] = recordID(r, seen)
	}
	frame := data.NewFrame("logs",
		data.NewField(FieldTimestamp, nil, times), data.NewField(FieldBody, nil, bodies),
		data.NewField(FieldSeverity, nil, levels), data.NewField(FieldID, nil, ids), data.NewField(FieldLabels, nil, labels))
	frame.Meta = tableMeta(data.FrameTypeLogLines, res.Calls, res.Notices)
	frame.Meta.TypeVersion = data.FrameTypeVersion{0, 0}
	frame.Meta.PreferredVisualization = data.VisTypeLogs
	return frame
}

// logBody is one readable line: method, status, cache state, host and path, response time, POP.
func logBody(r fastlyapi.LogRecord) string {
	parts := make([]string, 0, 6)
	for _, p := range []string{r.Method, statusText(r.Status), r.CacheState, r.Host + r.Path, responseTimeText(r), r.Pop} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// responseTimeText is the response time in seconds, or nothing when the record has none.
func responseTimeText(r fastlyapi.LogRecord) string {
	if !r.HasResponseTime {
		return ""
	}
	return strconv.FormatFloat(r.ResponseTime, 'f', 3, 64) + "s"
}

func statusText(status int) string {
	if status == 0 {
		return ""
	}
	return strconv.Itoa(status)
}

// recordLabels is the record's JSON object as Fastly sent it; a record without one has no labels.
func recordLabels(r fastlyapi.LogRecord) json.RawMessage {
	if len(r.Raw) == 0 {
		return json.RawMessage("{}")
	}
	return json.RawMessage(r.Raw)
}

// recordID is a hash of the record's JSON, stable across refreshes; identical records get a suffix.
func recordID(r fastlyapi.LogRecord, seen map[string]int) string {
	h := fnv.New64a()
	_, _ = h.Write(r.Raw)
	id := fmt.Sprintf("%016x", h.Sum64())
	seen[id]++
	if k := seen[id]; k > 1 {
		id += "-" + strconv.Itoa(k)
	}
	return id
}

// LogMetricsTable builds the logMetrics table: the group-by column, then one column per metric, nulls where
// Fastly sent no value.
func LogMetricsTable(t *logs.MetricsTable) *data.Frame {
	var fields []*data.Field
	if t.GroupBy != "" {
		groups := make([]string, len(t.Rows))
		for i, r := range t.Rows {
			groups[i] = r.Dimensions[t.GroupBy]
		}
		f := data.NewField(t.GroupBy, nil, groups)
		if lf, ok := query.LookupLogField(t.GroupBy); ok {
			f.Config = &data.FieldConfig{DisplayNameFromDS: lf.Label}
		}
		fields = append(fields, f)
	}
	for _, m := range t.Metrics {
		wire := m.Wire()
		values := make([]*float64, len(t.Rows))
		for i, r := range t.Rows {
			if v, ok := r.Values[wire]; ok {
				values[i] = &v
			}
		}
		f := data.NewField(m.Name, nil, values)
		f.Config = &data.FieldConfig{DisplayNameFromDS: m.Label(), Unit: m.Field.Unit}
		fields = append(fields, f)
	}
	frame := data.NewFrame("logMetrics", fields...)
	frame.Meta = tableMeta(data.FrameTypeTable, t.Calls, t.Notices)
	return frame
}

// LogVolume builds the log volume series: one timeseries-multi frame per level, labelled level.
func LogVolume(res *series.Result) data.Frames { return TimeSeries(*res, "") }
