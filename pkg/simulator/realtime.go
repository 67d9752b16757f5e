package simulator

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Real-time API behaviour.
const (
	aggregateDelay     = 9   // seconds between Timestamp and the newest aggregated second, as Fastly reports
	realtimeHistory    = 120 // seconds /ts/h returns
	defaultLongPoll    = time.Second
	longPollCheckEvery = 20 * time.Millisecond
	noDataMessage      = "No data available, please retry"
)

// rtCoreFields are present in every real-time record even when zero; other fields appear only when non-zero.
var rtCoreFields = map[string]bool{
	"requests": true, "resp_header_bytes": true, "header_size": true, "resp_body_bytes": true, "body_size": true,
	"hits": true, "miss": true, "pass": true, "synth": true, "errors": true, "hits_time": true, "miss_time": true,
}

// rtFields are the historical fields real-time also serves (it has no bandwidth, hit_ratio or origin_offload).
var rtFields = func() []field {
	var out []field
	for _, f := range fields {
		switch f.name {
		case "bandwidth", "hit_ratio", "origin_offload", "blacklist":
			continue
		}
		out = append(out, f)
	}
	return out
}()

// missHistogramShares splits misses into latency buckets (upper bound in ms, cumulative share).
var missHistogramShares = []struct {
	bound string
	cum   float64
}{{"10", 0.2}, {"20", 0.5}, {"50", 0.75}, {"100", 0.9}, {"250", 0.97}, {"1000", 1}}

// rtState holds the long-poll setting; the zero value means the default.
type rtState struct {
	mu       sync.Mutex
	longPoll time.Duration
	set      bool
}

// SetLongPoll sets how long a real-time request for a second that does not exist yet blocks (default 1 s).
func (s *Simulator) SetLongPoll(d time.Duration) {
	s.rt.mu.Lock()
	s.rt.longPoll, s.rt.set = d, true
	s.rt.mu.Unlock()
}

func (s *Simulator) longPoll() time.Duration {
	s.rt.mu.Lock()
	defer s.rt.mu.Unlock()
	if !s.rt.set {
		return defaultLongPoll
	}
	return s.rt.longPoll
}

// RealtimeHead is the Timestamp the real-time API answers with at the simulator's now.
func (s *Simulator) RealtimeHead() int64 { return s.now().Unix() - 1 }

// RealtimeValue is the ground truth of one real-time second as Fastly sends it (`*_sub_time` in nanoseconds):
// field of serviceID at second t, summed over POPs when pop is ""; 0 for a field the configured shape does not send.
func (s *Simulator) RealtimeValue(serviceID, fieldName, pop string, t time.Time) float64 {
	service, ok := s.byID[serviceID]
	if !ok {
		return 0
	}
	if s.fastlySized {
		return s.fastlyValue(service, fieldName, pop, t.Unix())
	}
	f, known := fieldsByName[fieldName]
	if !known {
		return 0
	}
	var c counters
	for _, p := range s.popSeconds(service, t.Unix()) {
		if pop == "" || p.code == pop {
			c.add(&p.c)
		}
	}
	v, _ := rtValue(f, &c)
	return v
}

// serveRealtime answers /v1/channel/{id}/ts/{ts}[/limit/{n}]: every second after the cursor ts, blocking briefly
// until a new second exists.
func (s *Simulator) serveRealtime(w http.ResponseWriter, r *http.Request) {
	service, ok := s.lookupService(w, r.PathValue("id"))
	if !ok {
		return
	}
	win, ok := s.realtimeWindow(w, r)
	if !ok {
		return
	}
	s.writeRealtime(w, service, win.from, win.timestamp, win.limit, win.last)
}

// realtimeWindow is the seconds a real-time call answers: (from, timestamp-aggregateDelay], the newest limit
// ones when last is set.
type realtimeWindow struct {
	from, timestamp int64
	limit           int
	last            bool
}

// realtimeWindow reads the ts and n path values of a real-time call, long-polling until a second after ts exists;
// it answers 400 itself when ts is invalid.
func (s *Simulator) realtimeWindow(w http.ResponseWriter, r *http.Request) (realtimeWindow, bool) {
	limit := positiveInt(r.PathValue("n"), 0)
	if r.PathValue("ts") == "h" {
		head := s.RealtimeHead()
		return realtimeWindow{from: head - aggregateDelay - realtimeHistory, timestamp: head, limit: limit, last: true}, true
	}
	ts, err := strconv.ParseInt(r.PathValue("ts"), 10, 64)
	if err != nil || ts < 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"msg": "Bad request", "detail": "invalid timestamp"})
		return realtimeWindow{}, false
	}
	head := s.waitForHead(r, ts)
	if ts == 0 {
		ts = head - 1
	}
	return realtimeWindow{from: max(ts, head-realtimeHistory) - aggregateDelay, timestamp: max(head, ts), limit: limit}, true
}

// waitForHead blocks until the head passes ts, the long-poll time ends or the request is cancelled.
func (s *Simulator) waitForHead(r *http.Request, ts int64) int64 {
	deadline := time.NewTimer(s.longPoll())
	defer deadline.Stop()
	tick := time.NewTicker(longPollCheckEvery)
	defer tick.Stop()
	for head := s.RealtimeHead(); head <= ts; head = s.RealtimeHead() {
		select {
		case <-r.Context().Done():
			return head
		case <-deadline.C:
			return head
		case <-tick.C:
		}
	}
	return s.RealtimeHead()
}

// writeRealtime writes the seconds (from, timestamp-aggregateDelay] with traffic; last keeps the newest limit ones.
func (s *Simulator) writeRealtime(w http.ResponseWriter, service int, from, timestamp int64, limit int, last bool) {
	b := append(make([]byte, 0, 4096), `{"Data":[`...)
	b, n := s.appendRealtimeData(b, service, from, timestamp-aggregateDelay, limit, last)
	b = append(b, `],"Timestamp":`...)
	b = strconv.AppendInt(b, timestamp, 10)
	b = append(b, `,"AggregateDelay":`...)
	b = strconv.AppendInt(b, aggregateDelay, 10)
	if n == 0 {
		b = append(b, `,"Error":"`+noDataMessage+`"`...)
	}
	b = append(b, '}')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "max-age=1")
	_, _ = w.Write(b)
}

// appendRealtimeData appends the comma-separated records of the seconds (from, to] with traffic, at most limit of
// them (0 = all): the newest when last is set, else the oldest; it also returns how many it appended.
func (s *Simulator) appendRealtimeData(b []byte, service int, from, to int64, limit int, last bool) ([]byte, int) {
	var starts []int // where each record begins in b
	for t := from + 1; t <= to && (limit == 0 || last || len(starts) < limit); t++ {
		mark, sep := len(b), b
		if len(starts) > 0 {
			sep = append(b, ',')
		}
		rec, ok := s.appendRealtimeRecord(sep, service, t)
		if !ok {
			b = rec[:mark]
			continue
		}
		b, starts = rec, append(starts, len(sep))
		if len(starts) == 1 {
			b = slices.Grow(b, (len(b)-mark)*5/4*recordsAfter(to-t, limit, last))
		}
	}
	if limit == 0 || len(starts) <= limit {
		return b, len(starts)
	}
	start, kept := starts[0], starts[len(starts)-limit]
	return b[:start+copy(b[start:], b[kept:])], limit
}

// recordsAfter bounds how many more records appendRealtimeData appends with secondsLeft seconds to go.
func recordsAfter(secondsLeft int64, limit int, last bool) int {
	if limit > 0 && !last {
		return min(int(secondsLeft), limit-1)
	}
	return int(secondsLeft)
}

// appendRealtimeRecord appends second t in the configured shape; ok is false when the second has no traffic
// (Fastly omits it).
func (s *Simulator) appendRealtimeRecord(b []byte, service int, t int64) ([]byte, bool) {
	if s.fastlySized {
		return s.appendFastlyRecord(b, service, t)
	}
	return s.appendCompactRecord(b, service, t)
}

// popSecond is one POP's traffic during one second.
type popSecond struct {
	code string
	c    counters
}

// popSeconds splits the service's minute of each stats region across the region's POPs and the minute's seconds,
// so that the seconds of a minute add up exactly to the historical minute.
func (s *Simulator) popSeconds(service int, t int64) []popSecond {
	minute := floorTo(t, secondsPerMinute)
	var out []popSecond
	for region, reg := range statsRegions {
		var c counters
		if minute >= s.model.profiles[service].trafficStart(s.now().Unix()) {
			s.model.addMinute(&c, service, region, minute)
		}
		if !c.hasTraffic() {
			continue
		}
		codes := popsIn(reg.name)
		for k, code := range codes {
			var pc counters
			second := (t - minute + int64(hashString(code)%secondsPerMinute)) % secondsPerMinute
			for i := range c {
				pc[i] = share(share(c[i], int64(k), int64(len(codes))), second, secondsPerMinute)
			}
			if pc.hasTraffic() {
				out = append(out, popSecond{code: code, c: pc})
			}
		}
	}
	return out
}

// share is the i-th of n near-equal integer parts of v; the parts add up to v.
func share(v, i, n int64) int64 { return v*(i+1)/n - v*i/n }

func popsIn(statsRegion string) []string {
	var codes []string
	for _, p := range pops {
		if p.StatsRegion == statsRegion {
			codes = append(codes, p.Code)
		}
	}
	return codes
}

// appendCompactRecord appends one second in the compact shape; ok is false when the second has no traffic.
func (s *Simulator) appendCompactRecord(b []byte, service int, t int64) ([]byte, bool) {
	perPOP := s.popSeconds(service, t)
	if len(perPOP) == 0 {
		return b, false
	}
	var agg counters
	b = append(b, `{"datacenter":{`...)
	for i, p := range perPOP {
		agg.add(&p.c)
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, p.code...)
		b = append(b, `":`...)
		b = appendRealtimeMeasurements(b, &p.c)
	}
	b = append(b, `},"aggregated":`...)
	b = appendRealtimeMeasurements(b, &agg)
	b = append(b, `,"recorded":`...)
	b = strconv.AppendInt(b, t, 10)
	return append(b, '}'), true
}

func appendRealtimeMeasurements(b []byte, c *counters) []byte {
	b = append(b, '{')
	for _, f := range rtFields {
		v, _ := rtValue(f, c)
		if v == 0 && !rtCoreFields[f.name] {
			continue
		}
		b = append(b, '"')
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = strconv.AppendFloat(b, v, 'f', -1, 64)
		b = append(b, ',')
	}
	b = append(b, `"miss_histogram":{`...)
	prev := int64(0)
	first := true
	for _, h := range missHistogramShares {
		upto := int64(float64(c[cMiss]) * h.cum)
		if n := upto - prev; n > 0 {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `"`+h.bound+`":`...)
			b = strconv.AppendInt(b, n, 10)
		}
		prev = upto
	}
	return append(b, "}}"...)
}

// rtValue is a field's real-time value: like historical, except `*_sub_time` in nanoseconds.
func rtValue(f field, c *counters) (float64, bool) {
	if strings.HasSuffix(f.name, "_sub_time") {
		return float64(c[f.src]), true
	}
	return f.value(c)
}
