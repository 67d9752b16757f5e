package realtime

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// Upstream is the part of Fastly's real-time API a poller calls.
type Upstream interface {
	RealtimeHistory(ctx context.Context, serviceID string) (*fastlyapi.RealtimeResponse, error)
	RealtimeSince(ctx context.Context, serviceID string, ts int64) (*fastlyapi.RealtimeResponse, error)
}

// Clock lets tests decide when time passes.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

// Logger receives state changes of pollers (never one line per poll).
type Logger interface {
	Warn(msg string, args ...any)
	Info(msg string, args ...any)
}

// Config tunes a Hub.
type Config struct {
	// Idle stops a poller that has had no reader for this long.
	Idle time.Duration
	// Buffer is how much per-second data each service keeps.
	Buffer time.Duration
	// PollTimeout bounds one long poll (Fastly blocks until it has data).
	PollTimeout time.Duration
	// MaxPollers bounds the pollers of the hub (services × products); 0 means no bound.
	MaxPollers int
	// MaxBytes bounds the bytes held by all the hub's buffers; 0 means no bound.
	MaxBytes int64
	// Retry is the datasource's retry policy; its PollDelay paces a poller after a failed poll (on the hub's clock).
	Retry fastlyapi.RetryPolicy
	// Repolled is told the error of a failed poll each time a poller polls again after it; nil tells nobody.
	Repolled func(err error)
	// RegionOf maps POP codes to stats regions (ok false when it cannot be read now); channel pollers then keep sums
	// by region for region-filtered readers. nil keeps none.
	RegionOf func(ctx context.Context) (map[string]string, bool)
}

// historySpan is how far back Fastly's real-time API reaches.
const historySpan = 120

// defaultPollTimeout outlives Fastly's long polls on idle services (fastly-exporter uses 45–120 s).
const defaultPollTimeout = 60 * time.Second

// ErrClosed is returned to readers of a disposed datasource.
var ErrClosed = errors.New("the real-time poller of this datasource was stopped")

// errNoRegionMap refuses a region-filtered reader of a hub without Config.RegionOf.
var errNoRegionMap = errors.New("this real-time hub keeps no sums by region")

// LimitError refuses a reader that would make the hub follow more than Max services.
type LimitError struct {
	Max, Wanted int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("this would follow %d services in real time, more than this datasource's limit of %d", e.Wanted, e.Max)
}

// Hub owns one poller per service for one datasource instance.
type Hub struct {
	up     Upstream
	cfg    Config
	clock  Clock
	log    Logger
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu        sync.Mutex
	pollers   map[string]*poller
	memMu     sync.Mutex // one memory bound pass at a time
	regionMap regionMap
}

// NewHub returns a Hub; pollers start on the first reader of a service.
func NewHub(up Upstream, cfg Config, clock Clock, log Logger) *Hub {
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = defaultPollTimeout
	}
	cfg.Retry.Now = clock.Now
	ctx, cancel := context.WithCancel(context.Background())
	return &Hub{up: up, cfg: cfg, clock: clock, log: log, ctx: ctx, cancel: cancel, pollers: map[string]*poller{}}
}

// BufferSeconds is how many seconds each service keeps.
func (h *Hub) BufferSeconds() int { return int(h.cfg.Buffer / time.Second) }

// Close stops every poller and waits for their goroutines to end.
func (h *Hub) Close() {
	h.cancel()
	h.wg.Wait()
}

// Pollers is the number of running pollers.
func (h *Hub) Pollers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.pollers)
}

// Running tells whether a poller follows the service, without starting one.
func (h *Hub) Running(serviceID string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.pollers[serviceID]
	return ok
}

// Read returns the service's buffer of sums over POPs for a one-off reader (panel refresh, alert rule), starting
// the poller if needed and waiting for its first answer. The status tells whether the newest data is stale.
func (h *Hub) Read(ctx context.Context, serviceID string) (*Buffer, Status, error) {
	p, err := h.acquire(serviceID, false)
	if err != nil {
		return nil, Status{}, err
	}
	return h.await(ctx, p, p.buf, p.ready)
}

// ReadPOPs is Read for a reader of per-POP values: the buffer holds POP detail from the first answer after the
// first such reader arrived (Fastly's 120 s history), until such readers have been idle for the idle time.
func (h *Hub) ReadPOPs(ctx context.Context, serviceID string) (*Buffer, Status, error) {
	p, err := h.acquire(serviceID, false)
	if err != nil {
		return nil, Status{}, err
	}
	buf, ready := p.needDetail(false)
	return h.await(ctx, p, buf, ready)
}

// await waits until ready is closed and returns buf and the poller's status; an empty buffer of a failing poller
// is its error.
func (h *Hub) await(ctx context.Context, p *poller, buf *Buffer, ready <-chan struct{}) (*Buffer, Status, error) {
	select {
	case <-ready:
	case <-ctx.Done():
		return nil, Status{}, ctx.Err()
	case <-h.ctx.Done():
		return nil, Status{}, ErrClosed
	}
	st := p.status()
	if buf.Newest() == 0 && st.Err != nil {
		return nil, st, st.Err
	}
	return buf, st, nil
}

// Subscribe registers a continuous reader (a stream); the poller runs at least until the subscription is closed.
// notify receives a non-blocking signal after every answer; several subscriptions may share one channel.
func (h *Hub) Subscribe(serviceID string, notify chan struct{}) (*Subscription, error) {
	return h.subscribe(serviceID, notify, false)
}

// SubscribePOPs is Subscribe for a stream of per-POP values: its Buffer holds POP detail while it is open.
func (h *Hub) SubscribePOPs(serviceID string, notify chan struct{}) (*Subscription, error) {
	return h.subscribe(serviceID, notify, true)
}

func (h *Hub) subscribe(serviceID string, notify chan struct{}, pops bool) (*Subscription, error) {
	p, err := h.acquire(serviceID, true)
	if err != nil {
		return nil, err
	}
	sub := &Subscription{C: notify, Buffer: p.buf, p: p, hub: h, pops: pops}
	if pops {
		sub.Buffer, _ = p.needDetail(true)
	}
	p.addSubscriber(sub)
	return sub, nil
}

// Admit tells whether readers of every one of the services fit within MaxPollers, counting the pollers running.
func (h *Hub) Admit(serviceIDs []string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	wanted := len(h.pollers)
	for _, id := range serviceIDs {
		if _, ok := h.pollers[id]; !ok {
			wanted++
		}
	}
	return h.checkLimit(wanted)
}

// Start starts the service's poller without waiting for its first answer, so its backfill runs alongside other work.
func (h *Hub) Start(serviceID string) error {
	_, err := h.acquire(serviceID, false)
	return err
}

func (h *Hub) checkLimit(wanted int) error {
	if h.cfg.MaxPollers > 0 && wanted > h.cfg.MaxPollers {
		return &LimitError{Max: h.cfg.MaxPollers, Wanted: wanted}
	}
	return nil
}

func (h *Hub) acquire(serviceID string, continuous bool) (*poller, error) {
	return h.acquireFeed(serviceID, serviceID, channelFeed{h.up}, continuous, false)
}

// acquireFeed returns the poller of key, starting one that reads f for the service when none runs.
func (h *Hub) acquireFeed(key, serviceID string, f feed, continuous, keepDetail bool) (*poller, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ctx.Err() != nil {
		return nil, ErrClosed
	}
	p, ok := h.pollers[key]
	if !ok {
		if err := h.checkLimit(len(h.pollers) + 1); err != nil {
			return nil, err
		}
		p = newFeedPoller(h, key, serviceID, f, keepDetail)
		h.pollers[key] = p
		h.wg.Add(1)
		go p.run(h.ctx)
	}
	p.lastRead = h.clock.Now()
	if continuous {
		p.readers++
	}
	return p, nil
}

func (h *Hub) release(p *poller) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p.readers--
	p.lastRead = h.clock.Now()
}

// stopIfIdle removes p when it has no reader and none came within the idle time; it reports whether p must stop.
func (h *Hub) stopIfIdle(p *poller) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if p.readers > 0 || h.clock.Now().Sub(p.lastRead) < h.cfg.Idle {
		return false
	}
	delete(h.pollers, p.key)
	return true
}

func (h *Hub) forget(p *poller) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.pollers[p.key] == p {
		delete(h.pollers, p.key)
	}
}

// Subscription is one stream's hold on a service; C receives a signal after every answer of its poller.
type Subscription struct {
	C      chan struct{}
	Buffer *Buffer
	p      *poller
	hub    *Hub
	pops   bool
	once   sync.Once
}

// Status is the state of the subscribed poller.
func (s *Subscription) Status() Status { return s.p.status() }

// Close releases the subscription.
func (s *Subscription) Close() {
	s.once.Do(func() {
		s.p.removeSubscriber(s)
		if s.pops {
			s.p.releaseDetail()
		}
		s.hub.release(s.p)
	})
}
