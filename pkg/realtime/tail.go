package realtime

import (
	"context"
	"math"
	"slices"
	"sync"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// tailHub is the part of the hub that stitching reads.
type tailHub interface {
	Running(serviceID string) bool
	Admit(serviceIDs []string) error
	Start(serviceID string) error
	Read(ctx context.Context, serviceID string) (*Buffer, Status, error)
	ReadRegions(ctx context.Context, serviceID string) (*Buffer, Status, error)
}

var _ tailHub = (*Hub)(nil)

// Tail fills the unpublished tail of a stats query from the services' real-time buffers (a stats.TailReader).
type Tail struct {
	hub    tailHub
	start  bool   // a service without a poller gets one; otherwise it is not stitched
	region string // the query's stats region; empty for every POP
}

var _ stats.TailReader = (*Tail)(nil)

// NewTail is the tail of a stats query over services in region ("" for every POP); start lets it start pollers,
// which it does at once so their backfill runs alongside the Historical Stats calls.
func NewTail(hub tailHub, services []series.Service, start bool, region string) *Tail {
	t := &Tail{hub: hub, start: start, region: region}
	t.startPollers(services)
	return t
}

// startPollers starts the services' pollers when the tail may and they all fit the datasource's poller limit;
// otherwise only services already followed are stitched.
func (t *Tail) startPollers(services []series.Service) {
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

// Buckets implements stats.TailReader; a service whose buffer cannot be read gets no bucket.
func (t *Tail) Buckets(ctx context.Context, services []series.Service, fields []string, from, to, step int64) ([][][]float64, stats.StitchOutcome) {
	bufs, skip := t.buffers(ctx, services)
	if !slices.ContainsFunc(bufs, func(b *Buffer) bool { return b != nil }) {
		return nil, skip
	}
	var pops []string
	if t.region != "" {
		pops = []string{t.region} // the sums by region hold each region where a POP would be
	}
	defs := tailDefinitions(fields)
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
func (t *Tail) buffers(ctx context.Context, services []series.Service) ([]*Buffer, stats.StitchOutcome) {
	bufs := make([]*Buffer, len(services))
	var skip stats.StitchOutcome
	var wg sync.WaitGroup
	for i, s := range services {
		if !t.start && !t.hub.Running(s.ID) {
			skip = stats.StitchDisabled
			continue
		}
		read := t.hub.Read
		if t.region != "" {
			read = t.hub.ReadRegions
		}
		wg.Go(func() {
			if buf, _, err := read(ctx, s.ID); err == nil {
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

// tailDefinition computes one Historical Stats field from real-time fields; ok=false where none exists.
type tailDefinition struct {
	metric metrics.Metric
	ok     bool
}

// tailDefinitions defines every field the same way a realtime query does (e.g. bandwidth from its byte fields).
func tailDefinitions(fields []string) []tailDefinition {
	defs := make([]tailDefinition, len(fields))
	for i, f := range fields {
		defs[i].metric, defs[i].ok = metrics.ForRealtime(f)
	}
	return defs
}

// bucketRow is one bucket's field values summed over its seconds, NaN for a field real-time cannot supply; ok is
// false when the buffer does not hold every second of the bucket.
func bucketRow(buf *Buffer, defs []tailDefinition, from, to int64, pops []string) ([]float64, bool) {
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
