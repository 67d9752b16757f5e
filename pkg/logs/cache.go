package logs

import (
	"container/list"
	"context"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// answerCache makes identical calls in flight once and keeps answers of finished windows for a short time,
// within a bound on their approximate bytes (least recently used go first). Answers are read-only.
type answerCache struct {
	max    int64
	ttl    time.Duration
	now    func() time.Time
	flight singleflight.Group

	mu      sync.Mutex // guards entries, order and bytes
	entries map[string]*list.Element
	order   *list.List // of *cachedAnswer, most recently used first
	bytes   int64
}

type cachedAnswer struct {
	key    string
	value  any
	size   int64
	stored time.Time
}

// sharedLoadTimeout bounds a load shared by identical callers: it outlives the caller that started it (closing one
// panel must not fail the others waiting on the same read) but not this long.
const sharedLoadTimeout = 2 * time.Minute

// maxEntryShare keeps one answer from taking more than a quarter of the cache: a 10,000-record answer must not
// push every dashboard's answers out.
const maxEntryShare = 4

func newAnswerCache(maxBytes int64, ttl time.Duration, now func() time.Time) *answerCache {
	return &answerCache{max: maxBytes, ttl: ttl, now: now, entries: map[string]*list.Element{}, order: list.New()}
}

// cached answers key from the cache when a finished window's answer is fresh, else loads it once for every
// identical caller in flight, keeping it when the window is finished. load returns the answer and its size.
func cached[T any](ctx context.Context, c *answerCache, key string, finished bool, load func(context.Context) (T, int64, error)) (T, error) {
	if v, ok := c.get(key); ok && finished {
		return v.(T), nil
	}
	done := c.flight.DoChan(key, func() (any, error) {
		if v, ok := c.get(key); ok && finished {
			return v, nil // stored by a read that finished between the check above and this flight
		}
		shared, cancel := context.WithTimeout(context.WithoutCancel(ctx), sharedLoadTimeout)
		defer cancel()
		answer, size, err := load(shared)
		if err == nil && finished {
			c.put(key, answer, size)
		}
		return answer, err
	})
	var zero T
	select {
	case <-ctx.Done():
		return zero, ctx.Err()
	case r := <-done:
		if r.Err != nil {
			return zero, r.Err
		}
		return r.Val.(T), nil
	}
}

func (c *answerCache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	a := el.Value.(*cachedAnswer)
	if c.now().Sub(a.stored) >= c.ttl {
		c.remove(el)
		return nil, false
	}
	c.order.MoveToFront(el)
	return a.value, true
}

func (c *answerCache) put(key string, value any, size int64) {
	if c.max <= 0 || size > c.max/maxEntryShare {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.remove(el)
	}
	c.entries[key] = c.order.PushFront(&cachedAnswer{key: key, value: value, size: size, stored: c.now()})
	c.bytes += size
	for c.bytes > c.max {
		c.remove(c.order.Back())
	}
}

func (c *answerCache) remove(el *list.Element) {
	a := c.order.Remove(el).(*cachedAnswer)
	delete(c.entries, a.key)
	c.bytes -= a.size
}

func (c *answerCache) size() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

func (c *answerCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries, c.bytes = map[string]*list.Element{}, 0
	c.order.Init()
}
