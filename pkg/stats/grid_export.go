package stats

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// Grid is the bucket grid of a query: bucket starts from the first one at or after the range start up to the
// newest published bucket, without unfinished buckets. Other engines (inspectors) draw on it like stats.
type Grid struct{ g grid }

// NewGrid builds the grid of granularity g over [from, to) at now, ending at frontier (the newest bucket start
// Fastly returned); the notices say which unfinished bucket was left out.
func NewGrid(g query.Granularity, from, to, now time.Time, frontier int64) (Grid, []string) {
	built, notices := buildGrid(Request{Granularity: g, From: from, To: to, Now: now}, frontier)
	return Grid{g: built}, notices
}

// Times are the bucket starts.
func (g Grid) Times() []time.Time { return g.g.times() }

// Len is the number of buckets.
func (g Grid) Len() int { return g.g.n }

// Step is the bucket length.
func (g Grid) Step() time.Duration { return g.g.step }

// Index is the bucket index of a start time (Unix seconds), or -1 when it is off the grid.
func (g Grid) Index(start int64) int { return g.g.index(start) }
