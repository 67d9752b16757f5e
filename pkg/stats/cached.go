package stats

import (
	"math"
	"slices"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// tailFreshness is how long an answer about the newest buckets stands for the queries of one dashboard refresh.
const tailFreshness = 10 * time.Second

// cachedSeries is the usable part of one cached series.
type cachedSeries struct {
	key      seriesKey
	span     span
	from, to int64 // usable bucket starts [from, to)
	current  bool  // Fastly was asked for newer buckets moments ago: the tail is not asked again
}

// knownBuckets is what the cache holds for a request: usable series, and the keys it knows nothing about.
type knownBuckets struct {
	usable []cachedSeries
	cold   []seriesKey
}

func keyOf(r Request, service, field string, step int64) seriesKey {
	return seriesKey{service: service, field: field, region: r.Query.Region, step: step}
}

func (e *Engine) readCache(r Request, fields []string, w bucketRange) knownBuckets {
	var k knownBuckets
	for _, s := range r.Services {
		for _, f := range fields {
			key := keyOf(r, s.ID, f, w.step)
			sp, ok := e.cache.get(key)
			from, to := w.coverage(sp)
			hit := ok && from < to
			if e.cache != nil {
				e.obs.CacheLookup(hit)
			}
			if !hit {
				k.cold = append(k.cold, key)
				continue
			}
			current := !r.FromAlert && r.Now.Unix()-sp.checked < int64(tailFreshness/time.Second)
			k.usable = append(k.usable, cachedSeries{key: key, span: sp, from: from, to: to, current: current})
		}
	}
	return k
}

// missing lists what to fetch: never-seen series over the whole range, and for cached series the buckets
// before their cached part (head) and after it (tail), each as one rectangle over the union of their keys.
func (k knownBuckets) missing(r Request, fields []string, w bucketRange) []fetchSet {
	if w.first >= w.end {
		return nil
	}
	var sets []fetchSet
	var cold fetchSet
	if len(k.cold) > 0 {
		cold = rectangle(r, fields, k.cold, w.first, w.end, false)
		sets = append(sets, cold)
	}
	var heads, tails []seriesKey
	headEnd, tailStart := w.first, w.end
	for _, c := range k.usable {
		if cold.covers(c.key) {
			continue
		}
		if c.from > w.first {
			heads = append(heads, c.key)
			headEnd = max(headEnd, c.from)
		}
		if c.to < w.end && !c.current {
			tails = append(tails, c.key)
			tailStart = min(tailStart, c.to)
		}
	}
	if len(heads) > 0 {
		sets = append(sets, rectangle(r, fields, heads, w.first, headEnd, false))
	}
	if len(tails) > 0 {
		sets = append(sets, rectangle(r, fields, tails, tailStart, w.end, true))
	}
	return sets
}

// covers tells whether the set fetches the key's whole range.
func (set fetchSet) covers(k seriesKey) bool {
	return slices.Contains(set.fields, k.field) && slices.ContainsFunc(set.services, func(s series.Service) bool { return s.ID == k.service })
}

// rectangle is the services × fields of keys, in the request's order.
func rectangle(r Request, fields []string, keys []seriesKey, from, to int64, tail bool) fetchSet {
	set := fetchSet{from: from, to: to, tail: tail}
	for _, s := range r.Services {
		if slices.ContainsFunc(keys, func(k seriesKey) bool { return k.service == s.ID }) {
			set.services = append(set.services, s)
		}
	}
	for _, f := range fields {
		if slices.ContainsFunc(keys, func(k seriesKey) bool { return k.field == f }) {
			set.fields = append(set.fields, f)
		}
	}
	return set
}

// fill places the usable cached buckets in the table; the newest cached bucket counts for the frontier
// because Fastly had published it when it was fetched.
func (k knownBuckets) fill(t *rowTable, w bucketRange) {
	for _, c := range k.usable {
		col, ok := t.column[c.key.field]
		buckets := t.byService[c.key.service]
		if !ok || buckets == nil {
			continue
		}
		t.frontier = max(t.frontier, c.to-w.step)
		if c.current {
			t.frontier = max(t.frontier, min(c.span.observed, w.end-w.step))
		}
		for start := c.from; start < c.to; start += w.step {
			v := c.span.vals[(start-c.span.first)/w.step]
			if v == 0 {
				continue
			}
			t.row(buckets, start)[col] = v
		}
	}
}

// store caches the finished buckets a fetch set's answers cover: from the set's start up to the newest bucket
// any of its answers held (Fastly had published everything before it), with omitted buckets as zero. The series
// are marked checked only when the set went past what Fastly had published.
func (e *Engine) store(r Request, w bucketRange, set fetchSet, f fetched) {
	if e.cache == nil {
		return
	}
	frontier := int64(noFrontier)
	for _, res := range f.results {
		frontier = max(frontier, newestStart(res))
	}
	end := min(set.to, w.finished)
	if frontier != noFrontier {
		end = min(end, frontier+w.step)
	}
	if frontier == noFrontier || end <= set.from {
		return
	}
	n := (end - set.from) / w.step
	var checked int64
	if wentPastPublished(w, set, frontier) {
		checked = r.Now.Unix()
	}
	for _, s := range set.services {
		for _, field := range set.fields {
			vals := make([]float64, n)
			for j, res := range f.results {
				copyField(vals, res, f.calls[j].Fields, s.ID, field, set.from, w.step)
			}
			e.cache.put(keyOf(r, s.ID, field, w.step), span{first: set.from, vals: vals, checked: checked, observed: frontier})
		}
	}
}

// wentPastPublished tells whether the set asked Fastly for buckets it had not published: every finished bucket,
// or buckets after the newest one its answers held. Only then need a query within tailFreshness not ask for the
// buckets after the cached ones again; a set whose answers reached its end says nothing about later buckets.
func wentPastPublished(w bucketRange, set fetchSet, frontier int64) bool {
	return set.to >= w.finished || frontier+w.step < set.to
}

// copyField copies one field of one service from an answer into vals (bucket i starts at first+i*step).
func copyField(vals []float64, res *fastlyapi.StatsResult, fields []string, service, field string, first, step int64) {
	i := slices.Index(fields, field)
	rows := res.ByService[service]
	if i < 0 || rows == nil {
		return
	}
	for j, start := range rows.Start {
		if k := (start - first) / step; start >= first && k < int64(len(vals)) && (start-first)%step == 0 {
			vals[k] = rows.Values[i][j]
		}
	}
}

func newestStart(res *fastlyapi.StatsResult) int64 {
	newest := int64(math.MinInt64)
	for _, rows := range res.ByService {
		for _, s := range rows.Start {
			newest = max(newest, s)
		}
	}
	return newest
}
