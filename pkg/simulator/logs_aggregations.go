package simulator

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Aggregation limits: Fastly's echo documents a default of 20; it publishes no maximum, the simulator takes 1,000.
const (
	logAggregationsDefaultLimit = 20
	logAggregationsMaxLimit     = 1000
)

// logMaxSecondBuckets is the most second buckets a log time series may span; more fail upstream with a 500.
const logMaxSecondBuckets = 300

// logGranularities are the time series bucket widths in seconds.
var logGranularities = map[string]int64{
	"second": 1, "minute": secondsPerMinute, "hour": secondsPerHour, "day": secondsPerDay,
}

// logSortKey is one sort item: a series, descending when written with a - prefix.
type logSortKey struct {
	series string
	desc   bool
}

// logAggregation is a parsed aggregations or timeseries request.
type logAggregation struct {
	logRequest
	series []logSeries
	dims   []*logField
	limit  int
	sort   []logSortKey
}

// serveLogAggregations answers GET /observability/aggregations: series per group of dimension values over the
// window's records, values as a list of one object, sorted (default: the first series, descending) and limited.
func (s *Simulator) serveLogAggregations(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	q, ok := s.parseLogAggregation(w, params, "start", "end")
	if !ok {
		return
	}
	var bad *badParam
	if q.limit, bad = parseLimit(params, logAggregationsDefaultLimit, logAggregationsMaxLimit); bad == nil {
		q.sort, bad = parseLogSort(params.Get("sort"), q.series)
	}
	if bad != nil {
		writeBadParam(w, *bad)
		return
	}
	meta := map[string]any{
		"service_id": s.services[q.service].ID, "start": formatTime(q.start), "end": formatTime(q.end),
		"limit": q.limit, "sort": params.Get("sort"), "filters": map[string]any{"filter_fields": echoFilters(q.filters)},
	}
	if !s.logsServed(&q.logRequest) {
		writeJSON(w, http.StatusOK, map[string]any{"data": nil, "meta": meta})
		return
	}
	g := newLogGrouper(q.dims, q.series)
	s.eachLogRecord(&q.logRequest, logPosition{}, func(rec *logRecord, _ logPosition) bool {
		g.add(s, rec)
		return true
	})
	values := make(map[*logGroup]map[string]float64, len(g.order))
	for _, group := range g.order {
		values[group] = group.values(q.series)
	}
	groups := q.sorted(g.order, values)
	rows := make([]map[string]any, 0, min(len(groups), q.limit))
	for _, group := range groups[:min(len(groups), q.limit)] {
		rows = append(rows, q.row(group, values[group], nil))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": rows, "meta": meta})
}

// serveLogTimeseries answers GET /observability/timeseries?source=logs: series per time bucket (and dimension
// values), oldest first, buckets without records left out; dimensions always hold "time".
func (s *Simulator) serveLogTimeseries(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	q, ok := s.parseLogAggregation(w, params, "from", "to")
	if !ok {
		return
	}
	step, known := logGranularities[params.Get("granularity")]
	if !known {
		writeBadParam(w, badParam{"granularity", "granularity must be one of second, minute, hour, day"})
		return
	}
	first := floorTo(q.start.Unix(), step)
	if buckets := (q.end.Unix() - first + step - 1) / step; step == 1 && buckets > logMaxSecondBuckets {
		writeUpstreamFailure(w, "the query spans "+strconv.FormatInt(buckets, 10)+" second buckets")
		return
	}
	meta := map[string]any{"from": formatTime(q.start), "to": formatTime(q.end), "granularity": params.Get("granularity")}
	if limit := params.Get("limit"); limit != "" {
		meta["limit"] = limit
	}
	if !s.logsServed(&q.logRequest) {
		writeJSON(w, http.StatusOK, map[string]any{"data": nil, "meta": meta})
		return
	}
	g := newLogGrouper(q.dims, q.series)
	bucket, label := int64(-1), ""
	s.eachLogRecord(&q.logRequest, logPosition{}, func(rec *logRecord, _ logPosition) bool {
		if start := floorTo(rec.ms/1000, step); start != bucket {
			bucket, label = start, formatTime(time.Unix(start, 0))
		}
		g.add(s, rec, label)
		return true
	})
	slices.SortFunc(g.order, func(a, b *logGroup) int { return slices.Compare(a.dims, b.dims) })
	rows := make([]map[string]any, 0, len(g.order))
	for _, group := range g.order {
		rows = append(rows, q.row(group, group.values(q.series), []string{"time"}))
	}
	writeJSON(w, http.StatusOK, map[string]any{"data": rows, "meta": meta})
}

// parseLogAggregation reads what aggregations and timeseries share: source=logs, the window, filters, series and
// dimensions; it answers 400 itself, and 500 for a dimension the live API cannot group by.
func (s *Simulator) parseLogAggregation(w http.ResponseWriter, params url.Values, startKey, endKey string) (logAggregation, bool) {
	var q logAggregation
	if source := params.Get("source"); source != "logs" {
		writeBadParam(w, badParam{"source", "source must be 'logs', not '" + source + "'"})
		return q, false
	}
	var ok bool
	if q.logRequest, ok = s.parseLogRequest(w, params, startKey, endKey); !ok {
		return q, false
	}
	var bad *badParam
	if q.series, bad = parseLogSeries(params["series"]); bad != nil {
		writeBadParam(w, *bad)
		return q, false
	}
	for _, name := range strings.Split(params.Get("dimensions"), ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		field, known := logFieldsByName[name]
		if !known || !field.groupable {
			writeUpstreamFailure(w, "cannot group by '"+name+"'")
			return q, false
		}
		q.dims = append(q.dims, field)
	}
	return q, true
}

// parseLogSort reads the comma-separated sort; every name must be one of the series.
func parseLogSort(value string, series []logSeries) ([]logSortKey, *badParam) {
	if value == "" {
		return []logSortKey{{series: series[0].name, desc: true}}, nil
	}
	var keys []logSortKey
	for _, item := range strings.Split(value, ",") {
		name, desc := strings.CutPrefix(strings.TrimSpace(item), "-")
		if !slices.ContainsFunc(series, func(s logSeries) bool { return s.name == name }) {
			return nil, &badParam{"sort", "unknown sort '" + item + "'"}
		}
		keys = append(keys, logSortKey{series: name, desc: desc})
	}
	return keys, nil
}

// sorted orders groups by the sort keys over their series values, then by dimension values.
func (q *logAggregation) sorted(groups []*logGroup, values map[*logGroup]map[string]float64) []*logGroup {
	slices.SortFunc(groups, func(a, b *logGroup) int {
		for _, key := range q.sort {
			if c := cmp.Compare(values[a][key.series], values[b][key.series]); c != 0 {
				if key.desc {
					return -c
				}
				return c
			}
		}
		return slices.Compare(a.dims, b.dims)
	})
	return groups
}

// row is one group as served: its dimensions (named by prefix, then the requested dimensions) and its series values
// as a list of one object.
func (q *logAggregation) row(g *logGroup, values map[string]float64, prefix []string) map[string]any {
	dims := make(map[string]string, len(g.dims))
	for i, value := range g.dims {
		if i < len(prefix) {
			dims[prefix[i]] = value
		} else {
			dims[q.dims[i-len(prefix)].name] = value
		}
	}
	return map[string]any{"dimensions": dims, "values": []map[string]float64{values}}
}

// logsServed reports whether the logs endpoints answer rows for q: the service has the product and part of the
// window is within retention; otherwise they answer data null.
func (s *Simulator) logsServed(q *logRequest) bool {
	_, _, ok := s.logWindow(q)
	return ok
}
