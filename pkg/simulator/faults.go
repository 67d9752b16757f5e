package simulator

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FaultKind is a kind of injected failure.
type FaultKind string

// Fault kinds.
const (
	FaultRateLimit   FaultKind = "rate_limit"   // 429 with Retry-After and Fastly-RateLimit-Reset
	FaultServerError FaultKind = "server_error" // Status (default 503) with a gateway's HTML page
	FaultDelay       FaultKind = "delay"        // the normal answer after Delay
	FaultTruncate    FaultKind = "truncate"     // the normal answer cut in half under its full Content-Length
	FaultGarbage     FaultKind = "garbage"      // 200 with a proxy's HTML page instead of JSON
	FaultHang        FaultKind = "hang"         // no answer until the client gives up
	FaultNoData      FaultKind = "no_data"      // real-time paths: "No data available" after the long poll (idle service)
)

// Fault injects one kind of failure into a deterministic selection of requests.
type Fault struct {
	Kind       FaultKind
	PathPrefix string        // only requests whose path starts with this; "" = every path
	Every      int           // every Nth matching request (1 = all); used when Ratio is 0
	Ratio      float64       // this share of matching requests, chosen by a hash of Seed and the request's number
	Seed       uint64        // seeds Ratio
	Limit      int           // at most this many injections; 0 = no limit
	Status     int           // FaultServerError's status; default 503
	RetryAfter time.Duration // FaultRateLimit's Retry-After (rounded up to seconds) and reset; default 1 s
	Delay      time.Duration // FaultDelay's delay
	From       time.Time     // active only from this time of the simulator's clock; zero = always
	Until      time.Time     // active only before this time of the simulator's clock; zero = always
}

// faultState counts one fault's matching requests and injections.
type faultState struct {
	Fault
	matched, injected int
}

// faultInjector applies the configured faults in order; the first one that fires answers the request.
type faultInjector struct {
	now    func() time.Time
	noData http.HandlerFunc // the simulator's "No data available" answer

	mu     sync.Mutex
	faults []*faultState
}

func newFaultInjector(faults []Fault, now func() time.Time) *faultInjector {
	f := &faultInjector{now: now}
	for _, fault := range faults {
		f.faults = append(f.faults, &faultState{Fault: fault})
	}
	return f
}

// serve answers r with a fault and returns true, or returns false to let the request through.
func (f *faultInjector) serve(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
	fault := f.pick(r.URL.Path, f.now())
	if fault == nil {
		return false
	}
	switch fault.Kind {
	case FaultRateLimit:
		f.rateLimit(w, fault.RetryAfter)
	case FaultServerError:
		gatewayPage(w, cmpOr(fault.Status, http.StatusServiceUnavailable))
	case FaultDelay:
		delay(w, r, next, fault.Delay)
	case FaultTruncate:
		truncated(w, r, next)
	case FaultGarbage:
		gatewayPage(w, http.StatusOK)
	case FaultHang:
		<-r.Context().Done()
	case FaultNoData:
		f.noData(w, r)
	default:
		return false
	}
	return true
}

// pick counts r against every fault matching its path at now and returns the first that fires.
func (f *faultInjector) pick(path string, now time.Time) *Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	var fired *Fault
	for _, s := range f.faults {
		if !strings.HasPrefix(path, s.PathPrefix) || !s.activeAt(now) {
			continue
		}
		s.matched++
		if fired == nil && s.fires() {
			s.injected++
			fired = &s.Fault
		}
	}
	return fired
}

func (s *faultState) activeAt(now time.Time) bool {
	return (s.From.IsZero() || !now.Before(s.From)) && (s.Until.IsZero() || now.Before(s.Until))
}

func (s *faultState) fires() bool {
	if s.Limit > 0 && s.injected >= s.Limit {
		return false
	}
	if s.Ratio > 0 {
		return unitHash(s.Seed, uint64(s.matched)) < s.Ratio
	}
	return s.Every > 0 && s.matched%s.Every == 0
}

// Injected returns how many requests each configured fault answered, in configuration order.
func (f *faultInjector) Injected() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]int, len(f.faults))
	for i, s := range f.faults {
		out[i] = s.injected
	}
	return out
}

// unitHash maps (seed, n) to a uniform number in [0, 1).
func unitHash(seed, n uint64) float64 {
	h := fnv.New64a()
	var buf [16]byte
	binary.LittleEndian.PutUint64(buf[:8], seed)
	binary.LittleEndian.PutUint64(buf[8:], n)
	_, _ = h.Write(buf[:])
	return float64(h.Sum64()>>11) / float64(1<<53)
}

func (f *faultInjector) rateLimit(w http.ResponseWriter, retryAfter time.Duration) {
	if retryAfter <= 0 {
		retryAfter = time.Second
	}
	secs := int64((retryAfter + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	w.Header().Set("Fastly-RateLimit-Remaining", "0")
	w.Header().Set("Fastly-RateLimit-Reset", strconv.FormatInt(f.now().Unix()+secs, 10))
	writeJSON(w, http.StatusTooManyRequests, legacyError{Msg: "Too many requests", Detail: "Rate limit exceeded, try again later"})
}

func gatewayPage(w http.ResponseWriter, status int) {
	w.Header().Set("Content-Type", "text/html")
	w.WriteHeader(status)
	_, _ = fmt.Fprintf(w, "<html><head><title>%d</title></head><body><h1>Gateway error</h1><p>The upstream did not answer.</p></body></html>", status)
}

func delay(w http.ResponseWriter, r *http.Request, next http.Handler, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return
	case <-t.C:
		next.ServeHTTP(w, r)
	}
}

// truncated sends the first half of the normal body while announcing all of it, then ends the response.
func truncated(w http.ResponseWriter, r *http.Request, next http.Handler) {
	rec := httptest.NewRecorder()
	next.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	_, _ = w.Write(body[:len(body)/2])
}

// serveNoData answers a real-time path (/v1/{channel|origins|domains}/{id}/ts/{ts}…) as Fastly does for a service
// without traffic: after the long poll, 200 with no records and "No data available".
func (s *Simulator) serveNoData(w http.ResponseWriter, r *http.Request) {
	head := s.RealtimeHead()
	if _, rest, ok := strings.Cut(r.URL.Path, "/ts/"); ok {
		cursor, _, _ := strings.Cut(rest, "/")
		if ts, err := strconv.ParseInt(cursor, 10, 64); err == nil && ts > 0 {
			head = max(s.waitForHead(r, ts), ts)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, `{"Data":[],"Timestamp":%d,"AggregateDelay":%d,"Error":%q}`, head, aggregateDelay, noDataMessage)
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}
