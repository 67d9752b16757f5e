package stats

import (
	"fmt"
	"time"
)

// grid is the sequence of bucket starts a series is drawn on.
type grid struct {
	first time.Time
	step  time.Duration
	n     int
}

func (g grid) times() []time.Time {
	out := make([]time.Time, g.n)
	for i := range out {
		out[i] = g.first.Add(time.Duration(i) * g.step)
	}
	return out
}

// index returns the bucket index of a start time, or -1 when it is off the grid.
func (g grid) index(start int64) int {
	offset := start - g.first.Unix()
	stepSec := int64(g.step / time.Second)
	if offset < 0 || offset%stepSec != 0 || offset/stepSec >= int64(g.n) {
		return -1
	}
	return int(offset / stepSec)
}

// buildGrid spans the buckets from the first one at or after From up to the newest bucket Fastly published
// (frontier), leaving out buckets that start at or after To and buckets whose period has not ended yet.
func buildGrid(r Request, frontier int64) (grid, []string) {
	step := r.Granularity.Step()
	stepSec := int64(step / time.Second)
	first := ceilDiv(r.From.Unix(), stepSec) * stepSec
	g := grid{first: time.Unix(first, 0).UTC(), step: step}
	if frontier < first {
		return g, nil
	}
	last := min(frontier, ceilDiv(r.To.Unix(), stepSec)*stepSec-stepSec)
	var notices []string
	if finished := r.Now.Unix()/stepSec*stepSec - stepSec; last > finished {
		notices = append(notices, unfinishedNotice(r, time.Unix(finished+stepSec, 0)))
		last = finished
	}
	if last >= first {
		g.n = int((last-first)/stepSec) + 1
	}
	return g, notices
}

func unfinishedNotice(r Request, start time.Time) string {
	return fmt.Sprintf("The %s starting %s UTC has not ended: Fastly's partial value for it is not shown.",
		r.Granularity, start.UTC().Format("2006-01-02 15:04"))
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a > 0 {
		q++
	}
	return q
}
