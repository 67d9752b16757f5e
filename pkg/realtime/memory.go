package realtime

import (
	"slices"
	"time"
)

// heldBuffer is one buffer the memory bound may trim, with when its service was last read.
type heldBuffer struct {
	buf      *Buffer
	lastRead time.Time
}

// enforceMemory drops the oldest minutes of the least recently read services until the hub's buffers fit
// MaxBytes again, keeping each buffer's newest minute; Buffer.Trimmed then tells answers that history was lost.
func (h *Hub) enforceMemory() {
	if h.cfg.MaxBytes <= 0 {
		return
	}
	h.memMu.Lock()
	defer h.memMu.Unlock()
	held, total := h.heldBuffers()
	if total <= h.cfg.MaxBytes {
		return
	}
	slices.SortStableFunc(held, func(a, b heldBuffer) int { return a.lastRead.Compare(b.lastRead) })
	for _, hb := range held {
		for total > h.cfg.MaxBytes && hb.buf.spansMinutes() {
			freed, ok := hb.buf.EvictOldest()
			if !ok {
				break
			}
			total -= freed
		}
		if total <= h.cfg.MaxBytes {
			return
		}
	}
}

// heldBuffers lists every buffer of the hub's pollers (per-POP ones first within a service) and their bytes.
func (h *Hub) heldBuffers() ([]heldBuffer, int64) {
	h.mu.Lock()
	pollers := make([]*poller, 0, len(h.pollers))
	last := make([]time.Time, 0, len(h.pollers))
	for _, p := range h.pollers {
		pollers, last = append(pollers, p), append(last, p.lastRead)
	}
	h.mu.Unlock()
	var held []heldBuffer
	var total int64
	for i, p := range pollers {
		for _, b := range p.buffers() {
			total += b.Held()
			held = append(held, heldBuffer{buf: b, lastRead: last[i]})
		}
	}
	return held, total
}

// buffers are the poller's buffers: the per-POP one (when held apart) first, then the sums by region, then the sums.
func (p *poller) buffers() []*Buffer {
	var out []*Buffer
	if d := p.detailBuffer(); d != nil && d != p.buf {
		out = append(out, d)
	}
	if r := p.regionBuffer(); r != nil {
		out = append(out, r)
	}
	return append(out, p.buf)
}

// spansMinutes tells whether the buffer holds more than its newest minute.
func (b *Buffer) spansMinutes() bool {
	oldest, newest := b.Oldest(), b.Newest()
	return oldest != 0 && minuteOf(oldest) < minuteOf(newest)
}
