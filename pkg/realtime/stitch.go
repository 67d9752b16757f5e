package realtime

// Sums adds up each field over the seconds [from, to), over every POP when pops is nil, else over the listed POPs.
// ok is false unless the buffer holds every one of those seconds, so a partly held period is never summed.
func (b *Buffer) Sums(from, to int64, fields, pops []string) (sums []float64, ok bool) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if from >= to || !b.holds(from, to) {
		return nil, false
	}
	sel := b.selection(pops)
	inputs := b.inputIDs(fields)
	in := make([]float64, len(inputs))
	sums = make([]float64, len(inputs))
	for t := from; t < to; t++ {
		gather(b.at(t), sel, inputs, in)
		for i, v := range in {
			sums[i] += v
		}
	}
	return sums, true
}

// holds tells whether every second of [from, to) is covered by an answer.
func (b *Buffer) holds(from, to int64) bool {
	if b.newest == 0 || to-1 > b.newest || to-from > int64(len(b.slots)) {
		return false
	}
	for t := from; t < to; t++ {
		if s := b.at(t); !s.covered || s.second != t {
			return false
		}
	}
	return true
}

// Running tells whether a poller follows the service, without starting one.
func (h *Hub) Running(serviceID string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.pollers[serviceID]
	return ok
}
