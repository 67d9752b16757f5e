package plugin

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// realtimeSource is the part of the real-time hub that stitching reads.
type realtimeSource interface {
	Running(serviceID string) bool
	Admit(serviceIDs []string) error
	Start(serviceID string) error
	Read(ctx context.Context, serviceID string) (*realtime.Buffer, realtime.Status, error)
}

// realtimeTail fills the unpublished tail of a stats query from the services' real-time buffers.
type realtimeTail struct {
	hub    realtimeSource
	start  bool   // a service without a poller gets one; otherwise it is not stitched
	region string // the query's stats region; empty for every POP
	pops   func(ctx context.Context, region string) ([]string, bool)
}

// statsTail is the tail source of a stats query over services, or nil and the notice that says why it has none.
// A tail that may start pollers starts them now, so their backfill runs alongside the Historical Stats calls.
func (d *Datasource) statsTail(q query.Stats, services []stats.Service) (stats.TailSource, string) {
	limit := d.settings.StitchMaxServices
	if limit == 0 {
		return nil, ""
	}
	if len(services) > limit {
		return nil, fmt.Sprintf("Minutes Fastly has not published yet are left empty: this query spans %d services and "+
			"the unpublished tail is filled from real-time data for at most %d (setting stitchMaxServices). "+
			"Choose fewer services or raise the setting.", len(services), limit)
	}
	t := &realtimeTail{hub: d.realtime, start: d.settings.StitchRealtime, region: q.Region, pops: d.regionPOPs}
	t.startPollers(services)
	return t, ""
}

// startPollers starts the services' pollers when the tail may and they all fit the datasource's poller limit;
// otherwise only services already followed are stitched.
func (t *realtimeTail) startPollers(services []stats.Service) {
	ids := make([]string, len(services))
	for i, s := range services {
		ids[i] = s.ID
	}
	if !t.start || t.hub.Admit(ids) != nil {
		t.start = false
		return
	}
	for _, id := range ids {
		if t.hub.Start(id) != nil {
			t.start = false
		}
	}
}

// regionPOPs lists the POPs whose stats region is region, from the catalog's /datacenters.
func (d *Datasource) regionPOPs(ctx context.Context, region string) ([]string, bool) {
	dcs, err := d.catalog.datacenters.get(ctx, false)
	if err != nil {
		return nil, false
	}
	codes := []string{}
	for _, dc := range dcs {
		if dc.StatsRegion == region {
			codes = append(codes, dc.Code)
		}
	}
	return codes, true
}

// Buckets implements stats.TailSource; a service whose buffer cannot be read gets no bucket.
func (t *realtimeTail) Buckets(ctx context.Context, services []stats.Service, fields []string, from, to, step int64) ([][][]float64, stats.StitchOutcome) {
	bufs, skip := t.buffers(ctx, services)
	if !slices.ContainsFunc(bufs, func(b *realtime.Buffer) bool { return b != nil }) {
		return nil, skip
	}
	var pops []string
	if t.region != "" {
		var ok bool
		if pops, ok = t.pops(ctx, t.region); !ok {
			return nil, skip
		}
	}
	defs := realtimeDefinitions(fields)
	out := make([][][]float64, len(services))
	for i, buf := range bufs {
		for start := from; buf != nil && start < to; start += step {
			row, ok := bucketRow(buf, defs, start, start+step, pops)
			if !ok {
				break
			}
			out[i] = append(out[i], row)
		}
	}
	return out, skip
}

// buffers reads every service's buffer concurrently, nil where unavailable, and why: StitchDisabled or StitchNoPoller.
func (t *realtimeTail) buffers(ctx context.Context, services []stats.Service) ([]*realtime.Buffer, stats.StitchOutcome) {
	bufs := make([]*realtime.Buffer, len(services))
	var skip stats.StitchOutcome
	var wg sync.WaitGroup
	for i, s := range services {
		if !t.start && !t.hub.Running(s.ID) {
			skip = stats.StitchDisabled
			continue
		}
		wg.Go(func() {
			if buf, _, err := t.hub.Read(ctx, s.ID); err == nil {
				bufs[i] = buf
			}
		})
	}
	wg.Wait()
	if skip == "" && slices.Contains(bufs, nil) {
		skip = stats.StitchNoPoller
	}
	return bufs, skip
}

// realtimeDefinition computes one Historical Stats field from real-time fields; ok=false where none exists.
type realtimeDefinition struct {
	metric metrics.Metric
	ok     bool
}

// realtimeDefinitions defines every field the same way a realtime query does (e.g. bandwidth from its byte fields).
func realtimeDefinitions(fields []string) []realtimeDefinition {
	defs := make([]realtimeDefinition, len(fields))
	for i, f := range fields {
		defs[i].metric, defs[i].ok = metrics.ForRealtime(f)
	}
	return defs
}

// bucketRow is one bucket's field values summed over its seconds, NaN for a field real-time cannot supply; ok is
// false when the buffer does not hold every second of the bucket.
func bucketRow(buf *realtime.Buffer, defs []realtimeDefinition, from, to int64, pops []string) ([]float64, bool) {
	if _, held := buf.Sums(from, to, nil, pops); !held {
		return nil, false
	}
	row := make([]float64, len(defs))
	for i, def := range defs {
		if !def.ok || def.metric.Percentile > 0 {
			row[i] = math.NaN()
			continue
		}
		sums, ok := buf.Sums(from, to, def.metric.Inputs, pops)
		if !ok {
			return nil, false
		}
		if row[i], ok = def.metric.Compute(sums); !ok {
			row[i] = math.NaN()
		}
	}
	return row, true
}
