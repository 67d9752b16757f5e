package plugin

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// How long account metadata is reused before it is fetched again.
const (
	servicesTTL  = time.Minute
	referenceTTL = time.Hour
)

// accountAPI is the part of Fastly the catalog reads.
type accountAPI interface {
	Services(ctx context.Context) ([]fastlyapi.Service, error)
	Regions(ctx context.Context) ([]string, error)
	Datacenters(ctx context.Context) ([]fastlyapi.Datacenter, error)
}

// catalog caches the account's services, regions and POPs for one datasource instance.
type catalog struct {
	services    *cached[[]fastlyapi.Service]
	regions     *cached[[]string]
	datacenters *cached[[]fastlyapi.Datacenter]
}

func newCatalog(api accountAPI, now func() time.Time) *catalog {
	return &catalog{
		services:    newCached(servicesTTL, now, api.Services),
		regions:     newCached(referenceTTL, now, api.Regions),
		datacenters: newCached(referenceTTL, now, api.Datacenters),
	}
}

// sortedServices lists the services by name.
func (c *catalog) sortedServices(ctx context.Context) ([]fastlyapi.Service, error) {
	list, err := c.services.get(ctx, false)
	if err != nil {
		return nil, err
	}
	out := append([]fastlyapi.Service(nil), list...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// resolveServices names the selected service ids; no ids means every service. An id the token cannot see is
// an error naming it (after one refresh, in case the service is new).
func (c *catalog) resolveServices(ctx context.Context, ids []string) ([]series.Service, error) {
	list, err := c.sortedServices(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return toStatsServices(list), nil
	}
	out, missing := pick(list, ids)
	if missing != "" {
		if list, err = c.services.get(ctx, true); err != nil {
			return nil, err
		}
		if out, missing = pick(list, ids); missing != "" {
			return nil, &serviceNotVisibleError{id: missing}
		}
	}
	return out, nil
}

func pick(list []fastlyapi.Service, ids []string) ([]series.Service, string) {
	byID := map[string]fastlyapi.Service{}
	for _, s := range list {
		byID[s.ID] = s
	}
	out := make([]series.Service, 0, len(ids))
	for _, id := range ids {
		s, ok := byID[id]
		if !ok {
			return nil, id
		}
		out = append(out, series.Service{ID: s.ID, Name: s.Name})
	}
	return out, ""
}

func toStatsServices(list []fastlyapi.Service) []series.Service {
	out := make([]series.Service, len(list))
	for i, s := range list {
		out[i] = series.Service{ID: s.ID, Name: s.Name}
	}
	return out
}

type serviceNotVisibleError struct{ id string }

func (e *serviceNotVisibleError) Error() string {
	return fmt.Sprintf("service %s was not found or is not visible to this token", e.id)
}

// cached holds one value loaded on demand and reloaded after ttl; concurrent callers share one load.
type cached[T any] struct {
	mu     sync.Mutex
	ttl    time.Duration
	now    func() time.Time
	load   func(context.Context) (T, error)
	value  T
	loaded time.Time
}

func newCached[T any](ttl time.Duration, now func() time.Time, load func(context.Context) (T, error)) *cached[T] {
	return &cached[T]{ttl: ttl, now: now, load: load}
}

func (c *cached[T]) get(ctx context.Context, refresh bool) (T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !refresh && !c.loaded.IsZero() && c.now().Sub(c.loaded) < c.ttl {
		return c.value, nil
	}
	v, err := c.load(ctx)
	if err != nil {
		return v, err
	}
	c.value, c.loaded = v, c.now()
	return v, nil
}
