package simulator

import (
	"math"
	"math/bits"
	"strconv"
)

// regionPOP is one POP of the Fastly-sized list within its stats region, with its base share of the region's traffic.
type regionPOP struct {
	index  int // into fastlySizedPOPs
	weight int64
}

// hubPOPs are the busiest POPs, which take most of their region's traffic.
var hubPOPs = map[string]bool{
	"AMS": true, "CDG": true, "FRA": true, "LHR": true, "IAD": true, "JFK": true, "LAX": true, "ORD": true,
	"DFW": true, "SJC": true, "ATL": true, "SEA": true, "NRT": true, "HKG": true, "SIN": true, "SYD": true,
	"GRU": true, "BOM": true, "ICN": true, "QRO": true, "JNB": true,
}

// Base weights of the POPs: hubs weigh hubWeight, the others between minPOPWeight and minPOPWeight+popWeightRange.
const (
	hubWeight      = 6000
	minPOPWeight   = 100
	popWeightRange = 1100
	maxRegionPOPs  = 64 // bound of the per-region weight arrays
)

// fastlyRegionPOPs lists the Fastly-sized POPs of each stats region, by region index.
var fastlyRegionPOPs = func() [][]regionPOP {
	byRegion := make([][]regionPOP, len(statsRegions))
	for i, p := range fastlySizedPOPs {
		region, _ := regionIndex(p.StatsRegion)
		weight := int64(hubWeight)
		if !hubPOPs[p.Code] {
			weight = minPOPWeight + int64(hashString(p.Code)%popWeightRange)
		}
		byRegion[region] = append(byRegion[region], regionPOP{index: i, weight: weight})
	}
	return byRegion
}()

// Streams of the Fastly-sized split, apart from the model's.
const (
	popShareStream  = 0x706f707368
	secondsStream   = 0x7365636f6e64
	popSecondStream = 0x706f707365
)

const (
	busyPerSecond    = 2.0  // a POP this busy on average has traffic in every second of the minute
	secondWeightBase = 512  // a second with traffic weighs between secondWeightBase and 3 × secondWeightBase
	weightScale      = 1024 // fixed-point 1 of the per-service and per-minute POP weight factors
)

// eachFastlyPOP calls visit with every POP that has traffic in second t of service: each stats region's minute of
// requests is split over its POPs by weight, each POP's slice over the minute's seconds, and every POP-second gets
// the fields its slice of requests carries, so the seconds of a minute add up exactly to /stats for the fields both
// APIs have (compute times to the whole millisecond per region); the other fields exist only in real time.
func (s *Simulator) eachFastlyPOP(service int, t int64, visit func(pop int, m *fastlyMeasurements)) {
	minute := floorTo(t, secondsPerMinute)
	p := &s.model.profiles[service]
	if minute < p.trafficStart(s.now().Unix()) {
		return
	}
	var m fastlyMeasurements
	for region := range statsRegions {
		var c counters
		s.model.addMinute(&c, service, region, minute)
		total := c[cRequests] + c[cComputeRequests]
		if total == 0 {
			continue
		}
		cum := popCumulative(p.seed, fastlyRegionPOPs[region], minute, total)
		for k, rp := range fastlyRegionPOPs[region] {
			lo, hi := secondSpan(p.seed, rp.index, minute, t-minute, cum[k+1]-cum[k])
			if lo < hi {
				m.fill(&c, cum[k]+lo, cum[k]+hi, total, rng{state: hash3(p.seed^popSecondStream, uint64(rp.index), uint64(t))})
				visit(rp.index, &m)
			}
		}
	}
}

// popCumulative splits total over a region's POPs, each weighted by its base weight, by 0.5–1.5 per service (its
// audience) and by 0.75–1.25 per minute: POP k gets the slice (cum[k], cum[k+1]].
func popCumulative(seed uint64, region []regionPOP, minute, total int64) (cum [maxRegionPOPs + 1]int64) {
	var weights [maxRegionPOPs]int64
	sum := int64(0)
	for k, rp := range region {
		audience := hash3(seed^popShareStream, uint64(rp.index), 0)
		jitter := hash3(seed^popShareStream, uint64(rp.index), uint64(minute))
		weights[k] = rp.weight * int64(weightScale/2+audience%weightScale) * int64(weightScale*3/4+jitter%(weightScale/2))
		sum += weights[k]
	}
	acc := int64(0)
	for k := range region {
		acc += weights[k]
		cum[k+1] = mulDiv(total, acc, sum)
	}
	return cum
}

// secondSpan is the slice (lo, hi] of a POP's n requests of a minute that falls in its second-th second: each second
// gets its own weight, and a quiet POP leaves each second empty with the chance a Poisson second of its rate has.
func secondSpan(seed uint64, pop int, minute, second, n int64) (lo, hi int64) {
	if n == 0 {
		return 0, 0
	}
	r := rng{state: hash3(seed^secondsStream, uint64(pop), uint64(minute))}
	rate := float64(n) / secondsPerMinute
	empty := 0.0
	if rate < busyPerSecond {
		empty = math.Exp(-rate)
	}
	var before, own, sum int64
	for i := range int64(secondsPerMinute) {
		w := int64(0)
		if u := r.float(); u >= empty {
			w = secondWeightBase + int64((u-empty)/(1-empty)*2*secondWeightBase)
		}
		if i < second {
			before += w
		} else if i == second {
			own = w
		}
		sum += w
	}
	if sum == 0 { // no second drawn: the minute's requests all land in one
		if int64(r.next()%secondsPerMinute) != second {
			return 0, 0
		}
		return 0, n
	}
	return mulDiv(n, before, sum), mulDiv(n, before+own, sum)
}

// mulDiv is a*b/c rounded down for non-negative a, b and positive c with b <= c, without overflow.
func mulDiv(a, b, c int64) int64 {
	high, low := bits.Mul64(uint64(a), uint64(b))
	q, _ := bits.Div64(high, low, uint64(c))
	return int64(q)
}

// appendFastlyRecord appends second t in the Fastly-sized shape; ok is false when no POP has traffic.
func (s *Simulator) appendFastlyRecord(b []byte, service int, t int64) ([]byte, bool) {
	mark := len(b)
	var agg fastlyMeasurements
	b = append(b, `{"datacenter":{`...)
	n := 0
	s.eachFastlyPOP(service, t, func(pop int, m *fastlyMeasurements) {
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = append(b, '"')
		b = append(b, fastlySizedPOPs[pop].Code...)
		b = append(b, `":`...)
		b = appendFastlyMeasurements(b, m)
		agg.add(m)
	})
	if n == 0 {
		return b[:mark], false
	}
	b = append(b, `},"aggregated":`...)
	b = appendFastlyMeasurements(b, &agg)
	b = append(b, `,"recorded":`...)
	b = strconv.AppendInt(b, t, 10)
	return append(b, '}'), true
}

// fastlyValue is RealtimeValue in the Fastly-sized shape; miss_histogram and fields outside the 39 are 0.
func (s *Simulator) fastlyValue(service int, fieldName, pop string, t int64) float64 {
	f, ok := fastlyFieldNamed(fieldName)
	if !ok || f == fMissHistogram {
		return 0
	}
	sum := int64(0)
	s.eachFastlyPOP(service, t, func(p int, m *fastlyMeasurements) {
		if pop == "" || fastlySizedPOPs[p].Code == pop {
			sum += m.v[f]
		}
	})
	if f == fHitsTime || f == fMissTime {
		return float64(sum) / microsPerSecond
	}
	return float64(sum)
}
