package plugin

import (
	"context"
	"fmt"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// splitStatsBatch takes the request's stats queries out for one batch when there are several and a token to run
// them; rest holds the queries the handlers answer one by one (every query when there is no batch).
func (d *Datasource) splitStatsBatch(req *backend.QueryDataRequest) (batch []backend.DataQuery, rest *backend.QueryDataRequest) {
	var others []backend.DataQuery
	for _, q := range req.Queries {
		if query.TypeOf(q.QueryType) == query.TypeStats {
			batch = append(batch, q)
		} else {
			others = append(others, q)
		}
	}
	if len(batch) < 2 || !d.settings.HasToken() {
		return nil, req
	}
	r := *req
	r.Queries = others
	return batch, &r
}

// answerStatsBatch answers stats queries planned and fetched together, so that Grafana's limit on concurrent
// queries never queues their Fastly calls behind one another.
func (d *Datasource) answerStatsBatch(ctx context.Context, queries []backend.DataQuery) (answers backend.Responses) {
	if len(queries) == 0 {
		return nil
	}
	answers = backend.Responses{}
	defer d.recoverInto(ctx, queries, answers)
	d.runStatsBatch(ctx, queries, answers)
	return answers
}

// recoverInto turns a panic of the batch into an internal error for every query it had not answered, so one bug
// fails those refIds instead of the plugin process.
func (d *Datasource) recoverInto(ctx context.Context, queries []backend.DataQuery, answers backend.Responses) {
	r := recover()
	if r == nil {
		return
	}
	backend.Logger.FromContext(ctx).Error("stats batch panicked", "panic", fmt.Sprint(r))
	for _, q := range queries {
		if _, ok := answers[q.RefID]; !ok {
			answers[q.RefID] = d.errorResponse(ctx, fmt.Errorf("stats batch panicked: %v", r))
		}
	}
}

// runStatsBatch resolves every query, runs the valid ones through one engine batch and builds their frames.
func (d *Datasource) runStatsBatch(ctx context.Context, queries []backend.DataQuery, answers backend.Responses) {
	var requests []stats.Request
	var refIDs []string
	for _, q := range queries {
		r, err := d.statsRequest(ctx, q)
		if err != nil {
			answers[q.RefID] = d.errorResponse(ctx, err)
			continue
		}
		requests, refIDs = append(requests, r), append(refIDs, q.RefID)
	}
	for i, o := range d.stats.RunAll(ctx, requests) {
		if o.Err != nil {
			answers[refIDs[i]] = d.errorResponse(ctx, o.Err)
			continue
		}
		answers[refIDs[i]] = backend.DataResponse{Frames: frames.TimeSeries(o.Result.Result, requests[i].Query.LegendFormat)}
	}
}
