package realtime

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fill gives the service's poller buffer five minutes of Fastly-shaped seconds and marks when it was last read.
func fill(t *testing.T, h *Hub, id string, read time.Time) *Buffer {
	t.Helper()
	buf, _, err := h.Read(context.Background(), id)
	require.NoError(t, err)
	fastlySeconds(buf, 2000, 2300)
	h.mu.Lock()
	h.pollers[id].lastRead = read
	h.mu.Unlock()
	return buf
}

func held(h *Hub) int64 {
	_, total := h.heldBuffers()
	return total
}

func TestMemoryBoundDropsTheOldestMinutesOfTheLeastRecentlyReadFirst(t *testing.T) {
	clock := &fakeClock{now: time.Unix(1000, 0)}
	h := NewHub(newFakeUpstream(), Config{Idle: time.Hour, Buffer: time.Hour}, clock, nil)
	defer h.Close()
	stale := fill(t, h, "stale", time.Unix(100, 0))
	fresh := fill(t, h, "fresh", time.Unix(900, 0))
	s, d := fresh.Bytes()
	h.cfg.MaxBytes = held(h) - (s+d)/2 // half a buffer too much

	h.enforceMemory()
	assert.LessOrEqual(t, held(h), h.cfg.MaxBytes, "the bound holds after the pass")
	assert.Positive(t, stale.Trimmed(), "the least recently read service lost its oldest seconds")
	assert.Greater(t, stale.Oldest(), int64(2000))
	assert.Zero(t, fresh.Trimmed(), "the recently read service kept all of its history")
	assert.Equal(t, int64(2299), stale.Newest(), "the newest seconds stay")

	h.cfg.MaxBytes = 1
	h.enforceMemory()
	for _, b := range []*Buffer{stale, fresh} {
		assert.Equal(t, minuteOf(b.Newest()), minuteOf(b.Oldest()), "every buffer keeps its newest minute")
	}
}

func TestAnswersThatLostHistoryToTheMemoryBoundSaySo(t *testing.T) {
	buf := NewBuffer(3600)
	fastlySeconds(buf, 2000, 2300)
	now := time.Unix(2310, 0)
	_, _, notices, err := Buffers{Bufs: []*Buffer{buf}}.Clip(time.Unix(1800, 0), now, now, 60)
	require.NoError(t, err)
	assert.NotContains(t, fmt.Sprint(notices), "realtimeMemoryMB", "nothing lost to the bound yet")
	_, ok := buf.EvictOldest()
	require.True(t, ok)
	from, _, notices, err := Buffers{Bufs: []*Buffer{buf}}.Clip(time.Unix(1800, 0), now, now, 60)
	require.NoError(t, err)
	assert.Equal(t, buf.Oldest(), from.Unix())
	assert.Contains(t, fmt.Sprint(notices), "realtimeMemoryMB")
}
