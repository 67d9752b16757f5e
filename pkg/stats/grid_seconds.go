package stats

import "time"

// NewSecondGrid is the 1-second grid of real-time data over the seconds [from, to], both included.
func NewSecondGrid(from, to time.Time) Grid {
	first := from.UTC().Truncate(time.Second)
	n := 0
	if last := to.Truncate(time.Second); !last.Before(first) {
		n = int(last.Sub(first)/time.Second) + 1
	}
	return Grid{g: grid{first: first, step: time.Second, n: n}}
}
