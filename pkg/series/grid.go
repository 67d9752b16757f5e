package series

import (
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// Grid is the sequence of bucket starts a query's series are drawn on.
type Grid struct {
	first time.Time
	step  time.Duration
	n     int
}

// NewGrid spans the buckets of granularity g from the first one at or after from up to the newest bucket Fastly
// published (frontier, a Unix second), leaving out buckets that start at or after to and buckets whose period has
// not ended at now; the notice says which unfinished bucket was left out.
func NewGrid(g query.Granularity, from, to, now time.Time, frontier int64) (Grid, []Notice) {
	step := g.Step()
	stepSec := int64(step / time.Second)
	first := ceilDiv(from.Unix(), stepSec) * stepSec
	grid := Grid{first: time.Unix(first, 0).UTC(), step: step}
	if frontier < first {
		return grid, nil
	}
	last := min(frontier, ceilDiv(to.Unix(), stepSec)*stepSec-stepSec)
	var notices []Notice
	if finished := now.Unix()/stepSec*stepSec - stepSec; last > finished {
		notices = Infos(fmt.Sprintf("The %s starting %s UTC has not ended: Fastly's partial value for it is not shown.",
			g, time.Unix(finished+stepSec, 0).UTC().Format("2006-01-02 15:04")))
		last = finished
	}
	if last >= first {
		grid.n = int((last-first)/stepSec) + 1
	}
	return grid, notices
}

// SecondGrid is the 1-second grid of real-time data over the seconds [from, to], both included.
func SecondGrid(from, to time.Time) Grid {
	first := from.UTC().Truncate(time.Second)
	n := 0
	if last := to.Truncate(time.Second); !last.Before(first) {
		n = int(last.Sub(first)/time.Second) + 1
	}
	return Grid{first: first, step: time.Second, n: n}
}

// Times are the bucket starts, in UTC.
func (g Grid) Times() []time.Time {
	out := make([]time.Time, g.n)
	for i := range out {
		out[i] = g.first.Add(time.Duration(i) * g.step)
	}
	return out
}

// Len is the number of buckets.
func (g Grid) Len() int { return g.n }

// Step is the bucket length.
func (g Grid) Step() time.Duration { return g.step }

// Index is the bucket index of a start time (Unix seconds), or -1 when it is off the grid.
func (g Grid) Index(start int64) int {
	offset := start - g.first.Unix()
	stepSec := int64(g.step / time.Second)
	if offset < 0 || offset%stepSec != 0 || offset/stepSec >= int64(g.n) {
		return -1
	}
	return int(offset / stepSec)
}

// Fill places rows (bucket start → value per field) on the grid as columns[field][bucket]; a bucket without a
// row had no traffic (zero).
func (g Grid) Fill(rows map[int64][]float64, fields int) [][]float64 {
	columns := make([][]float64, fields)
	for i := range columns {
		columns[i] = make([]float64, g.n)
	}
	for start, row := range rows {
		j := g.Index(start)
		if j < 0 {
			continue
		}
		for i, v := range row {
			columns[i][j] = v
		}
	}
	return columns
}

func ceilDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a > 0 {
		q++
	}
	return q
}
