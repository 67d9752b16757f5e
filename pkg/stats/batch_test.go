package stats

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func twoServiceTraffic() *fakeFastly {
	return &fakeFastly{buckets: map[string]map[int64]map[string]float64{
		svcA.ID: {minute(0): {"requests": 10, "hits": 6, "miss": 2}, minute(3): {"requests": 4, "hits": 1, "miss": 1}},
		svcB.ID: {minute(1): {"requests": 7, "hits": 3, "miss": 3}},
	}}
}

func TestQueriesOfOneRequestMakeEachCallOnceAndAnswerLikeAlone(t *testing.T) {
	requests := []Request{
		minuteRequest([]string{"requests"}, "service", svcA, svcB),
		minuteRequest([]string{"hit_ratio"}, "none", svcA, svcB),
		minuteRequest([]string{"requests", "hits"}, "service", svcA, svcB),
	}
	f := twoServiceTraffic()
	outcomes := NewEngine(f, Config{}).RunAll(context.Background(), requests)

	var made []string
	for _, c := range f.calls {
		made = append(made, c.String())
	}
	assert.Len(t, made, 6, "requests, hits and miss of two services: %v", made)
	assert.Len(t, slices.Compact(slices.Sorted(slices.Values(made))), len(made), "no call is made twice")
	for i, r := range requests {
		require.NoError(t, outcomes[i].Err)
		alone, err := NewEngine(twoServiceTraffic(), Config{}).Run(context.Background(), r)
		require.NoError(t, err)
		got := outcomes[i].Result
		assert.Equal(t, alone.Calls, got.Calls, "query %d lists only its own calls", i)
		assert.Equal(t, alone.Times, got.Times)
		require.Len(t, got.Series, len(alone.Series))
		for j := range alone.Series {
			assert.Equal(t, alone.Series[j].Service, got.Series[j].Service)
			assert.Equal(t, values(alone.Series[j]), values(got.Series[j]), "query %d series %d", i, j)
		}
	}
}

// failingField fails every call that carries one field.
type failingField struct {
	*fakeFastly
	field string
}

func (f failingField) Stats(ctx context.Context, r fastlyapi.StatsRequest) (*fastlyapi.StatsResult, error) {
	if slices.Contains(r.Fields, f.field) {
		return nil, errors.New("upstream failed")
	}
	return f.fakeFastly.Stats(ctx, r)
}

func TestFailedCallFailsOnlyTheQueriesThatNeedIt(t *testing.T) {
	e := NewEngine(failingField{fakeFastly: twoServiceTraffic(), field: "miss"}, Config{})
	outcomes := e.RunAll(context.Background(), []Request{
		minuteRequest([]string{"requests"}, "service", svcA, svcB),
		minuteRequest([]string{"hit_ratio"}, "service", svcA, svcB),
	})
	require.NoError(t, outcomes[0].Err)
	assert.Equal(t, []any{10.0, 0.0, 0.0, 4.0}, values(outcomes[0].Result.Series[0]))
	assert.EqualError(t, outcomes[1].Err, "upstream failed")
}
