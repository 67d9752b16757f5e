package realtime

// Holdings is what one hub holds: its pollers, the distinct services they follow and the bytes of their buffers.
type Holdings struct {
	Pollers, Services int
	// SummedBytes is the buffers' sums over POPs; DetailBytes their per-POP series; RegionBytes their sums by region.
	SummedBytes, DetailBytes, RegionBytes int64
}

// Holdings reports what the hub holds now.
func (h *Hub) Holdings() Holdings {
	h.mu.Lock()
	pollers := make([]*poller, 0, len(h.pollers))
	services := map[string]struct{}{}
	for _, p := range h.pollers {
		pollers = append(pollers, p)
		services[p.service] = struct{}{}
	}
	h.mu.Unlock()
	held := Holdings{Pollers: len(pollers), Services: len(services)}
	for _, p := range pollers {
		summed, detail := p.buf.Bytes()
		held.SummedBytes += summed
		held.DetailBytes += detail
		if d := p.detailBuffer(); d != nil && d != p.buf {
			summed, detail := d.Bytes()
			held.DetailBytes += summed + detail
		}
		if r := p.regionBuffer(); r != nil {
			summed, detail := r.Bytes()
			held.RegionBytes += summed + detail
		}
	}
	return held
}

// Bytes is the memory the buffer holds for sums over POPs (block structs included) and for per-POP series.
func (b *Buffer) Bytes() (summed, detail int64) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.bytes()
}

// Held is the buffer's bytes as of its last change, without walking its blocks.
func (b *Buffer) Held() int64 { return b.held.Load() }

// recount refreshes Held; the caller holds b.mu.
func (b *Buffer) recount() {
	summed, detail := b.bytes()
	b.held.Store(summed + detail)
}

// bytes is Bytes with b.mu held.
func (b *Buffer) bytes() (summed, detail int64) {
	summed = int64(cap(b.blocks)) * blockSize
	for i := range b.blocks {
		s, d := b.blocks[i].bytes()
		summed, detail = summed+s, detail+d
	}
	return summed, detail
}
