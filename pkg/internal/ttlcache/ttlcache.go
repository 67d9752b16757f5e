// Package ttlcache keeps values loaded on demand for a time to live, within a bound on the number of keys.
package ttlcache

import (
	"context"
	"sync"
	"time"
)

// Cache holds values by key, each loaded on demand and reloaded once ttl old; concurrent callers of one key share
// one load, failed loads are not kept, and at most max keys are held (expired ones, then the oldest, make room).
type Cache[K comparable, V any] struct {
	ttl  time.Duration
	max  int
	now  func() time.Time
	load func(context.Context, K) (V, error)

	mu      sync.Mutex // guards entries and every entry's value and loaded
	entries map[K]*entry[V]
}

type entry[V any] struct {
	loading chan struct{} // holds a token while one caller checks or loads the key
	value   V
	loaded  time.Time // zero until a load succeeded
}

// New returns an empty cache of at most limit keys (at least one) loaded by load and kept for ttl.
func New[K comparable, V any](ttl time.Duration, limit int, now func() time.Time, load func(context.Context, K) (V, error)) *Cache[K, V] {
	return &Cache[K, V]{ttl: ttl, max: max(limit, 1), now: now, load: load, entries: map[K]*entry[V]{}}
}

// Get returns the value of key, loading it when it is missing, older than the ttl or refresh is set. A failed load
// returns its error and keeps any earlier value for the next caller; a caller waiting for another's load stops
// waiting when ctx ends.
func (c *Cache[K, V]) Get(ctx context.Context, key K, refresh bool) (V, error) {
	e := c.entry(key)
	select {
	case e.loading <- struct{}{}:
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
	defer func() { <-e.loading }()
	if v, ok := c.fresh(e); ok && !refresh {
		return v, nil
	}
	v, err := c.load(ctx, key)
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	e.value, e.loaded = v, c.now()
	c.mu.Unlock()
	return v, nil
}

// Len is the number of keys held.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func (c *Cache[K, V]) entry(key K) *entry[V] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		return e
	}
	if len(c.entries) >= c.max {
		c.makeRoom()
	}
	e := &entry[V]{loading: make(chan struct{}, 1)}
	c.entries[key] = e
	return e
}

func (c *Cache[K, V]) fresh(e *entry[V]) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return e.value, !e.loaded.IsZero() && c.now().Sub(e.loaded) < c.ttl
}

// makeRoom drops every expired or never loaded key, or else the one loaded longest ago.
func (c *Cache[K, V]) makeRoom() {
	now := c.now()
	var oldest K
	var oldestAt time.Time
	for k, e := range c.entries {
		if e.loaded.IsZero() || now.Sub(e.loaded) >= c.ttl {
			delete(c.entries, k)
			continue
		}
		if oldestAt.IsZero() || e.loaded.Before(oldestAt) {
			oldest, oldestAt = k, e.loaded
		}
	}
	if len(c.entries) >= c.max {
		delete(c.entries, oldest)
	}
}

// Value is a cache of one value.
type Value[V any] struct{ cache *Cache[struct{}, V] }

// NewValue returns an empty Value loaded by load and kept for ttl.
func NewValue[V any](ttl time.Duration, now func() time.Time, load func(context.Context) (V, error)) *Value[V] {
	return &Value[V]{cache: New(ttl, 1, now, func(ctx context.Context, _ struct{}) (V, error) { return load(ctx) })}
}

// Get returns the value, loading it when it is missing, older than the ttl or refresh is set.
func (v *Value[V]) Get(ctx context.Context, refresh bool) (V, error) {
	return v.cache.Get(ctx, struct{}{}, refresh)
}
