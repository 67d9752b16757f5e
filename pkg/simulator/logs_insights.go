package simulator

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Insights limits, as the live API has them.
const (
	insightsDefaultLimit = 10
	insightsMaxLimit     = 100
	insightsNestedRows   = 10 // URLs listed under each status code or 503 reason
)

// insightsTally counts the records of one dimension value (or of all records).
type insightsTally struct {
	requests, hits, misses, s4xx, s5xx, s503 int64
	bytes                                    int64
	times                                    valueHistogram // response time in microseconds; filled when needed
	nested                                   map[string]*insightsTally
}

func (t *insightsTally) add(rec *logRecord, withTimes bool) {
	t.requests++
	t.bytes += rec.bodyBytes + rec.headerBytes
	if rec.cacheHit {
		t.hits++
	}
	if rec.state == "MISS" {
		t.misses++
	}
	switch {
	case rec.status == 503:
		t.s503++
		t.s5xx++
	case rec.status >= 500:
		t.s5xx++
	case rec.status >= 400:
		t.s4xx++
	}
	if withTimes {
		t.times.add(rec.rtMicros)
	}
}

func (t *insightsTally) child(key string) *insightsTally {
	if t.nested == nil {
		t.nested = map[string]*insightsTally{}
	}
	c := t.nested[key]
	if c == nil {
		c = &insightsTally{}
		t.nested[key] = c
	}
	return c
}

// insightsView is every tally one visualization reads: all records, per URL, and per dimension value.
type insightsView struct {
	total  insightsTally
	byPath map[string]*insightsTally
	byKey  map[string]*insightsTally
}

// insightsScope is the POP and domain restriction of an insights request.
type insightsScope struct {
	pops        map[string]bool
	domain      string
	domainExact bool
}

func (sc *insightsScope) includes(s *Simulator, rec *logRecord) bool {
	if len(sc.pops) > 0 && !sc.pops[rec.pop] {
		return false
	}
	if sc.domain == "" {
		return true
	}
	host := rec.host(&s.logSites[rec.service])
	return host == sc.domain || !sc.domainExact && strings.HasSuffix(host, sc.domain)
}

// serveLogInsights answers GET /observability/log-insights: one ranked list computed from the window's records.
func (s *Simulator) serveLogInsights(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	q, ok := s.parseLogRequest(w, params, "start", "end")
	if !ok {
		return
	}
	name := params.Get("visualization")
	if name == "" {
		writeBadParam(w, badParam{"visualization", "'visualization' is required"})
		return
	}
	scope, limit, bad := parseInsightsScope(params)
	if bad != nil {
		writeBadParam(w, *bad)
		return
	}
	vis, known := insightsVisualizations[name]
	if !known {
		writeUpstreamFailure(w, "visualization '"+name+"' failed")
		return
	}
	meta := map[string]any{"filters": s.insightsMeta(&q, scope, limit)}
	if !s.logsServed(&q) {
		writeJSON(w, http.StatusOK, map[string]any{"data": nil, "meta": meta})
		return
	}
	view := s.insightsView(&q, scope, &vis)
	writeJSON(w, http.StatusOK, map[string]any{"data": view.rows(&vis, limit), "meta": meta})
}

func parseInsightsScope(params url.Values) (insightsScope, int, *badParam) {
	scope := insightsScope{domain: params.Get("domain"), domainExact: true}
	if v := params.Get("domain_exact_match"); v != "" {
		exact, err := strconv.ParseBool(v)
		if err != nil {
			return scope, 0, &badParam{"domain_exact_match", "'" + v + "' is not a boolean"}
		}
		scope.domainExact = exact
	}
	for _, code := range strings.Split(params.Get("pops"), ",") {
		if code = strings.TrimSpace(code); code != "" {
			if scope.pops == nil {
				scope.pops = map[string]bool{}
			}
			scope.pops[code] = true
		}
	}
	limit, bad := parseLimit(params, insightsDefaultLimit, insightsMaxLimit)
	return scope, limit, bad
}

func (s *Simulator) insightsMeta(q *logRequest, scope insightsScope, limit int) map[string]any {
	filters := map[string]any{
		"service_id": s.services[q.service].ID, "start": formatTime(q.start), "end": formatTime(q.end),
		"domain_exact_match": scope.domainExact, "limit": limit,
	}
	if scope.domain != "" {
		filters["domain"] = scope.domain
	}
	if len(scope.pops) > 0 {
		codes := make([]string, 0, len(scope.pops))
		for code := range scope.pops {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		filters["pops"] = codes
	}
	return filters
}

// insightsView tallies the window's records in scope for vis.
func (s *Simulator) insightsView(q *logRequest, scope insightsScope, vis *insightsVisualization) *insightsView {
	v := &insightsView{byPath: map[string]*insightsTally{}, byKey: map[string]*insightsTally{}}
	s.eachLogRecord(q, logPosition{}, func(rec *logRecord, _ logPosition) bool {
		if !scope.includes(s, rec) {
			return true
		}
		v.total.add(rec, vis.times)
		page := v.byPath[rec.page.path]
		if page == nil {
			page = &insightsTally{}
			v.byPath[rec.page.path] = page
		}
		page.add(rec, false)
		if vis.only != nil && !vis.only(rec) {
			return true
		}
		key := vis.key(s, rec)
		t := v.byKey[key]
		if t == nil {
			t = &insightsTally{}
			v.byKey[key] = t
		}
		t.add(rec, vis.times)
		if vis.nested != nil {
			t.child(vis.nested(s, rec)).add(rec, false)
		}
		return true
	})
	return v
}

// rows are the visualization's ranked rows, at most limit unless it ignores limit.
func (v *insightsView) rows(vis *insightsVisualization, limit int) []map[string]any {
	out := []map[string]any{}
	for _, key := range rankedKeys(v.byKey, vis.rank) {
		t := v.byKey[key]
		if vis.keep != nil && !vis.keep(t) {
			continue
		}
		if len(out) == limit && !vis.allRows {
			break
		}
		row := map[string]any{"dimensions": map[string]string{vis.dimension: key}}
		if vis.attrs != nil {
			row["dimension_attributes"] = vis.attrs(v, t)
		}
		if vis.values != nil {
			row["values"] = vis.values(v, t)
		}
		out = append(out, row)
	}
	return out
}
