package stats

import (
	"context"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"golang.org/x/sync/singleflight"
)

// upstream makes the engine's Fastly calls: identical calls in flight are made once, and at most
// cap(slots) calls of the datasource run at a time.
type upstream struct {
	fetcher Fetcher
	slots   chan struct{}
	flight  singleflight.Group
}

func newUpstream(f Fetcher, maxConcurrent int) *upstream {
	return &upstream{fetcher: f, slots: make(chan struct{}, max(maxConcurrent, 1))}
}

// stats performs one call, sharing the answer with identical calls in flight; answers are read-only.
func (u *upstream) stats(ctx context.Context, call fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error) {
	key := call.String() + " fields=" + strings.Join(call.Fields, ",")
	v, err, _ := u.flight.Do(key, func() (any, error) {
		select {
		case u.slots <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		defer func() { <-u.slots }()
		return u.fetcher.Stats(ctx, call)
	})
	if err != nil {
		return nil, err
	}
	return v.(*fastlyapi.StatsResult), nil
}
