package realtime

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Clip clips [from, to] to the seconds the buffers hold (the newest second any holds, the oldest any starts at)
// and says so; a range entirely older than what is kept is an error that points to stats queries. minutes is
// how much each buffer keeps.
func (b Buffers) Clip(from, to, now time.Time, minutes int) (time.Time, time.Time, []series.Notice, error) {
	if to.After(now) {
		to = now
	}
	from, to = from.Truncate(time.Second), to.Truncate(time.Second)
	newest, oldest := b.span()
	window := time.Duration(minutes) * time.Minute
	if to.Before(now.Add(-window)) || (oldest > 0 && to.Unix() < oldest) {
		return from, to, nil, TooOldError(minutes, OlderInStats)
	}
	if newest > 0 && to.Unix() > newest {
		to = time.Unix(newest, 0)
	}
	var notices []series.Notice
	if b.trimmedAfter(from.Unix()) {
		notices = append(notices, trimmedNotice)
	}
	if oldest > from.Unix() {
		if b.POPs {
			notices = append(notices, popDetailNotice(oldest, minutes))
		} else {
			notices = append(notices, StartsAtNotice(oldest, minutes, OlderInStats))
		}
		from = time.Unix(oldest, 0)
	}
	return from.UTC(), to.UTC(), notices, nil
}

// Holds tells whether every buffer reaches back to from (its newest second may lag behind the range end).
func (b Buffers) Holds(from time.Time) bool {
	for _, buf := range b.Bufs {
		if oldest := buf.Oldest(); oldest == 0 || oldest > from.Unix() {
			return false
		}
	}
	return true
}

// CommonStart is the newest of the buffers' oldest seconds, at least from: where every buffer holds data.
func (b Buffers) CommonStart(from time.Time) int64 {
	start := from.Unix()
	for _, buf := range b.Bufs {
		start = max(start, buf.Oldest())
	}
	return start
}

// trimmedAfter tells whether a buffer dropped seconds at or after from to stay within the memory bound.
func (b Buffers) trimmedAfter(from int64) bool {
	for _, buf := range b.Bufs {
		if buf.Trimmed() > from {
			return true
		}
	}
	return false
}

// span is the newest second any buffer holds and the oldest second any starts at (0 when none).
func (b Buffers) span() (newest, oldest int64) {
	for _, buf := range b.Bufs {
		newest = max(newest, buf.Newest())
		if o := buf.Oldest(); o > 0 && (oldest == 0 || o < oldest) {
			oldest = o
		}
	}
	return newest, oldest
}

// Seconds lists every second of [from, to], in UTC.
func Seconds(from, to time.Time) []time.Time {
	out := []time.Time{}
	for t := from; !t.After(to); t = t.Add(time.Second) {
		out = append(out, t.UTC())
	}
	return out
}
