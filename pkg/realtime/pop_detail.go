package realtime

import (
	"context"
	"errors"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// popDetail is a poller's per-POP buffer, held only while a reader needs POP detail (a per-POP panel, stream or
// alert rule, a POP filter). It is filled from Fastly's 120 s history when it starts,
// so POP detail begins there; it is dropped when its last reader has been idle for the hub's idle time.
type popDetail struct {
	buf    *Buffer
	ready  chan struct{} // closed after the first attempt to fill it from the history
	filled bool          // the history answer has been ingested
	subs   int           // subscriptions that read it
}

// needDetail returns the poller's per-POP buffer and the channel closed once it is filled, starting one (and
// asking the poll loop for a fresh backfill) when none exists. Inspector pollers always hold POP detail.
func (p *poller) needDetail(subscribe bool) (*Buffer, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastDetail = p.hub.clock.Now()
	if p.keepDetail {
		return p.buf, p.ready
	}
	if p.detail == nil {
		p.detail = &popDetail{buf: NewBuffer(p.hub.BufferSeconds()), ready: make(chan struct{})}
		if !p.pollingHistory { // a history poll in flight fills it; any other cannot: start over with the history
			p.refill = true
			if p.cancelPoll != nil {
				p.cancelPoll()
			}
			signal(p.wake)
		}
	}
	if subscribe {
		p.detail.subs++
	}
	return p.detail.buf, p.detail.ready
}

// releaseDetail ends a subscription's hold on the POP detail.
func (p *poller) releaseDetail() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.lastDetail = p.hub.clock.Now()
	if p.detail != nil && p.detail.subs > 0 {
		p.detail.subs--
	}
}

// ingestDetail stores a full answer in the per-POP buffer: a history answer fills it, later answers extend it.
func (p *poller) ingestDetail(resp *fastlyapi.RealtimeResponse, fromHistory bool) {
	p.mu.Lock()
	d := p.detail
	p.pollingHistory = false
	p.mu.Unlock()
	if d == nil || (!d.filled && !fromHistory) {
		return
	}
	d.buf.Ingest(resp, historySpan)
	p.mu.Lock()
	defer p.mu.Unlock()
	if !d.filled {
		d.filled = true
		close(d.ready)
	}
}

// detailAttemptFailed releases readers waiting for a history answer that failed; the next attempt refills.
func (p *poller) detailAttemptFailed() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pollingHistory = false
	if d := p.detail; d != nil && !d.filled {
		p.refill = true
		select {
		case <-d.ready:
		default:
			close(d.ready)
		}
	}
}

// dropIdleDetail drops the per-POP buffer when no subscription reads it and no reader asked for it within the
// idle time.
func (p *poller) dropIdleDetail() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.detail != nil && p.detail.subs == 0 && p.hub.clock.Now().Sub(p.lastDetail) >= p.hub.cfg.Idle {
		p.detail = nil
	}
}

// detailBuffer is the per-POP buffer held now, nil when none.
func (p *poller) detailBuffer() *Buffer {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.keepDetail {
		return p.buf
	}
	if p.detail == nil {
		return nil
	}
	return p.detail.buf
}

// takeRefill tells whether the next poll must read the history, and clears the request.
func (p *poller) takeRefill() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	r := p.refill
	p.refill = false
	return r
}

// pollContext bounds one poll and lets a new POP-detail reader interrupt it.
func (p *poller) pollContext(ctx context.Context, history bool) (context.Context, context.CancelFunc) {
	pctx, cancel := context.WithTimeout(ctx, p.hub.cfg.PollTimeout)
	p.mu.Lock()
	p.cancelPoll, p.pollingHistory = cancel, history
	p.mu.Unlock()
	return pctx, cancel
}

// interrupted tells whether a poll ended because a POP-detail reader asked for a fresh backfill.
func (p *poller) interrupted(ctx context.Context, err error) bool {
	if err == nil || ctx.Err() != nil || !errors.Is(err, context.Canceled) {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.refill
}

// summedOnly is the answer without its per-POP records, for the buffer every poller keeps.
func summedOnly(resp *fastlyapi.RealtimeResponse) *fastlyapi.RealtimeResponse {
	out := *resp
	out.Data = make([]fastlyapi.RealtimeRecord, len(resp.Data))
	for i, rec := range resp.Data {
		out.Data[i] = fastlyapi.RealtimeRecord{Recorded: rec.Recorded, Aggregated: rec.Aggregated}
	}
	return &out
}
