package logs

import (
	"context"
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"math"
	"sort"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// MetricsQuery is a validated logMetrics query over a service range; Interval and MaxPoints choose the time series'
// granularity.
type MetricsQuery struct {
	ServiceRange
	Query     query.LogMetrics
	Interval  time.Duration
	MaxPoints int64
}

// MetricsTable is the answer to a table logMetrics query: one row per group, sorted as asked.
type MetricsTable struct {
	ServiceRange
	Metrics []query.LogMetric
	GroupBy string
	Rows    []fastlyapi.LogAggregationRow
	Calls   []string
	Notices []series.Notice
}

// aggregationRowBytes approximates what one aggregated row holds.
const aggregationRowBytes = 256

// MetricsTable reads the aggregates of every group in one call.
func (e *Engine) MetricsTable(ctx context.Context, q MetricsQuery) (*MetricsTable, error) {
	w, notices, err := e.prepare(ctx, q.ServiceRange)
	if err != nil {
		return nil, err
	}
	ms := q.Query.ParsedMetrics()
	req := fastlyapi.LogAggregationsRequest{ServiceID: w.Service.ID, Start: w.From, End: w.To, Series: wireNames(ms),
		Dimensions: dimensions(q.Query.GroupBy), Sort: sortParam(q.Query), Limit: q.Query.Limit, Filters: wireFilters(q.Query.Filters)}
	rows, err := cached(ctx, e.answers, req.String(), e.finished(w), func(ctx context.Context) ([]fastlyapi.LogAggregationRow, int64, error) {
		rows, err := e.api.LogAggregations(ctx, req)
		return rows, int64(len(rows)+1) * aggregationRowBytes, err
	})
	if err != nil {
		return nil, err
	}
	sorted := sortRows(rows, sortWire(q.Query), q.Query.SortDesc)
	return &MetricsTable{ServiceRange: w, Metrics: ms, GroupBy: q.Query.GroupBy, Rows: sorted[:min(len(sorted), q.Query.Limit)],
		Calls: []string{req.String()}, Notices: notices}, nil
}

// MetricsSeries reads the aggregates over time in one call: one series per metric and group, the query's limit of
// groups ranked by its sort metric.
func (e *Engine) MetricsSeries(ctx context.Context, q MetricsQuery) (*series.Result, error) {
	w, notices, err := e.prepare(ctx, q.ServiceRange)
	if err != nil {
		return nil, err
	}
	gran, grid, gridNotices := timeseriesGrid(w, q.Interval, q.MaxPoints, e.now())
	ms := q.Query.ParsedMetrics()
	req := fastlyapi.LogTimeseriesRequest{ServiceID: w.Service.ID, From: w.From, To: w.To, Granularity: gran, Series: wireNames(ms),
		Dimensions: dimensions(q.Query.GroupBy), Filters: wireFilters(q.Query.Filters)}
	points, err := cached(ctx, e.answers, req.String(), e.finished(w), func(ctx context.Context) ([]fastlyapi.LogTimeseriesPoint, int64, error) {
		pts, err := e.api.LogTimeseries(ctx, req)
		return pts, int64(len(pts)+1) * aggregationRowBytes, err
	})
	if err != nil {
		return nil, err
	}
	res := &series.Result{Times: grid.Times(), Calls: []string{req.String()}, Notices: append(notices, gridNotices...), Services: 1}
	res.Series = placeSeries(w.Service, ms, q.Query.GroupBy, points, grid)
	order := query.OrderDesc
	if !q.Query.SortDesc {
		order = query.OrderAsc
	}
	if q.Query.GroupBy != "" {
		res.Series = series.TopN(res.Series, query.TopN{Metric: q.Query.SortBy, Limit: q.Query.Limit, Order: order}, series.ByRank)
	}
	return res, nil
}

// placeSeries puts each point on the grid, one series per metric and group value (groups in order of appearance).
func placeSeries(svc series.Service, ms []query.LogMetric, groupBy string, points []fastlyapi.LogTimeseriesPoint, grid series.Grid) []series.Series {
	index := map[string]int{}
	var groups []string
	for _, p := range points {
		g := p.Dimensions[groupBy]
		if _, ok := index[g]; !ok {
			index[g] = len(groups)
			groups = append(groups, g)
		}
	}
	out := make([]series.Series, 0, len(ms)*len(groups))
	wires := make([]string, len(ms))
	for mi, m := range ms {
		wires[mi] = m.Wire()
		for _, g := range groups {
			s := series.Series{Service: svc, Metric: m.Metric(), Unit: m.Field.Unit, Values: make([]*float64, grid.Len())}
			if groupBy != "" {
				s.Dimensions = []series.Label{{Name: groupBy, Value: g}}
			}
			out = append(out, s)
		}
	}
	for _, p := range points {
		j := grid.Index(p.Time.Unix())
		if j < 0 {
			continue
		}
		for mi, wire := range wires {
			if v, ok := p.Values[wire]; ok {
				out[mi*len(groups)+index[p.Dimensions[groupBy]]].Values[j] = &v
			}
		}
	}
	return out
}

// secondBuckets is Fastly's limit of second buckets per timeseries call.
const secondBuckets = 300

// timeseriesGrid picks the finest granularity not finer than the panel interval whose buckets fit maxPoints
// (seconds only within Fastly's limit of 300), and its grid.
func timeseriesGrid(w ServiceRange, interval time.Duration, maxPoints int64, now time.Time) (string, series.Grid, []series.Notice) {
	span := w.To.Sub(w.From)
	if interval <= time.Second && span <= secondBuckets*time.Second {
		return "second", series.SecondGrid(w.From, w.To.Add(-time.Second)), nil
	}
	for _, g := range []query.Granularity{query.GranularityMinute, query.GranularityHour} {
		if g.Fits(span, interval, maxPoints) {
			grid, notices := series.NewGrid(g, w.From, w.To, now, w.To.Unix())
			return string(g), grid, notices
		}
	}
	grid, notices := series.NewGrid(query.GranularityDay, w.From, w.To, now, w.To.Unix())
	return string(query.GranularityDay), grid, notices
}

func wireNames(ms []query.LogMetric) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Wire()
	}
	return out
}

func dimensions(groupBy string) []string {
	if groupBy == "" {
		return nil
	}
	return []string{groupBy}
}

func sortWire(q query.LogMetrics) string {
	m, _ := query.LookupLogMetric(q.SortBy)
	return m.Wire()
}

// sortParam is Fastly's sort: the series name, "-" first for descending.
func sortParam(q query.LogMetrics) string {
	if q.SortDesc {
		return "-" + sortWire(q)
	}
	return sortWire(q)
}

// sortRows orders rows by one series, rows without it last; Fastly sorts too, this keeps the order whatever it sends.
func sortRows(rows []fastlyapi.LogAggregationRow, by string, desc bool) []fastlyapi.LogAggregationRow {
	out := append([]fastlyapi.LogAggregationRow(nil), rows...)
	key := func(r fastlyapi.LogAggregationRow) float64 {
		v, ok := r.Values[by]
		switch {
		case !ok || math.IsNaN(v):
			return math.Inf(1)
		case desc:
			return -v
		}
		return v
	}
	sort.SliceStable(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}
