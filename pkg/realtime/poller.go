package realtime

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// maxNoDataDelay caps the pause after "No data available" answers (one more second after each).
const maxNoDataDelay = 5 * time.Second

// Status tells readers how fresh a service's data is.
type Status struct {
	// Err is the last poll's error, nil when it succeeded.
	Err error
	// Since is when the poller started failing.
	Since time.Time
}

// poller long-polls one service: one outstanding request at a time.
type poller struct {
	hub     *Hub
	key     string // the hub's key: the service id for the channel, product/service for the inspectors
	service string
	feed    feed
	buf     *Buffer
	ready   chan struct{}
	regions *regionSums // channel pollers of a hub with Config.RegionOf; guarded by mu

	// readers and lastRead are guarded by hub.mu.
	readers  int
	lastRead time.Time

	mu         sync.Mutex
	detail     *popDetail // nil while no reader needs POP detail
	keepDetail bool       // inspector pollers: buf holds POP detail itself
	lastDetail time.Time
	refill     bool // the next poll reads the history, to fill a new per-POP buffer
	// pollingHistory: the poll in flight reads the history, whose answer fills a new per-POP buffer too.
	pollingHistory bool
	cancelPoll     context.CancelFunc
	wake           chan struct{}
	subs           map[*Subscription]struct{}
	st             Status
	failures       int
	noData         int
	isReady        bool
}

func newFeedPoller(h *Hub, key, service string, f feed, keepDetail bool) *poller {
	p := &poller{
		hub: h, key: key, service: service, feed: f, buf: NewBuffer(h.BufferSeconds()), keepDetail: keepDetail,
		ready: make(chan struct{}), wake: make(chan struct{}, 1), subs: map[*Subscription]struct{}{},
	}
	if !keepDetail && h.cfg.RegionOf != nil {
		p.regions = &regionSums{buf: NewBuffer(h.BufferSeconds())}
	}
	return p
}

func (p *poller) run(ctx context.Context) {
	defer p.hub.wg.Done()
	defer p.hub.forget(p)
	var cursor int64
	var lastErr error
	for ctx.Err() == nil {
		if p.takeRefill() {
			cursor = 0
		}
		if lastErr != nil && p.hub.cfg.Repolled != nil {
			p.hub.cfg.Repolled(lastErr)
		}
		resp, err := p.poll(ctx, cursor)
		lastErr = nil
		if p.interrupted(ctx, err) {
			continue
		}
		delay := time.Duration(0)
		if err != nil {
			lastErr = err
			delay = p.failed(err)
			if cursor == 0 {
				p.detailAttemptFailed()
			}
		} else {
			delay = p.answered(resp, cursor == 0)
			cursor = resp.Timestamp
		}
		p.dropIdleDetail()
		p.notify()
		if p.hub.stopIfIdle(p) || !p.wait(ctx, delay) {
			return
		}
	}
}

func (p *poller) poll(ctx context.Context, cursor int64) (*fastlyapi.RealtimeResponse, error) {
	ctx, cancel := p.pollContext(ctx, cursor == 0)
	defer cancel()
	if cursor == 0 {
		return p.feed.history(ctx, p.service)
	}
	return p.feed.since(ctx, p.service, cursor)
}

func (p *poller) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-ctx.Done():
		return false
	case <-p.wake:
		return true
	case <-p.hub.clock.After(d):
		return true
	}
}

// answered stores the answer (the sum over POPs always, POP detail while a reader needs it) and returns how long
// to wait before the next poll.
func (p *poller) answered(resp *fastlyapi.RealtimeResponse, fromHistory bool) time.Duration {
	if p.keepDetail {
		p.buf.Ingest(resp, historySpan)
	} else {
		p.buf.Ingest(summedOnly(resp), historySpan)
		p.ingestDetail(resp, fromHistory)
		p.ingestRegions(resp, fromHistory)
	}
	p.hub.enforceMemory()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.st.Err != nil && p.hub.log != nil {
		p.hub.log.Info("real-time polling recovered", "service", p.service, "failedSince", p.st.Since.UTC())
	}
	p.st, p.failures = Status{}, 0
	if len(resp.Data) > 0 {
		p.noData = 0
		return 0
	}
	p.noData++
	return min(time.Duration(p.noData)*time.Second, maxNoDataDelay)
}

// failed records the error and returns the pause before the next attempt, as the hub's retry policy says.
func (p *poller) failed(err error) time.Duration {
	if errors.Is(err, context.Canceled) && p.hub.ctx.Err() != nil {
		return 0
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failures++
	if p.st.Err == nil {
		p.st.Since = p.hub.clock.Now()
		if p.hub.log != nil {
			p.hub.log.Warn("real-time polling failed; backing off", "service", p.service, "error", err.Error())
		}
	}
	p.st.Err = err
	return p.hub.cfg.Retry.PollDelay(err, p.failures)
}

// markReady must be called with p.mu held.
func (p *poller) markReady() {
	if !p.isReady {
		p.isReady = true
		close(p.ready)
	}
}

func (p *poller) status() Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.st
}

func (p *poller) addSubscriber(s *Subscription) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.subs[s] = struct{}{}
	if p.isReady {
		signal(s.C) // the answers so far were signalled before s existed
	}
}

func (p *poller) removeSubscriber(s *Subscription) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.subs, s)
}

// notify marks the poller ready and signals every subscriber, in one step so a new subscriber misses no answer.
func (p *poller) notify() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.markReady()
	for s := range p.subs {
		signal(s.C)
	}
}

// signal sends without blocking; a pending signal already covers the new data.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}
