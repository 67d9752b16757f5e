package query

import "time"

// Granularity is the bucket size of a Historical Stats query.
type Granularity string

// Granularities.
const (
	GranularityAuto   Granularity = "auto"
	GranularityMinute Granularity = "minute"
	GranularityHour   Granularity = "hour"
	GranularityDay    Granularity = "day"
)

// Fastly's documented retention of Historical Stats per granularity.
const (
	MinuteRetention = 35 * 24 * time.Hour
	HourRetention   = 375 * 24 * time.Hour
)

// Valid tells whether g is one of the granularities.
func (g Granularity) Valid() bool {
	switch g {
	case GranularityAuto, GranularityMinute, GranularityHour, GranularityDay:
		return true
	}
	return false
}

// Step is the bucket length.
func (g Granularity) Step() time.Duration {
	switch g {
	case GranularityMinute:
		return time.Minute
	case GranularityHour:
		return time.Hour
	default:
		return 24 * time.Hour
	}
}

// oldestAvailable is the earliest time Fastly still serves for g.
func (g Granularity) oldestAvailable(now time.Time) time.Time {
	switch g {
	case GranularityMinute:
		return now.Add(-MinuteRetention)
	case GranularityHour:
		return now.Add(-HourRetention)
	}
	return time.Time{}
}

// RangeRequest is the time Grafana asks of one query: its range, interval and point budget.
type RangeRequest struct {
	From, To      time.Time
	Interval      time.Duration
	MaxDataPoints int64
	Now           time.Time
}

// Resolve turns auto into the finest granularity that fits the interval, the point budget and Fastly's
// retention, and checks an explicit granularity against retention.
func Resolve(g Granularity, w RangeRequest) (Granularity, error) {
	if g != GranularityAuto {
		return g, checkRetention(g, w)
	}
	span := w.To.Sub(w.From)
	for _, c := range []Granularity{GranularityMinute, GranularityHour} {
		if !w.From.Before(c.oldestAvailable(w.Now)) && c.Fits(span, w.Interval, w.MaxDataPoints) {
			return c, nil
		}
	}
	return GranularityDay, nil
}

// Fits tells whether g's buckets are at least interval long and number at most maxPoints (0: any) over span: the
// rule auto granularity follows for stats and sampled-log time series alike.
func (g Granularity) Fits(span, interval time.Duration, maxPoints int64) bool {
	return g.Step() >= interval && (maxPoints <= 0 || int64(span/g.Step()) <= maxPoints)
}

func checkRetention(g Granularity, w RangeRequest) error {
	oldest := g.oldestAvailable(w.Now)
	if !w.From.Before(oldest) {
		return nil
	}
	return invalid("Fastly keeps %s data for %s only (from %s); this range starts %s. Use %s, or auto.",
		g, retentionText(g), oldest.UTC().Format("2006-01-02 15:04 UTC"), w.From.UTC().Format("2006-01-02 15:04 UTC"), coarserThan(g, w))
}

func retentionText(g Granularity) string {
	if g == GranularityMinute {
		return "35 days"
	}
	return "375 days"
}

// coarserThan names the finest granularity that serves the whole range.
func coarserThan(g Granularity, w RangeRequest) string {
	if g == GranularityMinute && !w.From.Before(GranularityHour.oldestAvailable(w.Now)) {
		return string(GranularityHour)
	}
	return string(GranularityDay)
}
