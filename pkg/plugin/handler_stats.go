package plugin

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

func (d *Datasource) handleStats(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	r, err := d.statsRequest(ctx, dq)
	if err != nil {
		return nil, err
	}
	res, err := d.stats.Run(ctx, r)
	if err != nil {
		return nil, err
	}
	return frames.TimeSeries(res.Result, r.Query.LegendFormat), nil
}

// statsRequest validates the query and resolves its range, granularity and services.
func (d *Datasource) statsRequest(ctx context.Context, dq backend.DataQuery) (stats.Request, error) {
	q, err := query.ParseStats(dq.JSON)
	if err != nil {
		return stats.Request{}, err
	}
	now := d.now()
	from, to, err := pastRange(dq.TimeRange, now)
	if err != nil {
		return stats.Request{}, err
	}
	g, err := query.Resolve(q.Granularity, query.RangeRequest{From: from, To: to, Interval: dq.Interval, MaxDataPoints: dq.MaxDataPoints, Now: now})
	if err != nil {
		return stats.Request{}, err
	}
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return stats.Request{}, err
	}
	tail, declined := d.statsTail(q, services, to, now)
	return stats.Request{
		Query: q, Services: services, AllServices: len(q.Services) == 0,
		Granularity: g, From: from, To: to, Now: now, FromAlert: requestInfoFrom(ctx).fromAlert,
		Tail: tail, StitchDeclined: declined,
	}, nil
}

// pastRange is the query's range with its end capped at now; an empty range is the user's to fix.
func pastRange(tr backend.TimeRange, now time.Time) (time.Time, time.Time, error) {
	from, to := tr.From, tr.To
	if to.After(now) {
		to = now
	}
	if !from.Before(to) {
		return from, to, &query.InvalidError{Msg: "the time range is empty or lies in the future"}
	}
	return from, to, nil
}
