package plugin

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/usage"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// handleUsage answers a usage query: a table by region or by service over the dashboard range, or by service for
// one calendar month (by default the month of the range end).
func (d *Datasource) handleUsage(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseUsage(dq.JSON)
	if err != nil {
		return nil, err
	}
	r := usage.Request{Query: q}
	if q.UsageBy == query.UsageByMonth {
		r.MonthStart, err = monthStart(q, dq.TimeRange.To)
	} else {
		r.From, r.To, err = pastRange(dq.TimeRange, d.now())
	}
	if err != nil {
		return nil, err
	}
	table, err := d.usage.Run(ctx, r)
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.UsageFrame(table)}, nil
}

// monthStart is the first day of the query's month, or of the month of rangeEnd when the query names none.
func monthStart(q query.Usage, rangeEnd time.Time) (time.Time, error) {
	start, err := q.MonthStart()
	if err != nil || !start.IsZero() {
		return start, err
	}
	end := rangeEnd.UTC()
	return time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC), nil
}
