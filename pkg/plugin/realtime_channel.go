package plugin

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/live"
)

// maxChannelLength is Grafana Live's limit on a whole channel ("ds/<uid>/<path>").
const maxChannelLength = 160

// realtimePathPrefix versions the self-describing live path:
// rt/v1/<n|d>/<services>/<metrics>/<pops or ->[/l=<legend format, escaped>].
const realtimePathPrefix = "rt/v1/"

// legendSegmentPrefix starts the optional path segment that carries the query's legendFormat.
const legendSegmentPrefix = "l="

var groupByCode = map[string]string{query.GroupByNone: "n", query.GroupByPOP: "d"}

// realtimeChannel is the live channel that streams q, or "" when the query does not fit Grafana's limit.
func realtimeChannel(uid string, q query.Realtime) string {
	pops := strings.Join(q.POPs, ".")
	if pops == "" {
		pops = "-"
	}
	path := realtimePathPrefix + groupByCode[q.GroupBy] + "/" + strings.Join(q.Services, ".") + "/" +
		strings.Join(q.Metrics, ".") + "/" + pops
	if q.LegendFormat != "" {
		path += "/" + legendSegmentPrefix + escapeLegend(q.LegendFormat)
	}
	ch := live.Channel{Scope: live.ScopeDatasource, Namespace: uid, Path: path}.String()
	if len(ch) > maxChannelLength {
		return ""
	}
	return ch
}

// parseRealtimePath reads a live path back into the query it streams, validating it like a query.
func parseRealtimePath(path string) (query.Realtime, error) {
	rest, ok := strings.CutPrefix(path, realtimePathPrefix)
	parts := strings.Split(rest, "/")
	legend := ""
	if ok && len(parts) == 5 {
		var err error
		if legend, err = unescapeLegend(parts[4]); err != nil {
			return query.Realtime{}, &query.InvalidError{Msg: fmt.Sprintf("bad legend in live path %q", path)}
		}
		parts = parts[:4]
	}
	if !ok || len(parts) != 4 {
		return query.Realtime{}, &query.InvalidError{Msg: fmt.Sprintf("unknown live path %q", path)}
	}
	q := query.Realtime{Services: strings.Split(parts[1], "."), Metrics: strings.Split(parts[2], "."), LegendFormat: legend}
	for name, code := range groupByCode {
		if code == parts[0] {
			q.GroupBy = name
		}
	}
	if q.GroupBy == "" {
		return q, &query.InvalidError{Msg: fmt.Sprintf("unknown grouping in live path %q", path)}
	}
	if parts[3] != "-" {
		q.POPs = strings.Split(parts[3], ".")
	}
	raw, err := json.Marshal(q)
	if err != nil {
		return q, err
	}
	return query.ParseRealtime(raw)
}

// escapeLegend writes a legend format in the characters a live path allows: letters, digits, _ and - as they
// are, every other byte as =XX (hex).
func escapeLegend(format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if c := format[i]; isLegendPlain(c) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	return b.String()
}

// unescapeLegend reads a legend path segment written by escapeLegend.
func unescapeLegend(segment string) (string, error) {
	text, ok := strings.CutPrefix(segment, legendSegmentPrefix)
	if !ok || text == "" {
		return "", fmt.Errorf("not a legend segment")
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case isLegendPlain(c):
			b.WriteByte(c)
		case c == '=' && i+2 < len(text):
			v, err := strconv.ParseUint(text[i+1:i+3], 16, 8)
			if err != nil {
				return "", err
			}
			b.WriteByte(byte(v))
			i += 2
		default:
			return "", fmt.Errorf("byte %q at %d", c, i)
		}
	}
	return b.String(), nil
}

func isLegendPlain(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}
