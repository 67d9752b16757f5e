package realtime

import (
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func popRecord(t int64, lhr, fra float64) fastlyapi.RealtimeRecord {
	m := func(v float64) fastlyapi.Measurements {
		return fastlyapi.Measurements{Values: map[string]float64{"requests": v, "hits": v / 2}}
	}
	return fastlyapi.RealtimeRecord{Recorded: t, Aggregated: m(lhr + fra), POPs: map[string]fastlyapi.Measurements{"LHR": m(lhr), "FRA": m(fra)}}
}

func TestSumsAddSecondsAndRefusePartlyHeldPeriods(t *testing.T) {
	b := NewBuffer(300)
	var data []fastlyapi.RealtimeRecord
	for s := int64(1000); s < 1060; s += 2 { // every other second has traffic; the rest is covered silence
		data = append(data, popRecord(s, 3, 1))
	}
	b.Ingest(&fastlyapi.RealtimeResponse{Timestamp: 1068, AggregateDelay: 9, Data: data}, 60) // holds 1000–1059

	sums, ok := b.Sums(1000, 1060, []string{"requests", "hits", "never_seen"}, nil)
	require.True(t, ok)
	assert.Equal(t, []float64{120, 60, 0}, sums)

	sums, ok = b.Sums(1000, 1060, []string{"requests"}, []string{"LHR"})
	require.True(t, ok)
	assert.Equal(t, []float64{90}, sums, "region filters sum only the chosen POPs")

	sums, ok = b.Sums(1000, 1060, []string{"requests"}, []string{})
	require.True(t, ok)
	assert.Equal(t, []float64{0}, sums, "a region without POPs has no traffic")

	_, ok = b.Sums(999, 1059, []string{"requests"}, nil)
	assert.False(t, ok, "a second before the first answer is not held")
	_, ok = b.Sums(1001, 1061, []string{"requests"}, nil)
	assert.False(t, ok, "a second after the newest answer is not held")
}
