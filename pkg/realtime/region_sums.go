package realtime

import (
	"context"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// regionMapRefresh is how often the hub asks again for the POP → stats region map; POPs rarely change region, so a
// map up to this old (or older while the lookup fails) is used.
const regionMapRefresh = time.Minute

// regionSums is a channel poller's buffer of sums by stats region, each region held as one pseudo-POP: what a
// region-filtered stitch reads. Every poller keeps it (~7× the sums over POPs at Fastly's size), so the first
// region-filtered answer is stitched as far as an unfiltered one; Fastly's 120 s history could not reach back to the
// oldest unpublished minute. It holds seconds from a history answer on, so a second it covers is known for every region.
type regionSums struct {
	buf    *Buffer
	filled bool
}

// regionMap memoises the POP → stats region map of the hub's Config.RegionOf.
type regionMap struct {
	mu      sync.Mutex
	byPOP   map[string]string
	checked time.Time
}

// get returns the newest map it could read, asking again once regionMapRefresh has passed, also after a failure:
// a POP list that cannot be read is asked for at most once a minute, not on every poll. Until a first map is read
// callers wait for it; after that the one caller that asks again does so outside the lock, so a slow or failing
// lookup never stalls the other pollers, which go on with the map they have.
func (m *regionMap) get(ctx context.Context, h *Hub) (map[string]string, bool) {
	m.mu.Lock()
	due := m.checked.IsZero() || h.clock.Now().Sub(m.checked) >= regionMapRefresh
	if due {
		m.checked = h.clock.Now()
	}
	byPOP := m.byPOP
	if byPOP == nil && due {
		defer m.mu.Unlock()
		m.byPOP, _ = h.cfg.RegionOf(ctx)
		return m.byPOP, m.byPOP != nil
	}
	m.mu.Unlock()
	if due {
		if fresh, ok := h.cfg.RegionOf(ctx); ok {
			m.mu.Lock()
			m.byPOP = fresh
			m.mu.Unlock()
		}
	}
	return byPOP, byPOP != nil
}

// ingestRegions adds an answer to the region sums; without a POP map the sums restart, and once a map is back the
// next poll reads the history to fill them again.
func (p *poller) ingestRegions(resp *fastlyapi.RealtimeResponse, fromHistory bool) {
	if p.regions == nil {
		return
	}
	byPOP, ok := p.hub.regionMap.get(p.hub.ctx, p.hub)
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.regions
	switch {
	case !ok:
		if r.filled {
			r.buf, r.filled = NewBuffer(p.hub.BufferSeconds()), false
		}
	case !r.filled && !fromHistory:
		p.refill = true
	default:
		r.buf.Ingest(sumByRegion(resp, byPOP), historySpan)
		r.filled = true
	}
}

// regionBuffer is the buffer of sums by stats region, nil for pollers that keep none.
func (p *poller) regionBuffer() *Buffer {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.regions == nil {
		return nil
	}
	return p.regions.buf
}

// sumByRegion is the answer with each record's POPs summed by stats region; POPs without a region are left out.
func sumByRegion(resp *fastlyapi.RealtimeResponse, byPOP map[string]string) *fastlyapi.RealtimeResponse {
	out := *resp
	out.Data = make([]fastlyapi.RealtimeRecord, len(resp.Data))
	for i, rec := range resp.Data {
		regions := map[string]fastlyapi.Measurements{}
		for pop, m := range rec.POPs {
			region, ok := byPOP[pop]
			if !ok {
				continue
			}
			sum, ok := regions[region]
			if !ok {
				sum = fastlyapi.Measurements{Values: make(map[string]float64, len(m.Values))}
				regions[region] = sum
			}
			for field, v := range m.Values {
				sum.Values[field] += v
			}
		}
		out.Data[i] = fastlyapi.RealtimeRecord{Recorded: rec.Recorded, Aggregated: rec.Aggregated, POPs: regions}
	}
	return &out
}

// ReadRegions is Read for a region-filtered reader: the buffer of sums by stats region (Config.RegionOf), whose
// region names stand where POP codes do. It is held from the poller's first answer, so it reaches as far back as the
// sums over POPs.
func (h *Hub) ReadRegions(ctx context.Context, serviceID string) (*Buffer, Status, error) {
	if h.cfg.RegionOf == nil {
		return nil, Status{}, errNoRegionMap
	}
	p, err := h.acquire(serviceID, false)
	if err != nil {
		return nil, Status{}, err
	}
	buf, st, err := h.await(ctx, p, p.buf, p.ready)
	if err != nil {
		return buf, st, err
	}
	return p.regionBuffer(), st, nil
}
