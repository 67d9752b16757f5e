package plugin

import (
	"context"
	"fmt"
	"maps"
	"sort"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/config"
	"github.com/grafana/grafana-plugin-sdk-go/experimental/concurrent"
)

// defaultConcurrentQueries is used when Grafana does not say how many queries may run at once.
const defaultConcurrentQueries = 10

// QueryData answers each query concurrently within Grafana's concurrent-query limit; every refId gets its own
// frames or its own error. Several stats queries are answered by one batch beside them, planned and fetched
// together, so all their Fastly calls are in flight at once whatever that limit is.
func (d *Datasource) QueryData(ctx context.Context, req *backend.QueryDataRequest) (*backend.QueryDataResponse, error) {
	ctx = withRequestInfo(ctx, req)
	batch, rest := d.splitStatsBatch(req)
	batched := make(chan backend.Responses, 1)
	go func() { batched <- d.answerStatsBatch(ctx, batch) }()
	resp, err := concurrent.QueryData(ctx, rest, d.runQuery, concurrentQueries(ctx))
	answers := <-batched
	if err != nil {
		return nil, err
	}
	maps.Copy(resp.Responses, answers)
	return resp, nil
}

func (d *Datasource) runQuery(ctx context.Context, q concurrent.Query) backend.DataResponse {
	handler, ok := d.handlers[query.TypeOf(q.DataQuery.QueryType)]
	if !ok {
		return d.errorResponse(ctx, &query.InvalidError{Msg: fmt.Sprintf("unknown query type %q: this plugin supports %s",
			q.DataQuery.QueryType, strings.Join(d.queryTypes(), ", "))})
	}
	if !d.settings.HasToken() {
		return d.errorResponse(ctx, errNoToken)
	}
	frames, err := handler(ctx, q.DataQuery)
	if err != nil {
		return d.errorResponse(ctx, err)
	}
	return backend.DataResponse{Frames: frames}
}

func (d *Datasource) queryTypes() []string {
	var names []string
	for t := range d.handlers {
		names = append(names, string(t))
	}
	sort.Strings(names)
	return names
}

func concurrentQueries(ctx context.Context) int {
	if n, err := config.GrafanaConfigFromContext(ctx).ConcurrentQueryCount(); err == nil && n > 0 {
		return n
	}
	return defaultConcurrentQueries
}
