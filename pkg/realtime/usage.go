package realtime

import "unsafe"

// Usage is what one hub holds: its pollers, the distinct services they follow and the bytes of their buffers.
type Usage struct {
	Pollers, Services int
	// SummedBytes approximates the buffers' sums over POPs; DetailBytes their per-POP samples.
	SummedBytes, DetailBytes int64
}

// Usage reports what the hub holds now.
func (h *Hub) Usage() Usage {
	h.mu.Lock()
	pollers := make([]*poller, 0, len(h.pollers))
	services := map[string]struct{}{}
	for _, p := range h.pollers {
		pollers = append(pollers, p)
		services[p.service] = struct{}{}
	}
	h.mu.Unlock()
	u := Usage{Pollers: len(pollers), Services: len(services)}
	for _, p := range pollers {
		summed, detail := p.buf.bytes()
		u.SummedBytes += summed
		u.DetailBytes += detail
		if d := p.detailBuffer(); d != nil && d != p.buf {
			summed, detail := d.bytes()
			u.DetailBytes += summed + detail
		}
	}
	return u
}

// popSampleSize is the bytes of one POP sample's header (POP id and two slice headers).
const popSampleSize = int64(unsafe.Sizeof(popSample{}))

// bytes approximates the memory of the buffer's samples from their slices' capacities, reused tails included.
func (b *Buffer) bytes() (summed, detail int64) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for i := range b.slots {
		s := &b.slots[i]
		summed += s.agg.capacityBytes()
		pops := s.pops[:cap(s.pops)]
		detail += int64(len(pops)) * popSampleSize
		for j := range pops {
			detail += pops[j].capacityBytes()
		}
	}
	return summed, detail
}

// capacityBytes is the bytes reserved by the sample's key and value slices.
func (s *sample) capacityBytes() int64 { return int64(cap(s.keys))*2 + int64(cap(s.vals))*8 }
