package logs

import (
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Retention is how long Fastly keeps sampled logs.
const Retention = 7 * 24 * time.Hour

// recordDelay is how late records land: a window that ended longer ago is finished and its answer reusable.
const recordDelay = 2 * time.Minute

// clipToRetention moves a start older than the retention up to it with a notice; a window that ends before the
// retention is an error, as Fastly would answer it with no data.
func clipToRetention(w ServiceRange, now time.Time) (ServiceRange, []series.Notice, error) {
	oldest := now.Add(-Retention)
	if !w.To.After(oldest) {
		return w, nil, &query.InvalidError{Msg: fmt.Sprintf(
			"Fastly keeps sampled logs for 7 days: this range ends %s, before %s; choose a range within the last 7 days",
			w.To.UTC().Format(time.RFC3339), oldest.UTC().Format(time.RFC3339))}
	}
	if !w.From.Before(oldest) {
		return w, nil, nil
	}
	w.From = oldest.Truncate(time.Minute).Add(time.Minute)
	if !w.From.Before(w.To) {
		return w, nil, &query.InvalidError{Msg: "Fastly keeps sampled logs for 7 days: this range ends less than a minute after that; choose a range within the last 7 days"}
	}
	return w, []series.Notice{series.Inform(fmt.Sprintf(
		"Fastly keeps sampled logs for 7 days: the range starts at %s instead", w.From.UTC().Format(time.RFC3339)))}, nil
}
