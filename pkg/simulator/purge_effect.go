package simulator

import "slices"

// purgeStream keeps the purge schedule's random draws apart from the traffic model's.
const purgeStream = 0x7075726765

// Purges happen between 06:00 and 22:00 UTC, up to maxPurgesPerDay a day, one in supportPurgeOneIn by Fastly support.
const (
	purgeWindowStart  = 6 * secondsPerHour
	purgeWindowLength = 16 * secondsPerHour
	maxPurgesPerDay   = 2
	supportPurgeOneIn = 10
)

// After a purge-all the cache is cold: at first purgeColdDepth of the cacheable requests that would have hit miss,
// a share that falls as (1 - τ/purgeRecovery)² with the time τ since the purge, back to none after purgeRecovery.
const (
	purgeColdDepth = 0.9
	purgeRecovery  = 15 * secondsPerMinute
)

// purge is one purge-all of a service: when (Unix seconds) and whether Fastly support made it.
type purge struct {
	at    int64
	admin bool
}

// purgesOfDay are the purges of p on the UTC day starting at day, in the order they were drawn (not sorted); a
// purge drawn at the same second as an earlier one is dropped.
func purgesOfDay(p *serviceProfile, day int64) ([maxPurgesPerDay]purge, int) {
	var out [maxPurgesPerDay]purge
	r := rng{state: hash3(p.seed^purgeStream, 0, uint64(day))}
	n := 0
	for range r.next() % (maxPurgesPerDay + 1) {
		at := day + purgeWindowStart + int64(r.next()%purgeWindowLength)
		admin := r.next()%supportPurgeOneIn == 0
		if !slices.ContainsFunc(out[:n], func(q purge) bool { return q.at == at }) {
			out[n] = purge{at: at, admin: admin}
			n++
		}
	}
	return out, n
}

// coldShare is the mean, over [from, end), of the share of p's would-be hits that miss because a purge emptied the
// cache; 0 outside the purgeRecovery after every purge. A later purge starts the recovery again; two at the same
// second count once, as purgesOfDay keeps one.
func coldShare(p *serviceProfile, from, end int64) float64 {
	if p.compute || end <= from || !mayBeCold(from, end) {
		return 0
	}
	var sum float64
	for day := floorTo(from-purgeRecovery, secondsPerDay); day < end; day += secondsPerDay {
		purges, n := purgesOfDay(p, day)
		for i := range n {
			next := nextPurgeAfter(purges[:n], purges[i].at)
			sum += coldIntegral(purges[i].at, min(next, purges[i].at+purgeRecovery), from, end)
		}
	}
	return min(sum/float64(end-from), purgeColdDepth)
}

// mayBeCold is false when [from, end), shorter than a day, lies outside the hours purges and their recovery cover.
func mayBeCold(from, end int64) bool {
	if end-from >= secondsPerDay {
		return true
	}
	start := from - floorTo(from, secondsPerDay)
	stop := start + (end - from)
	coldFrom, coldTo := int64(purgeWindowStart), int64(purgeWindowStart+purgeWindowLength+purgeRecovery)
	return (stop > coldFrom && start < coldTo) || stop > coldFrom+secondsPerDay
}

// nextPurgeAfter is the earliest purge of the day after at, or a time too late to matter.
func nextPurgeAfter(purges []purge, at int64) int64 {
	next := at + purgeRecovery
	for _, q := range purges {
		if q.at > at && q.at < next {
			next = q.at
		}
	}
	return next
}

// coldIntegral is the integral over [from, end) of the cold share of a purge at at that lasts until until.
func coldIntegral(at, until, from, end int64) float64 {
	lo, hi := max(from, at), min(end, until)
	if lo >= hi {
		return 0
	}
	return purgeColdDepth * (coldPrimitive(lo-at) - coldPrimitive(hi-at))
}

// coldPrimitive is ∫ from τ to purgeRecovery of (1 - s/purgeRecovery)² ds.
func coldPrimitive(tau int64) float64 {
	rest := 1 - float64(tau)/purgeRecovery
	return purgeRecovery * rest * rest * rest / 3
}

// missShare is the share of cacheable requests that miss: the usual share plus the purged share of the rest.
func missShare(usual, cold float64) float64 {
	if cold == 0 {
		return usual
	}
	return usual + (1-usual)*cold
}

// originLoad is how many times its usual origin fetches p makes while cold of its would-be hits miss.
func originLoad(p *serviceProfile, cold float64) float64 {
	if cold == 0 {
		return 1
	}
	cacheable := 1 - p.passRate
	usual := p.passRate + cacheable*(1-p.hitRatio)
	return (usual + cacheable*p.hitRatio*cold) / usual
}
