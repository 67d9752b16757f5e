package plugin

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// newLogsEngine builds the Log Explorer & Insights engine, its finished-window cache cacheMB large (0: none); log
// volume without filters reads the stats engine.
func newLogsEngine(api logs.API, st logs.StatsRunner, cacheMB int, now func() time.Time) *logs.Engine {
	return logs.NewEngine(api, st, logs.Config{CacheBytes: int64(cacheMB) << 20, Now: now})
}

// parseLogQuery validates a log query, then resolves its one service and its range, capped at now.
func parseLogQuery[Q interface{ Service() string }](ctx context.Context, d *Datasource, dq backend.DataQuery,
	parse func(json.RawMessage) (Q, error)) (Q, logs.ServiceRange, error) {
	q, err := parse(dq.JSON)
	if err != nil {
		return q, logs.ServiceRange{}, err
	}
	from, to, err := pastRange(dq.TimeRange, d.now())
	if err != nil {
		return q, logs.ServiceRange{}, err
	}
	services, err := d.account.resolveServices(ctx, []string{q.Service()})
	if err != nil {
		return q, logs.ServiceRange{}, err
	}
	return q, logs.ServiceRange{Service: services[0], From: from, To: to}, nil
}

func (d *Datasource) handleInsights(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, w, err := parseLogQuery(ctx, d, dq, query.ParseInsights)
	if err != nil {
		return nil, err
	}
	res, err := d.logs.Insights(ctx, logs.InsightsQuery{ServiceRange: w, Query: q})
	if err != nil {
		return nil, err
	}
	info := requestInfoFrom(ctx)
	return data.Frames{frames.Insights(res, frames.InsightsLinks{DatasourceUID: info.uid, DatasourceName: info.name})}, nil
}

func (d *Datasource) handleLogs(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, w, err := parseLogQuery(ctx, d, dq, query.ParseLogs)
	if err != nil {
		return nil, err
	}
	res, err := d.logs.Records(ctx, logs.RecordsQuery{ServiceRange: w, Filters: q.Filters, Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.LogLines(res)}, nil
}

func (d *Datasource) handleLogMetrics(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, w, err := parseLogQuery(ctx, d, dq, query.ParseLogMetrics)
	if err != nil {
		return nil, err
	}
	mq := logs.MetricsQuery{ServiceRange: w, Query: q, Interval: dq.Interval, MaxPoints: dq.MaxDataPoints}
	if q.Format == query.FormatTable {
		t, err := d.logs.MetricsTable(ctx, mq)
		if err != nil {
			return nil, err
		}
		return data.Frames{frames.LogMetricsTable(t)}, nil
	}
	res, err := d.logs.MetricsSeries(ctx, mq)
	if err != nil {
		return nil, err
	}
	return frames.TimeSeries(*res, q.LegendFormat), nil
}

func (d *Datasource) handleLogVolume(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, w, err := parseLogQuery(ctx, d, dq, query.ParseLogVolume)
	if err != nil {
		return nil, err
	}
	g, err := query.Resolve(query.GranularityAuto, query.RangeRequest{From: w.From, To: w.To, Interval: dq.Interval,
		MaxDataPoints: dq.MaxDataPoints, Now: d.now()})
	if err != nil {
		return nil, err
	}
	res, err := d.logs.Volume(ctx, logs.VolumeQuery{ServiceRange: w, Filters: q.Filters, Limit: q.Limit, Granularity: g,
		FromAlert: requestInfoFrom(ctx).fromAlert})
	if err != nil {
		return nil, err
	}
	return frames.LogVolume(res), nil
}

// logFieldsAnswer is the log-fields resource: the fields and the filter operators.
type logFieldsAnswer struct {
	Fields    []query.LogField    `json:"fields"`
	Operators []query.LogOperator `json:"operators"`
}

func (d *Datasource) logVisualizationOptions(context.Context, *http.Request) (any, error) {
	return query.LogVisualizations(), nil
}

func (d *Datasource) logFieldOptions(context.Context, *http.Request) (any, error) {
	return logFieldsAnswer{Fields: query.LogFields(), Operators: query.LogOperators()}, nil
}
