package simulator

import (
	"math"
	"slices"
	"strings"
)

// logSeriesUnits are the numeric fields a series aggregates, with the factor from the served value to the integer
// the record holds (microseconds, bytes).
var logSeriesUnits = map[string]float64{
	"response_time": microsPerSecond, "response_bytes_body": 1, "response_bytes_header": 1, "response_content_length": 1,
}

// logSeriesOps are the series operators with their percentile (0: not a percentile); there is no count and no sum.
var logSeriesOps = map[string]int64{"avg": 0, "min": 0, "max": 0, "p95": 95, "p99": 99}

// logSeries is one parsed <op>[<field>] series.
type logSeries struct {
	name  string
	op    string
	field *logField
	unit  float64
}

// parseLogSeries reads every series parameter; each must be <op>[<field>].
func parseLogSeries(values []string) ([]logSeries, *badParam) {
	if len(values) == 0 {
		return nil, &badParam{"series", "'series' is required"}
	}
	out := make([]logSeries, 0, len(values))
	for _, v := range values {
		op, rest, ok := strings.Cut(v, "[")
		name, ok2 := strings.CutSuffix(rest, "]")
		_, knownOp := logSeriesOps[op]
		unit, knownField := logSeriesUnits[name]
		if !ok || !ok2 || !knownOp || !knownField {
			return nil, &badParam{"series", "invalid series '" + v + "'"}
		}
		out = append(out, logSeries{name: v, op: op, field: logFieldsByName[name], unit: unit})
	}
	return out, nil
}

// valueHistogram summarises one series field over records with memory bounded by the distinct values (record
// values have 3 significant digits, so at most 900 per decade): count, sum, min, max and a histogram for
// percentiles.
type valueHistogram struct {
	counts   map[int64]int64
	n        int64
	sum      int64
	min, max int64
}

func (h *valueHistogram) add(v int64) {
	if h.counts == nil {
		h.counts, h.min, h.max = map[int64]int64{}, v, v
	}
	h.counts[roundSignificant(v)]++
	h.n++
	h.sum += v
	h.min, h.max = min(h.min, v), max(h.max, v)
}

// percentile is the nearest-rank percentile: the smallest value at or below which percent % of the values lie.
// It is exact for values with 3 significant digits (response_time, bytes_body, bytes_header) and within 0.5 %
// for others (content_length), and never outside [min, max].
func (h *valueHistogram) percentile(percent int64) int64 {
	keys := make([]int64, 0, len(h.counts))
	for k := range h.counts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	rank := (h.n*percent + 99) / 100
	var seen int64
	for _, k := range keys {
		seen += h.counts[k]
		if seen >= rank {
			return min(max(k, h.min), h.max)
		}
	}
	return h.max
}

// value is the op over the histogram, in the served unit.
func (h *valueHistogram) value(op string, unit float64) float64 {
	switch op {
	case "avg":
		return float64(h.sum) / float64(h.n) / unit
	case "min":
		return float64(h.min) / unit
	case "max":
		return float64(h.max) / unit
	}
	return float64(h.percentile(logSeriesOps[op])) / unit
}

// logGroup is one row of an aggregation: its dimension values and a histogram per series field.
type logGroup struct {
	dims   []string
	fields map[string]*valueHistogram
}

// add adds rec's value of each field to the field's histogram.
func (g *logGroup) add(fields []logSeries, rec *logRecord) {
	for _, f := range fields {
		h := g.fields[f.field.name]
		if h == nil {
			h = &valueHistogram{}
			g.fields[f.field.name] = h
		}
		h.add(int64(math.Round(f.field.number(rec) * f.unit)))
	}
}

// values are the series of the group, keyed by series name.
func (g *logGroup) values(series []logSeries) map[string]float64 {
	out := make(map[string]float64, len(series))
	for _, s := range series {
		out[s.name] = g.fields[s.field.name].value(s.op, s.unit)
	}
	return out
}

// logGrouper collects records into groups by dimension values.
type logGrouper struct {
	dims   []*logField
	fields []logSeries // one series per distinct field
	groups map[string]*logGroup
	order  []*logGroup
	values []string // scratch: the dimension values of the record being added
	key    []byte   // scratch: values joined
}

func newLogGrouper(dims []*logField, series []logSeries) *logGrouper {
	g := &logGrouper{dims: dims, groups: map[string]*logGroup{}}
	for _, s := range series {
		if !slices.ContainsFunc(g.fields, func(f logSeries) bool { return f.field == s.field }) {
			g.fields = append(g.fields, s)
		}
	}
	return g
}

// add puts rec in its group; prefix values (the time bucket) come before the dimensions.
func (g *logGrouper) add(s *Simulator, rec *logRecord, prefix ...string) {
	g.values = append(g.values[:0], prefix...)
	for _, d := range g.dims {
		g.values = append(g.values, d.value(s, rec))
	}
	g.key = g.key[:0]
	for _, v := range g.values {
		g.key = append(append(g.key, v...), 0)
	}
	group := g.groups[string(g.key)]
	if group == nil {
		group = &logGroup{dims: slices.Clone(g.values), fields: map[string]*valueHistogram{}}
		g.groups[string(g.key)] = group
		g.order = append(g.order, group)
	}
	group.add(g.fields, rec)
}
