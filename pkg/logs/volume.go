package logs

import (
	"context"
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// Log levels of the volume series, as Grafana's log volume reads them from the level label.
const (
	LevelError   = "error"
	LevelWarning = "warning"
	LevelInfo    = "info"
	// LabelLevel is the label Grafana colours log volume by.
	LabelLevel = "level"
)

// VolumeQuery is a validated logVolume query over a service range; Granularity buckets the counts.
type VolumeQuery struct {
	ServiceRange
	Filters     []query.LogFilter
	Limit       int // the logs query's limit: counted rows are the ones it returns
	Granularity query.Granularity
	FromAlert   bool
}

// volumeMetric is the count a volume series shows.
var volumeMetric = metrics.Metric{Name: "requests", Label: "Requests", Unit: metrics.UnitCount}

// statusLevels maps Historical Stats status classes to levels.
var statusLevels = []struct{ level, field string }{
	{LevelError, "status_5xx"}, {LevelWarning, "status_4xx"},
	{LevelInfo, "status_1xx"}, {LevelInfo, "status_2xx"}, {LevelInfo, "status_3xx"},
}

// levelOrder is the order of the volume series.
var levelOrder = []string{LevelError, LevelWarning, LevelInfo}

const (
	statsNotice = "Log volume counts every request from Historical Stats status classes (exact counts): 5xx error, 4xx warning, others info"
	rowsNotice  = "Log volume counts the sampled records this query returned, as the filters apply only to them: 5xx error, 4xx warning, others info"
)

// Volume counts requests per level over time: exact counts from Historical Stats when no filter narrows the
// records, else the sampled records the logs query returns.
func (e *Engine) Volume(ctx context.Context, q VolumeQuery) (*series.Result, error) {
	if len(q.Filters) == 0 {
		return e.statsVolume(ctx, q)
	}
	recs, err := e.Records(ctx, RecordsQuery{ServiceRange: q.ServiceRange, Filters: q.Filters, Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	grid, notices := series.NewGrid(q.Granularity, q.From, q.To, e.now(), q.To.Unix())
	res := &series.Result{Times: grid.Times(), Calls: recs.Calls, Services: 1,
		Notices: append(append(recs.Notices, notices...), series.Inform(rowsNotice))}
	res.Series = countLevels(q.Service, recs.Records, grid)
	if recs.Truncated && len(recs.Records) > 0 {
		clearBefore(res.Series, grid, recs.Records[len(recs.Records)-1].Time)
	}
	clearBefore(res.Series, grid, recs.From) // older than Fastly keeps: unknown, not zero
	return res, nil
}

func (e *Engine) statsVolume(ctx context.Context, q VolumeQuery) (*series.Result, error) {
	w, notices, err := clipToRetention(q.ServiceRange, e.now())
	if err != nil {
		return nil, err
	}
	fields := make([]string, len(statusLevels))
	for i, s := range statusLevels {
		fields[i] = s.field
	}
	res, err := e.stats.Run(ctx, stats.Request{
		Query:    query.Stats{Services: []string{w.Service.ID}, Metrics: fields, Granularity: q.Granularity, GroupBy: query.GroupByService},
		Services: []series.Service{w.Service}, Granularity: q.Granularity, From: w.From, To: w.To, Now: e.now(), FromAlert: q.FromAlert,
	})
	if err != nil {
		return nil, err
	}
	out := series.Result{Times: res.Times, Calls: res.Calls, Services: 1,
		Notices: append(append(notices, res.Notices...), series.Inform(statsNotice))}
	out.Series = sumLevels(w.Service, res.Series, len(res.Times))
	return &out, nil
}

// sumLevels adds the status classes of each level; a bucket where no class has a value stays empty.
func sumLevels(svc series.Service, classes []series.Series, n int) []series.Series {
	levelOf := map[string]string{}
	for _, s := range statusLevels {
		levelOf[s.field] = s.level
	}
	sums := map[string][]*float64{}
	for _, s := range classes {
		level := levelOf[s.Metric.Name]
		if sums[level] == nil {
			sums[level] = make([]*float64, n)
		}
		for j, v := range s.Values {
			if v == nil {
				continue
			}
			if sums[level][j] == nil {
				sums[level][j] = new(float64)
			}
			*sums[level][j] += *v
		}
	}
	return levelSeries(svc, sums)
}

// countLevels counts records per level and bucket; a bucket without records counts zero.
func countLevels(svc series.Service, records []fastlyapi.LogRecord, grid series.Grid) []series.Series {
	counts := map[string][]*float64{}
	for _, l := range levelOrder {
		counts[l] = make([]*float64, grid.Len())
		for j := range counts[l] {
			counts[l][j] = new(float64)
		}
	}
	step := int64(grid.Step().Seconds())
	for _, r := range records {
		j := grid.Index(r.Time.Unix() / step * step)
		if j >= 0 {
			*counts[Level(r.Status)][j]++
		}
	}
	return levelSeries(svc, counts)
}

// clearBefore empties the buckets that start before oldest: the limit stopped the read there, so they are unknown
// or partly read, not zero.
func clearBefore(list []series.Series, grid series.Grid, oldest time.Time) {
	for j, t := range grid.Times() {
		if t.Before(oldest) {
			for _, s := range list {
				s.Values[j] = nil
			}
		}
	}
}

func levelSeries(svc series.Service, values map[string][]*float64) []series.Series {
	var out []series.Series
	for _, l := range levelOrder {
		if v, ok := values[l]; ok {
			out = append(out, series.Series{Service: svc, Dimensions: []series.Label{{Name: LabelLevel, Value: l}},
				Metric: volumeMetric, Unit: metrics.UnitCount, Values: v})
		}
	}
	return out
}

// Level is the log level of a response status: 5xx error, 4xx warning, else info.
func Level(status int) string {
	switch {
	case status >= 500:
		return LevelError
	case status >= 400:
		return LevelWarning
	}
	return LevelInfo
}
