package logs

import (
	"context"
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// InsightsQuery is a validated insights query over a service range.
type InsightsQuery struct {
	ServiceRange
	Query query.Insights
}

// Insights is the answer to an insights query: Fastly's ranked rows, in its order.
type Insights struct {
	ServiceRange
	Visualization query.LogVisualization
	Rows          []fastlyapi.InsightsRow
	Calls         []string
	Notices       []series.Notice
}

// estimateNotice goes with every insights answer: Fastly ranks sampled requests.
const estimateNotice = "Log Insights ranks sampled requests: shares and rates are estimates; exact request counts come from stats queries"

// insightsRowBytes approximates what one ranked row holds.
const insightsRowBytes = 512

// Insights reads one ranking in one call.
func (e *Engine) Insights(ctx context.Context, q InsightsQuery) (*Insights, error) {
	w, notices, err := e.prepare(ctx, q.ServiceRange)
	if err != nil {
		return nil, err
	}
	req := fastlyapi.InsightsRequest{ServiceID: w.Service.ID, Visualization: q.Query.Visualization, Start: w.From, End: w.To,
		Pops: q.Query.Datacenters, Domain: q.Query.Domain, DomainExactMatch: q.Query.DomainExactMatch, Limit: q.Query.Limit}
	rows, err := cached(ctx, e.answers, req.String(), e.finished(w), func(ctx context.Context) ([]fastlyapi.InsightsRow, int64, error) {
		rows, err := e.api.LogInsights(ctx, req)
		return rows, int64(len(rows)+1) * insightsRowBytes, err
	})
	if err != nil {
		return nil, err
	}
	vis, _ := query.LookupLogVisualization(q.Query.Visualization)
	return &Insights{ServiceRange: w, Visualization: vis, Rows: rows, Calls: []string{req.String()},
		Notices: append(notices, series.Inform(estimateNotice))}, nil
}
