package plugin

import (
	"context"
	"fmt"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// statsBatch answers the stats queries of one request, planned and fetched together so that Grafana's limit on
// concurrent queries never queues their Fastly calls behind one another.
type statsBatch struct {
	done    chan struct{}
	answers map[string]statsAnswer // by refId, complete once done is closed
}

type statsAnswer struct {
	frames data.Frames
	err    error
}

type statsBatchKey struct{}

// startStatsBatch starts answering the request's stats queries together when there are several; the query
// handlers collect their answers from the batch.
func (d *Datasource) startStatsBatch(ctx context.Context, req *backend.QueryDataRequest) context.Context {
	var queries []backend.DataQuery
	for _, q := range req.Queries {
		if query.TypeOf(q.QueryType) == query.TypeStats {
			queries = append(queries, q)
		}
	}
	if len(queries) < 2 || !d.settings.HasToken() {
		return ctx
	}
	b := &statsBatch{done: make(chan struct{}), answers: map[string]statsAnswer{}}
	go func() {
		defer close(b.done)
		defer b.recoverInto(ctx, queries)
		d.runStatsBatch(ctx, queries, b.answers)
	}()
	return context.WithValue(ctx, statsBatchKey{}, b)
}

// recoverInto turns a panic of the batch into an internal error for every query it had not answered, so one bug
// fails those refIds instead of the plugin process.
func (b *statsBatch) recoverInto(ctx context.Context, queries []backend.DataQuery) {
	r := recover()
	if r == nil {
		return
	}
	backend.Logger.FromContext(ctx).Error("stats batch panicked", "panic", fmt.Sprint(r))
	for _, q := range queries {
		if _, ok := b.answers[q.RefID]; !ok {
			b.answers[q.RefID] = statsAnswer{err: fmt.Errorf("stats batch panicked: %v", r)}
		}
	}
}

// runStatsBatch resolves every query, runs the valid ones through one engine batch and builds their frames.
func (d *Datasource) runStatsBatch(ctx context.Context, queries []backend.DataQuery, answers map[string]statsAnswer) {
	var requests []stats.Request
	var refIDs []string
	for _, q := range queries {
		r, err := d.statsRequest(ctx, q)
		if err != nil {
			answers[q.RefID] = statsAnswer{err: err}
			continue
		}
		requests, refIDs = append(requests, r), append(refIDs, q.RefID)
	}
	for i, o := range d.stats.RunAll(ctx, requests) {
		if o.Err != nil {
			answers[refIDs[i]] = statsAnswer{err: o.Err}
			continue
		}
		answers[refIDs[i]] = statsAnswer{frames: frames.TimeSeries(o.Result.Result, requests[i].Query.LegendFormat)}
	}
}

// batchedStats returns the query's answer from the request's batch; ok is false when the query is not in one.
func batchedStats(ctx context.Context, refID string) (a statsAnswer, ok bool) {
	b, _ := ctx.Value(statsBatchKey{}).(*statsBatch)
	if b == nil {
		return statsAnswer{}, false
	}
	select {
	case <-b.done:
	case <-ctx.Done():
		return statsAnswer{err: ctx.Err()}, true
	}
	a, ok = b.answers[refID]
	return a, ok
}
