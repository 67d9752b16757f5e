package simulator

import (
	"slices"
	"strconv"
	"strings"
)

// Log Explorer & Insights sampling. Records are a sample of the requests the traffic model counts for historical
// stats: every (service, stats region, minute) of the model yields about requests/logSampleOneIn records, each one
// a request drawn uniformly from that minute's counters, so shares of statuses, cache outcomes and POPs in the
// records estimate the same shares in stats.
const (
	logSampleOneIn      = 1000                     // one request in this many becomes a record
	logRetentionMillis  = 7 * secondsPerDay * 1000 // records are kept 7 days
	logArrivalMillis    = secondsPerMinute * 1000  // records appear a minute after the request
	logRecordStream     = 0x6c6f6773               // keeps the sampling draws apart from the counters'
	logHostBetaShare    = 0.1                      // requests for beta.<service name>, as Domain Inspector names it
	logMissingPageShare = 0.6                      // 404s for a scanner or stale path rather than a page of the site
)

// logRecord is one sampled request; its JSON fields derive from it (logFields).
type logRecord struct {
	ms          int64 // Unix milliseconds
	service     int
	page        *logPage
	beta        bool // request_host is beta.<service name>
	origin      int  // index into the service's origin hosts; -1 when the cache answered
	method      string
	protocol    string
	status      int
	reason      string
	state       string // response_state: HIT, MISS, PASS, ERROR, HIT-SYNTH
	cacheHit    bool
	shield      bool
	completed   bool
	pop         string
	country     *logCountry
	subdivision string
	as          logAS
	prefix      [2]uint8 // the client's /24 is <octet of the AS>.<prefix[0]>.<prefix[1]>.0
	client      *logClient
	rtMicros    int64
	bodyBytes   int64
	headerBytes int64
}

// logSite is what one service's records are made of, prepared once.
type logSite struct {
	name    string
	static  weighted[*logPage] // pages the cache may answer
	dynamic weighted[*logPage] // pages that always go to origin
	origins []string
	enabled bool // the service has the Log Explorer & Insights product
}

// logTables are the choices every service's records share, prepared once.
type logTables struct {
	countries     map[string]weighted[*logCountry] // by stats region
	clients       weighted[*logClient]
	protocols     weighted[string]
	reasons503    weighted[string]
	missingPages  weighted[*logPage]
	popLatency    map[string]float64 // response time factor of a POP
	popsPerRegion [][]string         // by stats region index
}

var logShared = newLogTables()

// weighted picks items by weight.
type weighted[T any] struct {
	items []T
	cum   []float64
}

func (w *weighted[T]) add(item T, weight float64) {
	total := weight
	if n := len(w.cum); n > 0 {
		total += w.cum[n-1]
	}
	w.items = append(w.items, item)
	w.cum = append(w.cum, total)
}

// pick returns the item u (in [0, 1)) falls on.
func (w *weighted[T]) pick(u float64) T {
	target := u * w.cum[len(w.cum)-1]
	i, _ := slices.BinarySearch(w.cum, target)
	if i < len(w.cum) && w.cum[i] == target {
		i++
	}
	return w.items[min(i, len(w.items)-1)]
}

func (w *weighted[T]) empty() bool { return len(w.items) == 0 }

// logsDisabledServices are the services without the Log Explorer & Insights product: the enablement API answers
// 400 "no product on service" and the logs endpoints answer data null.
var logsDisabledServices = map[string]bool{"static.example.com": true, "quiet.example.com": true}

func newLogSite(p *serviceProfile, origins []string) logSite {
	site := logSite{name: p.name, origins: origins, enabled: !logsDisabledServices[p.name]}
	pages := pageCatalogue(p.name)
	for i := range pages {
		if pages[i].dynamic {
			site.dynamic.add(&pages[i], pages[i].weight)
		} else {
			site.static.add(&pages[i], pages[i].weight)
		}
	}
	return site
}

func newLogTables() logTables {
	t := logTables{countries: map[string]weighted[*logCountry]{}, popLatency: map[string]float64{}}
	for i := range missingPages {
		t.missingPages.add(&missingPages[i], missingPages[i].weight)
	}
	for region, list := range countriesByRegion {
		var w weighted[*logCountry]
		for i := range list {
			w.add(&list[i], list[i].weight)
		}
		t.countries[region] = w
	}
	for i := range logClients {
		t.clients.add(&logClients[i], logClients[i].weight)
	}
	for _, proto := range logProtocols {
		t.protocols.add(proto.name, proto.weight)
	}
	for _, r := range reasons503 {
		t.reasons503.add(r.reason, r.weight)
	}
	for _, reg := range statsRegions {
		codes := popsIn(reg.name)
		t.popsPerRegion = append(t.popsPerRegion, codes)
		for _, code := range codes {
			t.popLatency[code] = 0.7 + 0.6*float64(hashString(code)%1000)/1000
		}
	}
	return t
}

// host is the record's request_host.
func (rec *logRecord) host(site *logSite) string {
	if rec.beta {
		return "beta." + site.name
	}
	return site.name
}

// minuteLogRecords returns the records of service in the minute starting at t (Unix seconds), newest first;
// buf is reused.
func (s *Simulator) minuteLogRecords(buf []logRecord, service int, t, now int64) []logRecord {
	buf = buf[:0]
	if t < s.model.profiles[service].trafficStart(now) {
		return buf
	}
	for region := range statsRegions {
		buf = s.sampleRegionMinute(buf, service, region, t)
	}
	slices.SortStableFunc(buf, func(a, b logRecord) int { return int(b.ms - a.ms) })
	return buf
}

// sampleRegionMinute appends the sampled requests of one service in one stats region and minute.
func (s *Simulator) sampleRegionMinute(out []logRecord, service, region int, t int64) []logRecord {
	var c counters
	s.model.addMinute(&c, service, region, t)
	n := c[cRequests] + c[cComputeRequests]
	if n == 0 {
		return out
	}
	p := &s.model.profiles[service]
	r := rng{state: hash3(p.seed^logRecordStream, uint64(region), uint64(t))}
	k := stochasticRound(float64(n)/logSampleOneIn, r.float())
	for range k {
		out = append(out, s.sampleRequest(service, region, t, &c, n, &r))
	}
	return out
}

// sampleRequest draws request j of the n the minute's counters c hold and describes it.
func (s *Simulator) sampleRequest(service, region int, t int64, c *counters, n int64, r *rng) logRecord {
	p, site := &s.model.profiles[service], &s.logSites[service]
	j := int64(r.next() % uint64(n))
	rec := logRecord{ms: t*1000 + int64(r.next()%60000), service: service, origin: -1}
	rec.status = statusOfRequest(p, c, j)
	rec.state = cacheStateOfRequest(p, c, j)
	rec.cacheHit = rec.state == "HIT" || rec.state == "HIT-SYNTH"
	rec.reason = statusReasons[rec.status]
	if rec.status == 503 {
		rec.reason = logShared.reasons503.pick(r.float())
	}
	rec.page = pickPage(site, &rec, r)
	rec.method = pickMethod(rec.page, r)
	rec.beta = r.float() < logHostBetaShare
	if !rec.cacheHit {
		rec.origin = pickOrigin(r)
	}
	codes := logShared.popsPerRegion[region]
	rec.pop = codes[r.next()%uint64(len(codes))]
	rec.shield = rec.state == "MISS" && r.float() < p.shieldRate*0.3
	rec.completed = r.float() < 0.997 && (rec.status < 500 || r.float() < 0.8)
	rec.protocol = logShared.protocols.pick(r.float())
	pickClient(&rec, region, r)
	rec.rtMicros = responseMicros(p, c, &rec, logShared.popLatency[rec.pop], r)
	rec.headerBytes = min(max(perRequest(c[cRespHeaderBytes]+c[cComputeRespHeaderBytes], n)-80+int64(r.next()%160), 150), 999)
	rec.bodyBytes = bodyBytes(p, c, n, &rec, r)
	return rec
}

// statusLayout orders one request's status: request j of a minute falls in the first class whose counts it reaches,
// then on a code by the class's per-code counters (rest: the leftover code, or main for Compute).
var statusLayout = []struct {
	class      counter
	codes      []counter
	numbers    []int
	rest, main int
}{
	{cAllStatus5xx, []counter{cStatus503, cStatus502, cStatus504, cStatus500, cStatus501, cStatus505}, []int{503, 502, 504, 500, 501, 505}, 508, 503},
	{cAllStatus4xx, []counter{cStatus404, cStatus403, cStatus400, cStatus401, cStatus429, cStatus416}, []int{404, 403, 400, 401, 429, 416}, 410, 404},
	{cAllStatus3xx, []counter{cStatus304, cStatus301, cStatus302}, []int{304, 301, 302}, 307, 302},
	{cAllStatus1xx, nil, nil, 101, 101},
	{cAllStatus2xx, []counter{cStatus200, cStatus204, cStatus206}, []int{200, 204, 206}, 201, 200},
}

// statusOfRequest is the status code of request j: 5xx first, so errors line up with the ERROR and fetch outcomes.
func statusOfRequest(p *serviceProfile, c *counters, j int64) int {
	for _, class := range statusLayout {
		if j >= c[class.class] {
			j -= c[class.class]
			continue
		}
		if p.compute {
			return class.main
		}
		for i, code := range class.codes {
			if j < c[code] {
				return class.numbers[i]
			}
			j -= c[code]
		}
		return class.rest
	}
	return 200
}

// cacheStateOfRequest is the response_state of request j: errors, passes, misses, synthetic answers, then hits.
func cacheStateOfRequest(p *serviceProfile, c *counters, j int64) string {
	if p.compute {
		return "PASS"
	}
	for _, o := range []struct {
		count counter
		state string
	}{{cErrors, "ERROR"}, {cPass, "PASS"}, {cMiss, "MISS"}, {cSynth, "HIT-SYNTH"}} {
		if j < c[o.count] {
			return o.state
		}
		j -= c[o.count]
	}
	return "HIT"
}

func pickPage(site *logSite, rec *logRecord, r *rng) *logPage {
	u := r.float()
	switch {
	case rec.status == 404 && r.float() < logMissingPageShare:
		return logShared.missingPages.pick(u)
	case (rec.state == "PASS" || rec.state == "ERROR") && !site.dynamic.empty(), site.static.empty():
		return site.dynamic.pick(u)
	default:
		return site.static.pick(u)
	}
}

func pickMethod(page *logPage, r *rng) string {
	u := r.float()
	switch {
	case page.dynamic && u < 0.25:
		return "POST"
	case !page.dynamic && u < 0.02:
		return "HEAD"
	case u > 0.995:
		return "OPTIONS"
	default:
		return "GET"
	}
}

func pickOrigin(r *rng) int {
	u := r.float()
	for i, w := range nameWeights {
		if u < w {
			return i
		}
		u -= w
	}
	return len(nameWeights) - 1
}

func pickClient(rec *logRecord, region int, r *rng) {
	countries := logShared.countries[statsRegions[region].name]
	rec.country = countries.pick(r.float())
	rec.subdivision = rec.country.regions[r.next()%uint64(len(rec.country.regions))]
	rec.as = rec.country.asns[r.next()%uint64(len(rec.country.asns))]
	rec.prefix = [2]uint8{uint8(r.next() % 16 * 7), uint8(r.next() % 16 * 13)} // 256 prefixes an AS
	rec.client = logShared.clients.pick(r.float())
}

// responseMicros draws the response time around the minute's mean for the request's outcome (hits_time, miss_time,
// pass_time, compute_request_time), slower at distant POPs, rounded to 3 significant digits.
func responseMicros(p *serviceProfile, c *counters, rec *logRecord, popLatency float64, r *rng) int64 {
	var mean, sigma float64
	switch {
	case p.compute:
		mean, sigma = float64(perRequest(c[cComputeRequestMicros], c[cComputeRequests]))*popLatency, 0.6
	case rec.status == 503 && rec.reason == "first byte timeout":
		mean, sigma = 15e6, 0.05
	case rec.state == "ERROR":
		mean, sigma = 4e5*popLatency, 0.6
	case rec.state == "HIT":
		mean, sigma = float64(perRequest(c[cHitsTimeMicros], c[cHits])), 0.5
	case rec.state == "HIT-SYNTH":
		mean, sigma = 40, 0.3
	case rec.state == "PASS":
		mean, sigma = float64(perRequest(c[cPassTimeMicros], c[cPass]))*popLatency, 0.7
	default:
		mean, sigma = float64(perRequest(c[cMissTimeMicros], c[cMiss]))*popLatency, 0.7
	}
	return max(roundSignificant(int64(mean*logNormal(sigma, r))), 1)
}

// bodyBytes draws the body size: the minute's mean body times the page's size, none for bodiless answers.
func bodyBytes(p *serviceProfile, c *counters, n int64, rec *logRecord, r *rng) int64 {
	switch {
	case rec.method == "HEAD" || rec.status == 204 || rec.status == 304 || rec.status == 101:
		return 0
	case rec.status >= 400:
		return roundSignificant(300 + int64(r.next()%1200))
	}
	mean := float64(perRequest(c[cRespBodyBytes]+c[cComputeRespBodyBytes], n))
	return max(roundSignificant(int64(mean*rec.page.size*logNormal(0.4, r))), 1)
}

func perRequest(total, n int64) int64 {
	if n <= 0 {
		return 0
	}
	return total / n
}

// roundSignificant rounds v to 3 significant digits, so percentiles over records are exact histogram bins.
func roundSignificant(v int64) int64 {
	if v < 1000 {
		return v
	}
	scale := int64(1)
	for v/scale >= 1000 {
		scale *= 10
	}
	return (v + scale/2) / scale * scale
}

// ipPrefix is the client's /24.
func (rec *logRecord) ipPrefix() string {
	first := 24 + rec.as.number%190
	var b strings.Builder
	b.Grow(18)
	for i, octet := range []int{first, int(rec.prefix[0]), int(rec.prefix[1])} {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(octet))
	}
	b.WriteString(".0/24")
	return b.String()
}
