package plugin

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/internal/ttlcache"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// How long account metadata is reused before it is fetched again.
const (
	servicesTTL  = time.Minute
	referenceTTL = time.Hour
)

// accountAPI is the part of Fastly the account cache reads.
type accountAPI interface {
	Services(ctx context.Context) ([]fastlyapi.Service, error)
	Regions(ctx context.Context) ([]string, error)
	POPs(ctx context.Context) ([]fastlyapi.POP, error)
}

// account caches the account's services, regions and POPs for one datasource instance.
type account struct {
	services *ttlcache.Value[[]fastlyapi.Service]
	regions  *ttlcache.Value[[]string]
	pops     *ttlcache.Value[[]fastlyapi.POP]
}

func newAccount(api accountAPI, now func() time.Time) *account {
	return &account{
		services: ttlcache.NewValue(servicesTTL, now, api.Services),
		regions:  ttlcache.NewValue(referenceTTL, now, api.Regions),
		pops:     ttlcache.NewValue(referenceTTL, now, api.POPs),
	}
}

// statsRegions maps the account's POP codes to their stats regions, from the cached /datacenters.
func (a *account) statsRegions(ctx context.Context) (map[string]string, bool) {
	pops, err := a.pops.Get(ctx, false)
	if err != nil {
		return nil, false
	}
	out := make(map[string]string, len(pops))
	for _, pop := range pops {
		out[pop.Code] = pop.StatsRegion
	}
	return out, true
}

// sortedServices lists the services by name.
func (a *account) sortedServices(ctx context.Context) ([]fastlyapi.Service, error) {
	list, err := a.services.Get(ctx, false)
	if err != nil {
		return nil, err
	}
	out := append([]fastlyapi.Service(nil), list...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ServiceNames maps the ids of the services the token can see to their names (the cached list).
func (a *account) ServiceNames(ctx context.Context) (map[string]string, error) {
	list, err := a.services.Get(ctx, false)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(list))
	for _, s := range list {
		names[s.ID] = s.Name
	}
	return names, nil
}

// resolveServices names the selected service ids; no ids means every service. An id the token cannot see is
// an error naming it (after one refresh, in case the service is new).
func (a *account) resolveServices(ctx context.Context, ids []string) ([]series.Service, error) {
	list, err := a.sortedServices(ctx)
	if err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		out := make([]series.Service, len(list))
		for i, s := range list {
			out[i] = named(s)
		}
		return out, nil
	}
	out, missing := pick(list, ids)
	if missing != "" {
		if list, err = a.services.Get(ctx, true); err != nil {
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
		out = append(out, named(s))
	}
	return out, ""
}

// named is a service as results name it.
func named(s fastlyapi.Service) series.Service { return series.Service{ID: s.ID, Name: s.Name} }

type serviceNotVisibleError struct{ id string }

func (e *serviceNotVisibleError) Error() string {
	return fmt.Sprintf("service %s was not found or is not visible to this token", e.id)
}
