package simulator

import (
	"fmt"
	"math"
	"sync"
)

const (
	secondsPerMinute = 60
	secondsPerHour   = 3600
	secondsPerDay    = 86400
	minutesPerDay    = 1440
)

// statsRegion is one historical stats region with its share of traffic and its local time offset.
type statsRegion struct {
	name          string
	weight        float64
	offsetMinutes int64
}

// statsRegions is sorted by name, the order /stats/regions serves.
var statsRegions = []statsRegion{
	{"africa_std", 0.02, 120},
	{"anzac", 0.04, 600},
	{"asia", 0.11, 480},
	{"asia_india", 0.04, 330},
	{"asia_southkorea", 0.03, 540},
	{"europe", 0.30, 60},
	{"mexico", 0.04, -360},
	{"southamerica_std", 0.06, -180},
	{"usa", 0.36, -360},
}

// allRegions selects the sum over every region.
const allRegions = -1

func regionIndex(name string) (int, bool) {
	if name == "" || name == "all" {
		return allRegions, true
	}
	for i, r := range statsRegions {
		if r.name == name {
			return i, true
		}
	}
	return 0, false
}

// diurnal is the traffic level for each local minute of the day: trough at 04:00, peak at 16:00.
var diurnal = buildDiurnal()

func buildDiurnal() [minutesPerDay]float64 {
	var curve [minutesPerDay]float64
	for m := range curve {
		phase := 2 * math.Pi * float64(m-4*60) / minutesPerDay
		curve[m] = 0.28 + 0.72*math.Pow(0.5-0.5*math.Cos(phase), 1.4)
	}
	return curve
}

// serviceProfile describes how one simulated service behaves.
type serviceProfile struct {
	name          string
	compute       bool
	peakPerMinute float64
	hitRatio      float64
	passRate      float64
	synthRate     float64
	errorRate     float64
	bodyBytes     float64
	weekendFactor float64
	shieldRate    float64
	ageDays       int64
	seed          uint64
}

func defaultProfiles() []serviceProfile {
	return []serviceProfile{{
		name: "www.example.com", peakPerMinute: 18000, hitRatio: 0.93, passRate: 0.03, synthRate: 0.004,
		errorRate: 0.0003, bodyBytes: 24000, weekendFactor: 0.85, shieldRate: 0.6, ageDays: 400,
	}, {
		name: "api.example.com", compute: true, peakPerMinute: 4200,
		errorRate: 0.0008, bodyBytes: 1300, weekendFactor: 0.7, ageDays: 380,
	}, {
		name: "static.example.com", peakPerMinute: 7000, hitRatio: 0.985, passRate: 0.002, synthRate: 0.001,
		errorRate: 0.0001, bodyBytes: 52000, weekendFactor: 0.8, shieldRate: 0.7, ageDays: 360,
	}, {
		name: "shop.example.com", peakPerMinute: 2400, hitRatio: 0.78, passRate: 0.12, synthRate: 0.01,
		errorRate: 0.0005, bodyBytes: 16000, weekendFactor: 1.2, shieldRate: 0.5, ageDays: 300,
	}, {
		name: "img.example.com", peakPerMinute: 9000, hitRatio: 0.96, passRate: 0.005, synthRate: 0.001,
		errorRate: 0.0002, bodyBytes: 85000, weekendFactor: 0.9, shieldRate: 0.8, ageDays: 250,
	}, {
		name: "quiet.example.com", peakPerMinute: 0.8, hitRatio: 0.6, passRate: 0.1, synthRate: 0.02,
		errorRate: 0.001, bodyBytes: 7000, weekendFactor: 1, ageDays: 200,
	}}
}

// buildProfiles returns count profiles: the default six first, then generated medium and small delivery services.
func buildProfiles(count int) []serviceProfile {
	profiles := defaultProfiles()
	if count <= len(profiles) {
		profiles = profiles[:count]
	}
	for i := len(profiles); i < count; i++ {
		profiles = append(profiles, generatedProfile(i))
	}
	for i := range profiles {
		profiles[i].seed = hashString(profiles[i].name)
	}
	return profiles
}

func generatedProfile(index int) serviceProfile {
	name := fmt.Sprintf("site-%02d.example.com", index+1)
	r := rng{state: hashString(name)}
	return serviceProfile{
		name:          name,
		peakPerMinute: 150 + 2500*r.float(),
		hitRatio:      0.85 + 0.12*r.float(),
		passRate:      0.01 + 0.05*r.float(),
		synthRate:     0.005,
		errorRate:     0.0004,
		bodyBytes:     8000 + 32000*r.float(),
		weekendFactor: 0.8 + 0.4*r.float(),
		shieldRate:    0.5,
		ageDays:       60 + int64(r.next()%300),
	}
}

// trafficStart is the UTC midnight from which the service has traffic, ageDays before the day of now.
func (p *serviceProfile) trafficStart(now int64) int64 {
	return floorTo(now, secondsPerDay) - p.ageDays*secondsPerDay
}

// granularity is one value of the stats "by" parameter.
type granularity struct {
	name      string
	step      int64
	retention int64
}

var granularities = map[string]granularity{
	"minute": {name: "minute", step: secondsPerMinute, retention: 35 * secondsPerDay},
	"hour":   {name: "hour", step: secondsPerHour, retention: 375 * secondsPerDay},
	"day":    {name: "day", step: secondsPerDay},
}

const (
	minutePublishDelay = 3 * secondsPerMinute
	hourPublishDelay   = 15 * secondsPerMinute
)

// frontier is the exclusive end of the published bucket starts for g at now.
func (g granularity) frontier(now int64) int64 {
	switch g.name {
	case "minute":
		return minuteFrontier(now)
	case "hour":
		return floorTo(now-hourPublishDelay, secondsPerHour)
	default:
		return floorTo(minuteFrontier(now)-secondsPerMinute, secondsPerDay) + secondsPerDay
	}
}

// minuteFrontier is the end of the newest published minute: minutes appear 3 minutes after they end.
func minuteFrontier(now int64) int64 {
	return floorTo(now-minutePublishDelay, secondsPerMinute)
}

// retained reports whether buckets starting at start are still kept at now.
func (g granularity) retained(start, now int64) bool {
	return g.retention == 0 || start >= now-g.retention
}

// firstBucket is the first bucket start at or after from.
func (g granularity) firstBucket(from int64) int64 {
	return -floorTo(-from, g.step)
}

func floorTo(t, step int64) int64 {
	q := t / step
	if t%step != 0 && t < 0 {
		q--
	}
	return q * step
}

// model is the deterministic ground truth: counters for any service, region and bucket.
type model struct {
	profiles []serviceProfile

	mu         sync.Mutex
	days       map[dayKey]*counters // complete days
	partial    map[dayKey]*counters // the current day up to partialEnd
	partialEnd int64
}

// maxCachedDays bounds the complete-day cache (about 600 bytes an entry); it is emptied when full.
const maxCachedDays = 100_000

type dayKey struct {
	service, region int
	day             int64
}

func newModel(profiles []serviceProfile) *model {
	return &model{profiles: profiles, days: make(map[dayKey]*counters), partial: make(map[dayKey]*counters)}
}

// firstTraffic is the earliest moment any service has traffic at now.
func (m *model) firstTraffic(now int64) int64 {
	first := now
	for i := range m.profiles {
		first = min(first, m.profiles[i].trafficStart(now))
	}
	return first
}

// bucket returns the counters of service in region (allRegions for the sum) for the g bucket at start, as published at now.
func (m *model) bucket(service, region int, g granularity, start, now int64) counters {
	var c counters
	if region == allRegions {
		for r := range statsRegions {
			m.addBucket(&c, service, r, g, start, now)
		}
		return c
	}
	m.addBucket(&c, service, region, g, start, now)
	return c
}

func (m *model) addBucket(c *counters, service, region int, g granularity, start, now int64) {
	from := max(start, m.profiles[service].trafficStart(now))
	end := min(start+g.step, minuteFrontier(now))
	switch {
	case from >= end:
	case g.name == "day":
		c.add(m.day(service, region, start, end))
	default:
		m.addMinutes(c, service, region, from, end)
	}
}

// day returns the sum of the minutes of day before end, cached: complete days for good, the current day until
// the frontier moves.
func (m *model) day(service, region int, day, end int64) *counters {
	key := dayKey{service, region, day}
	complete := end == day+secondsPerDay
	m.mu.Lock()
	cache := m.days
	if !complete {
		if m.partialEnd != end {
			m.partial, m.partialEnd = make(map[dayKey]*counters), end
		}
		cache = m.partial
	}
	cached, ok := cache[key]
	m.mu.Unlock()
	if ok {
		return cached
	}
	sum := new(counters)
	m.addMinutes(sum, service, region, day, end)
	m.mu.Lock()
	if len(cache) >= maxCachedDays {
		clear(cache)
	}
	cache[key] = sum
	m.mu.Unlock()
	return sum
}

func (m *model) addMinutes(c *counters, service, region int, from, end int64) {
	for t := from; t < end; t += secondsPerMinute {
		m.addMinute(c, service, region, t)
	}
}

// addMinute adds the traffic of one service in one region during the minute starting at t.
func (m *model) addMinute(c *counters, service, region int, t int64) {
	p := &m.profiles[service]
	r := rng{state: hash3(p.seed, uint64(region), uint64(t))}
	active := stochasticRound(expectedPerMinute(p, region, t)*(0.85+0.3*r.float()), r.float())
	if active == 0 {
		return
	}
	burst := burstRate(p, region, t)
	if p.compute {
		addComputeMinute(c, p, active, burst, &r)
		return
	}
	addDeliveryMinute(c, p, active, burst, coldShare(p, t, t+secondsPerMinute), &r)
}

// Streams keep the random draws of unrelated model parts apart.
const (
	driftStream         = 0x6472696674
	regionalBurstStream = 0x6275727374
	incidentStream      = 0x696e636964
)

// expectedPerMinute is the mean request rate: service peak × region share × local time of day × weekday × hourly drift.
func expectedPerMinute(p *serviceProfile, region int, t int64) float64 {
	reg := statsRegions[region]
	local := t/secondsPerMinute + reg.offsetMinutes
	minuteOfDay := ((local % minutesPerDay) + minutesPerDay) % minutesPerDay
	rate := p.peakPerMinute * reg.weight * diurnal[minuteOfDay]
	if isWeekend(floorTo(local, minutesPerDay) / minutesPerDay) {
		rate *= p.weekendFactor
	}
	drift := rng{state: hash3(p.seed^driftStream, uint64(region), uint64(t/secondsPerHour))}
	return rate * (0.9 + 0.2*drift.float())
}

// isWeekend reports whether days since the Unix epoch (a Thursday) is a Saturday or Sunday.
func isWeekend(days int64) bool {
	weekday := ((days+4)%7 + 7) % 7
	return weekday == 0 || weekday == 6
}

// burstRate is the share of requests failing with 5xx: occasional regional bursts and rarer service-wide incidents.
func burstRate(p *serviceProfile, region int, t int64) float64 {
	rate := 0.0
	regional := rng{state: hash3(p.seed^regionalBurstStream, uint64(region), uint64(t/(15*secondsPerMinute)))}
	if regional.float() < 0.004 {
		rate += 0.05 + 0.25*regional.float()
	}
	if incident, ok := incidentRate(p, t/incidentLength); ok {
		rate += incident
	}
	return min(rate, 0.9)
}

// incidentLength is the length of the windows in which a service-wide 5xx incident may happen.
const incidentLength = 20 * secondsPerMinute

// incidentRate is the extra 5xx share of the service-wide incident in window (t / incidentLength), if one happens.
func incidentRate(p *serviceProfile, window int64) (float64, bool) {
	incident := rng{state: hash3(p.seed^incidentStream, 0, uint64(window))}
	if incident.float() >= 0.002 {
		return 0, false
	}
	return 0.2 + 0.4*incident.float(), true
}

// addDeliveryMinute adds n requests of a VCL service; cold is the share of would-be hits a purge turned into misses.
func addDeliveryMinute(c *counters, p *serviceProfile, n int64, burst, cold float64, r *rng) {
	errs := portion(n, p.errorRate+0.4*burst, r)
	synth := portion(n-errs, p.synthRate, r)
	pass := portion(n-errs-synth, p.passRate, r)
	cacheable := n - errs - synth - pass
	miss := portion(cacheable, missShare((1-p.hitRatio)*(0.8+0.4*r.float()), cold), r)
	hits := cacheable - miss
	fetches := miss + pass

	c[cRequests] += n
	c[cHits] += hits
	c[cMiss] += miss
	c[cPass] += pass
	c[cSynth] += synth
	c[cErrors] += errs
	restarts := portion(n, 0.001, r)
	c[cRestarts] += restarts
	c[cUncacheable] += portion(pass, 0.5, r)
	c[cHitsTimeMicros] += perUnit(hits, 60, 60, r)
	c[cMissTimeMicros] += perUnit(miss, 90000, 60000, r)
	c[cPassTimeMicros] += perUnit(pass, 120000, 80000, r)
	c[cOriginFetches] += fetches
	c[cShield] += portion(miss, p.shieldRate, r)
	c[cShieldFetches] += portion(miss, p.shieldRate*0.5, r)

	addDeliveryBytes(c, p, n, fetches, pass, r)
	addDeliveryStatuses(c, n, errs+portion(fetches, burst+0.0005, r), r)
	addProtocols(c, n, r)
	c[cRecvSubCount] += n + restarts
	c[cRecvSubTimeNanos] += perUnit(n, 30000, 30000, r)
	c[cDeliverSubCount] += n
	c[cDeliverSubTimeNanos] += perUnit(n, 10000, 10000, r)
}

func addDeliveryBytes(c *counters, p *serviceProfile, n, fetches, pass int64, r *rng) {
	respHeader := perUnit(n, 320, 40, r)
	respBody := perUnit(n, p.bodyBytes*0.9, p.bodyBytes*0.2, r)
	bereqHeader := perUnit(fetches, 480, 60, r)
	bereqBody := perUnit(portion(pass, 0.3, r), 400, 800, r)
	c[cRespHeaderBytes] += respHeader
	c[cRespBodyBytes] += respBody
	c[cReqHeaderBytes] += perUnit(n, 420, 80, r)
	c[cReqBodyBytes] += perUnit(portion(n, 0.02, r), 300, 1200, r)
	c[cBereqHeaderBytes] += bereqHeader
	c[cBereqBodyBytes] += bereqBody
	c[cOriginFetchRespHeaderBytes] += min(perUnit(fetches, 280, 40, r), respHeader)
	c[cOriginFetchRespBodyBytes] += min(perUnit(fetches, p.bodyBytes*0.85, p.bodyBytes*0.3, r), respBody)
	c[cBandwidth] += respHeader + respBody + bereqHeader + bereqBody
}

func addDeliveryStatuses(c *counters, n, serverErrors int64, r *rng) {
	rest := n - serverErrors
	informational := portion(rest, 0.0002, r)
	rest -= informational
	redirects := portion(rest, 0.05, r)
	rest -= redirects
	clientErrors := portion(rest, 0.03, r)
	success := rest - clientErrors

	c[cStatus1xx] += informational
	c[cStatus2xx] += success
	c[cStatus3xx] += redirects
	c[cStatus4xx] += clientErrors
	c[cStatus5xx] += serverErrors
	c[cAllStatus1xx] += informational
	c[cAllStatus2xx] += success
	c[cAllStatus3xx] += redirects
	c[cAllStatus4xx] += clientErrors
	c[cAllStatus5xx] += serverErrors
	splitCodes(c, success, r, codeShare{cStatus200, 0.955}, codeShare{cStatus204, 0.4}, codeShare{cStatus206, 0.8})
	splitCodes(c, redirects, r, codeShare{cStatus304, 0.6}, codeShare{cStatus301, 0.5}, codeShare{cStatus302, 0.9})
	splitCodes(c, clientErrors, r, codeShare{cStatus404, 0.55}, codeShare{cStatus403, 0.3}, codeShare{cStatus400, 0.3},
		codeShare{cStatus401, 0.3}, codeShare{cStatus429, 0.3}, codeShare{cStatus416, 0.4})
	splitCodes(c, serverErrors, r, codeShare{cStatus503, 0.5}, codeShare{cStatus502, 0.4}, codeShare{cStatus504, 0.5},
		codeShare{cStatus500, 0.7}, codeShare{cStatus501, 0.3}, codeShare{cStatus505, 0.1})
}

// codeShare is the share of what remains of a status class that one status code takes.
type codeShare struct {
	code  counter
	share float64
}

// splitCodes spreads total over codes; what is left over stands for codes the simulator does not serve.
func splitCodes(c *counters, total int64, r *rng, shares ...codeShare) {
	for _, s := range shares {
		n := portion(total, s.share, r)
		c[s.code] += n
		total -= n
	}
}

func addProtocols(c *counters, n int64, r *rng) {
	tls := portion(n, 0.985, r)
	tls13 := portion(tls, 0.78, r)
	http2 := portion(n, 0.58, r)
	c[cTLS] += tls
	c[cTLSv13] += tls13
	c[cTLSv12] += tls - tls13
	c[cHTTP2] += http2
	c[cHTTP3] += portion(n-http2, 0.18, r)
	c[cIPv6] += portion(n, 0.27, r)
}

// addComputeMinute adds a Compute (wasm) minute: traffic shows in compute_* fields while requests stays 0.
func addComputeMinute(c *counters, p *serviceProfile, n int64, burst float64, r *rng) {
	serverErrors := portion(n, p.errorRate+burst, r)
	rest := n - serverErrors
	clientErrors := portion(rest, 0.02, r)
	redirects := portion(rest-clientErrors, 0.01, r)
	success := rest - clientErrors - redirects
	bereqs := portion(n, 0.8, r)
	respHeader := perUnit(n, 280, 40, r)
	respBody := perUnit(n, p.bodyBytes*0.8, p.bodyBytes*0.4, r)
	bereqHeader := perUnit(bereqs, 450, 50, r)
	bereqBody := perUnit(portion(n, 0.1, r), 300, 600, r)
	execution := perUnit(n, 1500, 1500, r)

	c[cComputeRequests] += n
	c[cComputeExecutionMicros] += execution
	c[cComputeRequestMicros] += execution + perUnit(bereqs, 20000, 30000, r)
	c[cComputeRespStatus2xx] += success
	c[cComputeRespStatus3xx] += redirects
	c[cComputeRespStatus4xx] += clientErrors
	c[cComputeRespStatus5xx] += serverErrors
	c[cAllStatus2xx] += success
	c[cAllStatus3xx] += redirects
	c[cAllStatus4xx] += clientErrors
	c[cAllStatus5xx] += serverErrors
	c[cComputeRespHeaderBytes] += respHeader
	c[cComputeRespBodyBytes] += respBody
	c[cComputeBereqHeaderBytes] += bereqHeader
	c[cComputeBereqBodyBytes] += bereqBody
	c[cComputeBereqs] += bereqs
	c[cBandwidth] += respHeader + respBody + bereqHeader + bereqBody
}

// portion is a random-rounded share p of n, never more than n.
func portion(n int64, p float64, r *rng) int64 {
	if n <= 0 {
		return 0
	}
	return min(stochasticRound(float64(n)*p, r.float()), n)
}

// perUnit is n units of base plus up to spread each, with one random draw for the whole minute.
func perUnit(n int64, base, spread float64, r *rng) int64 {
	if n <= 0 {
		return 0
	}
	return int64(float64(n) * (base + spread*r.float()))
}

func stochasticRound(x, u float64) int64 {
	if x <= 0 {
		return 0
	}
	return int64(x + u)
}

// rng is a splitmix64 generator: a pure function of its seed, so the model needs no shared random state.
type rng struct{ state uint64 }

func (r *rng) next() uint64 {
	r.state += 0x9e3779b97f4a7c15
	return mix64(r.state)
}

func (r *rng) float() float64 {
	return float64(r.next()>>11) / (1 << 53)
}

func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func hash3(a, b, c uint64) uint64 {
	return mix64(a ^ mix64((b+0x632be59bd9b4e019)^mix64(c+0x9e3779b97f4a7c15)))
}

// hashString is FNV-1a folded through mix64.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix64(h)
}
