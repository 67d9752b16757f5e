package stats

import (
	"container/list"
	"sync"
)

// seriesKey names one cached series: a field of a service in a region at a granularity.
type seriesKey struct {
	service, field, region string
	step                   int64 // bucket length, seconds
}

// span is a run of consecutive known buckets: vals[i] is the bucket starting at first+i*step
// (0 for a bucket Fastly omitted because it had no traffic, NaN for null). Buckets outside it are unknown.
type span struct {
	first    int64
	vals     []float64
	checked  int64 // when Fastly was last asked for buckets past its newest published one (Unix seconds); 0 never
	observed int64 // the newest bucket start Fastly had published then, which may be unfinished
}

func (s span) end(step int64) int64 { return s.first + int64(len(s.vals))*step } // exclusive

// spanEntryOverhead approximates the bytes an entry costs beyond its values.
const spanEntryOverhead = 160

// bucketCache is a size-bounded LRU of finished buckets, one span per series.
type bucketCache struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	order    *list.List // front = most recently used; values are *cacheEntry
	entries  map[seriesKey]*list.Element
	evicted  func() // called for every entry evicted to stay within maxBytes
}

type cacheEntry struct {
	key  seriesKey
	span span
}

func newBucketCache(maxBytes int64, evicted func()) *bucketCache {
	return &bucketCache{maxBytes: maxBytes, order: list.New(), entries: map[seriesKey]*list.Element{}, evicted: evicted}
}

func entrySize(s span) int64 { return int64(len(s.vals))*8 + spanEntryOverhead }

// get returns a copy-free view of the series' span; callers must not modify it.
func (c *bucketCache) get(k seriesKey) (span, bool) {
	if c == nil {
		return span{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return span{}, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).span, true
}

// put merges fresh buckets into the series: overlapping or adjacent spans are joined (fresh values win),
// a disjoint fresh span replaces the old one.
func (c *bucketCache) put(k seriesKey, fresh span) {
	if c == nil || len(fresh.vals) == 0 || entrySize(fresh) > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		e := el.Value.(*cacheEntry)
		c.bytes -= entrySize(e.span)
		e.span = joinSpans(e.span, fresh, k.step)
		c.bytes += entrySize(e.span)
		c.order.MoveToFront(el)
	} else {
		c.entries[k] = c.order.PushFront(&cacheEntry{key: k, span: fresh})
		c.bytes += entrySize(fresh)
	}
	c.evict()
}

func (c *bucketCache) evict() {
	for c.bytes > c.maxBytes && c.order.Len() > 1 {
		el := c.order.Back()
		e := el.Value.(*cacheEntry)
		c.order.Remove(el)
		delete(c.entries, e.key)
		c.bytes -= entrySize(e.span)
		c.evicted()
	}
}

// size is the approximate bytes the cache holds.
func (c *bucketCache) size() int64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// clear drops every bucket.
func (c *bucketCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.order.Init()
	c.entries = map[seriesKey]*list.Element{}
	c.bytes = 0
	c.mu.Unlock()
}

func joinSpans(old, fresh span, step int64) span {
	if fresh.first > old.end(step) || old.first > fresh.end(step) {
		return fresh
	}
	if old.checked > fresh.checked {
		fresh.checked, fresh.observed = old.checked, old.observed
	}
	first := min(old.first, fresh.first)
	end := max(old.end(step), fresh.end(step))
	vals := make([]float64, (end-first)/step)
	copy(vals[(old.first-first)/step:], old.vals)
	copy(vals[(fresh.first-first)/step:], fresh.vals)
	return span{first: first, vals: vals, checked: fresh.checked, observed: max(fresh.observed, old.observed)}
}
