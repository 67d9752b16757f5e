package logs

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestACancelledCallerDoesNotFailOthersSharingItsRead(t *testing.T) {
	c := newAnswerCache(1<<20, time.Minute, time.Now)
	started, release := make(chan struct{}), make(chan struct{})
	load := func(ctx context.Context) (string, int64, error) {
		close(started)
		select {
		case <-release:
			return "answer", 6, nil
		case <-ctx.Done():
			return "", 0, ctx.Err()
		}
	}
	first, cancelFirst := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := cached(first, c, "k", true, load)
		firstErr <- err
	}()
	<-started
	second := make(chan string, 1)
	go func() {
		v, err := cached(context.Background(), c, "k", true, func(context.Context) (string, int64, error) {
			return "a second read", 0, nil
		})
		assert.NoError(t, err)
		second <- v
	}()
	cancelFirst()
	require.ErrorIs(t, <-firstErr, context.Canceled, "the caller that left gets its own cancellation")
	close(release)
	assert.Equal(t, "answer", <-second, "the caller still waiting gets the shared read's answer")
}
