package realtime

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastlySeconds ingests Fastly-shaped seconds [from, to) in answers of five shuffled records, one second in five
// without traffic, and returns the records by second.
func fastlySeconds(buf *Buffer, from, to int64) map[int64]fastlyapi.RealtimeRecord {
	rng := rand.New(rand.NewPCG(5, 6))
	want := map[int64]fastlyapi.RealtimeRecord{}
	for t := from; t < to; t += 5 {
		var data []fastlyapi.RealtimeRecord
		for s := t; s < min(t+5, to); s++ {
			if rng.IntN(5) > 0 {
				want[s] = benchSecond(rng, s, true)
				data = append(data, want[s])
			}
		}
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		buf.Ingest(&fastlyapi.RealtimeResponse{Timestamp: min(t+5, to) - 1 + 9, AggregateDelay: 9, Data: data}, 120)
	}
	return want
}

// measurementsOf is what a record holds for a POP ("" for the sum over POPs).
func measurementsOf(rec fastlyapi.RealtimeRecord, pop string) fastlyapi.Measurements {
	if pop == "" {
		return rec.Aggregated
	}
	return rec.POPs[pop]
}

// popList is nil for the sum over POPs, else the one POP.
func popList(pop string) []string {
	if pop == "" {
		return nil
	}
	return []string{pop}
}

func TestEveryIngestedValueReadsBackExactly(t *testing.T) {
	buf := NewBuffer(10 * 60)
	from, to := int64(1000), int64(1200)
	want := fastlySeconds(buf, from, to)
	pops := []string{""}
	for p := range benchPOPs {
		pops = append(pops, fmt.Sprintf("P%02d", p))
	}
	for _, pop := range pops {
		for s := from; s < to; s++ {
			sums, held := buf.Sums(s, s+1, benchFields, popList(pop))
			require.True(t, held)
			for i, field := range benchFields {
				if w := measurementsOf(want[s], pop).Values[field]; w != sums[i] {
					require.Equal(t, w, sums[i], "%s %s at %d", pop, field, s)
				}
			}
		}
		for _, field := range benchFields {
			m, ok := metrics.ForRealtime(field)
			if !ok {
				continue
			}
			got := buf.Values(from, to-1, m, popList(pop))
			for s := from; s < to; s++ {
				in := make([]float64, len(m.Inputs))
				for i, f := range m.Inputs {
					in[i] = measurementsOf(want[s], pop).Values[f]
				}
				if v, has := m.Compute(in); has != (got[s-from] != nil) || has && v != *got[s-from] {
					require.Equal(t, fmt.Sprint(v, has), fmt.Sprint(deref(got[s-from:s-from+1])), "%s %s at %d", pop, field, s)
				}
			}
		}
		for _, name := range []string{"miss_latency_p50", "miss_latency_p95", "miss_latency_p99"} {
			m, ok := metrics.ForRealtime(name)
			require.True(t, ok)
			got := buf.Values(from, to-1, m, popList(pop))
			for s := from; s < to; s++ {
				counts := map[float64]float64{}
				for bound, n := range measurementsOf(want[s], pop).MissHistogram {
					if n != 0 {
						counts[bound] = n
					}
				}
				if v, has := percentile(counts, m.Percentile); has != (got[s-from] != nil) || has && v != *got[s-from] {
					require.Equal(t, fmt.Sprint(v, has), fmt.Sprint(deref(got[s-from:s-from+1])), "%s %s at %d", pop, name, s)
				}
			}
		}
	}
	req, _ := metrics.ForRealtime("requests")
	many := pops[1:11]
	got := buf.Values(from, to-1, req, many)
	for s := from; s < to; s++ {
		sum := 0.0
		for _, pop := range many {
			sum += want[s].POPs[pop].Values["requests"]
		}
		require.Equal(t, sum, *got[s-from], "ten POPs at %d", s)
	}
	seen := map[string]bool{}
	for _, rec := range want {
		for pop := range rec.POPs {
			seen[pop] = true
		}
	}
	wantPOPs := make([]string, 0, len(seen))
	for pop := range seen {
		wantPOPs = append(wantPOPs, pop)
	}
	sort.Strings(wantPOPs)
	assert.Equal(t, wantPOPs, buf.POPs(from, to-1))
}

func TestIngestSortsRecordsAndKeepsCoveredSeconds(t *testing.T) {
	b := NewBuffer(600)
	req, _ := metrics.ForRealtime("requests")
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1019, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(1010, 3), record(1005, 1), record(1010, 4)}}, 120)
	assert.Equal(t, []float64{1, 0, 0, 0, 0, 4}, deref(b.Values(1005, 1010, req, nil)), "sorted; the last record of a second wins")
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1021, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(1008, 9), record(1012, 5)}}, 120)
	assert.Equal(t, []float64{0, 0, 4, 0, 5}, deref(b.Values(1008, 1012, req, nil)), "a covered second keeps what it holds")
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1309, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(1100, 7)}}, 120)
	assert.Equal(t, []bool{false, true, false}, b.Covered(1099, 1101), "a record older than the span covers its second")
	assert.Equal(t, []float64{-1, 7, -1}, deref(b.Values(1099, 1101, req, []string{"LHR"})))
	assert.Equal(t, []bool{false, true, true}, b.Covered(1180, 1182), "the answer's span starts at 1181")
}

func TestEvictOldestDropsTheOldestMinute(t *testing.T) {
	b := NewBuffer(600)
	req, _ := metrics.ForRealtime("requests")
	_, ok := b.EvictOldest()
	assert.False(t, ok, "nothing to evict")
	for ts := int64(1000); ts < 1200; ts++ {
		b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: ts + 9, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(ts, float64(ts))}}, 120)
	}
	assert.Equal(t, int64(0), b.Trimmed())
	assert.Equal(t, int64(881), b.Oldest(), "the first answer covered 120 s")
	summed, detail := b.Bytes()
	freed, ok := b.EvictOldest()
	require.True(t, ok)
	assert.Positive(t, freed)
	afterSummed, afterDetail := b.Bytes()
	assert.Equal(t, summed+detail-freed, afterSummed+afterDetail, "freed is what Bytes no longer counts")
	assert.Equal(t, int64(900), b.Trimmed())
	assert.Equal(t, int64(900), b.Oldest())
	assert.Equal(t, []bool{false, true}, b.Covered(899, 900))
	assert.Equal(t, []float64{-1, 0}, deref(b.Values(899, 900, req, nil)))
	for ok {
		_, ok = b.EvictOldest()
	}
	assert.Equal(t, int64(1200), b.Trimmed(), "the open minute went too")
	assert.Equal(t, int64(0), b.Oldest())
	assert.Nil(t, b.Values(1199, 1199, req, nil)[0])
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1209, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{record(1200, 8)}}, 120)
	assert.Equal(t, int64(1200), b.Oldest())
	assert.Equal(t, []float64{8}, deref(b.Values(1200, 1200, req, nil)))
}

func TestBufferHoldsAMinuteOfFastlyTrafficCompactly(t *testing.T) {
	for perPOP, limit := range map[bool]int64{true: 400_000, false: 40_000} {
		recs := benchMinute(1020, perPOP)
		buf := NewBuffer(15 * 60)
		for minute := range 15 {
			for i, rec := range recs {
				rec.Recorded = int64(1020 + minute*60 + i)
				ingestOne(buf, rec)
			}
		}
		summed, detail := buf.Bytes()
		assert.LessOrEqual(t, (summed+detail)/15, limit, "per POP: %v", perPOP)
		if !perPOP {
			assert.Zero(t, detail)
		}
		t.Logf("per POP %v: summed %d B, detail %d B per minute", perPOP, summed/15, detail/15)
	}
}

func TestDimensionSeriesReadsSealedMinutesInOrder(t *testing.T) {
	b := NewBuffer(600)
	rec := func(ts int64, a, c float64) fastlyapi.RealtimeRecord {
		m := fastlyapi.Measurements{Values: map[string]float64{"a.com" + dimensionSep + "responses": a, "c.com" + dimensionSep + "responses": c}}
		return fastlyapi.RealtimeRecord{Recorded: ts, Aggregated: m, POPs: map[string]fastlyapi.Measurements{"LHR": m}}
	}
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1089, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{rec(1030, 3, 4), rec(1010, 1, 0), rec(1011, 0, 2)}}, 120)
	for _, byPOP := range []bool{false, true} {
		got := b.DimensionSeries("host", 1000, 1080, []string{"responses"}, byPOP)
		require.Len(t, got, 2)
		assert.Equal(t, "a.com", got[0].Dimensions["host"])
		assert.Equal(t, []int64{1010, 1030}, got[0].Timestamps)
		assert.Equal(t, [][]float64{{1, 3}}, got[0].Values)
		assert.Equal(t, []int64{1011, 1030}, got[1].Timestamps)
		assert.Equal(t, [][]float64{{2, 4}}, got[1].Values)
		if byPOP {
			assert.Equal(t, "LHR", got[1].Dimensions[fastlyapi.DimensionPOP])
		}
	}
}
