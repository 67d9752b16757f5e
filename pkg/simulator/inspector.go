package simulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Inspector products as the enablement path names them, and their metrics collections.
const (
	productOrigins = "origin_inspector"
	productDomains = "domain_inspector"
	productLogs    = "log_explorer_insights"
)

const (
	inspectorDefaultLimit = 100
	inspectorMaxLimit     = 200
)

// inspectorFamilies are the Origin Inspector field prefixes the simulator fills (all_ is their sum).
var inspectorFamilies = []string{"", "waf_", "compute_"}

// latencyShares spreads origin responses over the 12 latency buckets, fastest first.
var latencyShares = []struct {
	field string
	share float64
}{
	{"latency_0_to_1ms", 0.02}, {"latency_1_to_5ms", 0.08}, {"latency_5_to_10ms", 0.10}, {"latency_10_to_50ms", 0.35},
	{"latency_50_to_100ms", 0.20}, {"latency_100_to_250ms", 0.12}, {"latency_250_to_500ms", 0.07},
	{"latency_500_to_1000ms", 0.03}, {"latency_1000_to_5000ms", 0.02}, {"latency_5000_to_10000ms", 0.005},
	{"latency_10000_to_60000ms", 0.004}, {"latency_60000ms", 0.001},
}

// inspectorEnabled tells whether a service has the inspector add-ons: the www and api services do.
func (s *Simulator) inspectorEnabled(service int) bool {
	name := s.services[service].Name
	return strings.HasPrefix(name, "www.") || strings.HasPrefix(name, "api.")
}

// InspectorNames returns the origin hosts (product "origin_inspector") or domains ("domain_inspector") of a service.
func (s *Simulator) InspectorNames(product, serviceID string) []string {
	service, ok := s.byID[serviceID]
	if !ok {
		return nil
	}
	name := s.services[service].Name
	if product == productDomains {
		return []string{name, "beta." + name}
	}
	short := strings.SplitN(name, ".", 2)[0]
	return []string{short + "-primary.origin.example.net", short + "-secondary.origin.example.net", "storage.googleapis.com"}
}

func (s *Simulator) serveEnablement(w http.ResponseWriter, r *http.Request) {
	product, id := r.PathValue("product"), r.PathValue("id")
	service, ok := s.lookupService(w, id)
	if !ok {
		return
	}
	if !s.productEnabled(product, service) {
		writeJSON(w, http.StatusBadRequest, problem{Title: "no product on service", Status: http.StatusBadRequest})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"product": map[string]string{"id": product, "object": "product"},
		"service": map[string]string{"id": id, "object": "service"},
		"_links":  map[string]string{"self": r.URL.Path},
	})
}

// productEnabled tells whether service has product: the inspectors (inspectorEnabled) or Log Explorer & Insights.
func (s *Simulator) productEnabled(product string, service int) bool {
	switch product {
	case productOrigins, productDomains:
		return s.inspectorEnabled(service)
	case productLogs:
		return s.logSites[service].enabled
	}
	return false
}

// problem is the body of the enablement API's 400, byte for byte as Fastly sends it.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Errors any    `json:"errors"`
	Detail string `json:"detail"`
}

// inspectorQuery is a parsed /metrics/{origins|domains}/services/{id} request.
type inspectorQuery struct {
	product    string
	service    int
	start, end int64
	g          granularity
	metrics    []string
	groupBy    []string
	filters    map[string]map[string]bool // dimension → accepted values
	limit      int
	offset     int
	now        int64
}

func (s *Simulator) serveInspectorMetrics(w http.ResponseWriter, r *http.Request) {
	q, ok := s.parseInspectorQuery(w, r)
	if !ok {
		return
	}
	series := s.inspectorSeries(q)
	end := min(q.offset+q.limit, len(series))
	next := ""
	if end < len(series) {
		next = "c" + strconv.Itoa(end)
	}
	page := series[min(q.offset, len(series)):end]
	writeJSON(w, http.StatusOK, map[string]any{"data": page, "meta": inspectorMeta(q, r, next), "status": "success"})
}

func inspectorMeta(q inspectorQuery, r *http.Request, next string) map[string]any {
	params := r.URL.Query()
	filters := map[string]string{}
	for key, name := range map[string]string{"host": "hosts", "domain": "domains", "datacenter": "datacenters", "region": "regions"} {
		if v := params.Get(key); v != "" {
			filters[name] = v
		}
	}
	return map[string]any{
		"start": time.Unix(q.start, 0).UTC().Format(time.RFC3339), "end": time.Unix(q.end, 0).UTC().Format(time.RFC3339),
		"downsample": q.g.name, "metric": strings.Join(q.metrics, ","), "limit": q.limit, "next_cursor": next,
		"sort": strings.Join(q.groupBy, ","), "group_by": strings.Join(q.groupBy, ","), "filters": filters,
	}
}

func (s *Simulator) parseInspectorQuery(w http.ResponseWriter, r *http.Request) (inspectorQuery, bool) {
	q := inspectorQuery{product: productOrigins, now: s.now().Unix(), filters: map[string]map[string]bool{}}
	if r.PathValue("collection") == "domains" {
		q.product = productDomains
	} else if r.PathValue("collection") != "origins" {
		serveUnknownPath(w, r)
		return q, false
	}
	service, ok := s.lookupService(w, r.PathValue("id"))
	if !ok {
		return q, false
	}
	q.service = service
	params := r.URL.Query()
	return q, q.parseParams(w, params.Get, s.dimensionKey(q.product))
}

func (s *Simulator) dimensionKey(product string) string {
	if product == productDomains {
		return "domain"
	}
	return "host"
}

func (q *inspectorQuery) parseParams(w http.ResponseWriter, get func(string) string, nameKey string) bool {
	var ok bool
	if q.start, ok = parseUnix(get("start")); !ok {
		writeStatsError(w, "failed to parse 'start' time")
		return false
	}
	if q.end, ok = parseUnix(get("end")); !ok {
		writeStatsError(w, "failed to parse 'end' time")
		return false
	}
	if q.g, ok = granularities[orDefault(get("downsample"), "hour")]; !ok {
		writeStatsError(w, "invalid downsample: use minute, hour or day")
		return false
	}
	q.metrics = splitParam(orDefault(get("metric"), map[string]string{"host": "responses", "domain": "edge_requests"}[nameKey]))
	q.groupBy = splitParam(get("group_by"))
	for _, d := range q.groupBy {
		if d != nameKey && d != "datacenter" && d != "region" {
			writeStatsError(w, "invalid group_by: "+d)
			return false
		}
	}
	for _, key := range []string{nameKey, "datacenter", "region"} {
		if values := splitParam(get(key)); len(values) > 0 {
			q.filters[key] = toSet(values)
		}
	}
	q.limit = min(positiveInt(get("limit"), inspectorDefaultLimit), inspectorMaxLimit)
	q.offset, _ = strconv.Atoi(strings.TrimPrefix(get("cursor"), "c"))
	return true
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func splitParam(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func toSet(values []string) map[string]bool {
	set := map[string]bool{}
	for _, v := range values {
		set[v] = true
	}
	return set
}

// inspectorSeriesJSON is one series of the answer: sparse records keyed by metric, plus "timestamp".
type inspectorSeriesJSON struct {
	Dimensions map[string]string  `json:"dimensions"`
	Values     []map[string]int64 `json:"values"`
}

// inspectorCell is one origin host or domain at one POP: the finest level the simulator models.
type inspectorCell struct {
	name, pop int
}

// inspectorSeries aggregates the matching cells of every published bucket into the grouped series, sorted by
// dimension values, without zero keys, records or series (the API is sparse).
func (s *Simulator) inspectorSeries(q inspectorQuery) []inspectorSeriesJSON {
	names := s.InspectorNames(q.product, s.services[q.service].ID)
	byKey := map[string]*inspectorSeriesJSON{}
	var keys []string
	end := min(q.end, q.g.frontier(q.now))
	cells := s.inspectorCells(q, names)
	positions := inspectorFields[q.product].positions(q.metrics)
	for t := q.g.firstBucket(q.start); t < end; t += q.g.step {
		records := map[string]map[string]int64{}
		bucket := s.bucketCells(q.product, q.service, q.g, t, cells)
		for _, cell := range cells {
			dims := q.dimensions(names[cell.name], cell.pop)
			key := dimensionKeyString(dims)
			rec := records[key]
			if rec == nil {
				rec = map[string]int64{}
				records[key] = rec
				if byKey[key] == nil {
					byKey[key] = &inspectorSeriesJSON{Dimensions: dims}
					keys = append(keys, key)
				}
			}
			values := cellAt(bucket, cell)
			for i, m := range q.metrics {
				rec[m] += cellVector(values, positions[i])
			}
		}
		for key, rec := range records {
			if sparse := dropZeros(rec); len(sparse) > 0 {
				sparse["timestamp"] = t
				byKey[key].Values = append(byKey[key].Values, sparse)
			}
		}
	}
	sort.Strings(keys)
	out := []inspectorSeriesJSON{}
	for _, k := range keys {
		if len(byKey[k].Values) > 0 {
			out = append(out, *byKey[k])
		}
	}
	return out
}

func (s *Simulator) inspectorCells(q inspectorQuery, names []string) []inspectorCell {
	nameKey := s.dimensionKey(q.product)
	var cells []inspectorCell
	for i, n := range names {
		if f := q.filters[nameKey]; f != nil && !f[n] {
			continue
		}
		for p, pop := range pops {
			if f := q.filters["datacenter"]; f != nil && !f[pop.Code] {
				continue
			}
			if f := q.filters["region"]; f != nil && !f[pop.StatsRegion] {
				continue
			}
			cells = append(cells, inspectorCell{name: i, pop: p})
		}
	}
	return cells
}

func (q inspectorQuery) dimensions(name string, pop int) map[string]string {
	dims := map[string]string{}
	for _, d := range q.groupBy {
		switch d {
		case "datacenter":
			dims[d] = pops[pop].Code
		case "region":
			dims[d] = pops[pop].StatsRegion
		default:
			dims[d] = name
		}
	}
	return dims
}

func dimensionKeyString(dims map[string]string) string {
	parts := make([]string, 0, len(dims))
	for _, d := range []string{"host", "domain", "datacenter", "region"} {
		if v, ok := dims[d]; ok {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "\x00")
}

func dropZeros(rec map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, v := range rec {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// InspectorValue is the ground truth of one metric of one bucket (by "minute"|"hour"|"day"), summed over the
// cells whose dimensions ("host"|"domain", "datacenter", "region") match dims; 0 when unpublished or unknown.
func (s *Simulator) InspectorValue(product, serviceID, metric, by string, start time.Time, dims map[string]string) float64 {
	service, ok := s.byID[serviceID]
	g, okBy := granularities[by]
	if !ok || !okBy || start.Unix() >= g.frontier(s.now().Unix()) {
		return 0
	}
	q := inspectorQuery{product: product, service: service, filters: map[string]map[string]bool{}}
	for k, v := range dims {
		q.filters[k] = map[string]bool{v: true}
	}
	cells := s.inspectorCells(q, s.InspectorNames(product, serviceID))
	bucket := s.bucketCells(product, service, g, start.Unix(), cells)
	pos := inspectorFields[product].positions([]string{metric})[0]
	total := int64(0)
	for _, cell := range cells {
		total += cellVector(cellAt(bucket, cell), pos)
	}
	return float64(total)
}
