package realtime

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// benchSecond is one second of 100 POPs × 20 metrics.
func benchSecond(t int64) fastlyapi.RealtimeRecord {
	values := func(seed int) map[string]float64 {
		m := map[string]float64{}
		for i := range 20 {
			m[fmt.Sprintf("field_%02d", i)] = float64(seed*31 + i + 1)
		}
		return m
	}
	rec := fastlyapi.RealtimeRecord{Recorded: t, Aggregated: fastlyapi.Measurements{Values: values(0)}, Datacenters: map[string]fastlyapi.Measurements{}}
	for p := range 100 {
		rec.Datacenters[fmt.Sprintf("P%02d", p)] = fastlyapi.Measurements{Values: values(p + 1)}
	}
	return rec
}

// BenchmarkIngestSecond measures storing one second (100 POPs × 20 metrics) and reading it back for a stream,
// and reports the retained bytes per service per minute of such traffic.
func BenchmarkIngestSecond(b *testing.B) {
	recs := make([]fastlyapi.RealtimeRecord, 60)
	for i := range recs {
		recs[i] = benchSecond(int64(1000 + i))
	}
	m, _ := metrics.ForRealtime("requests")
	buf := NewBuffer(15 * 60)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := recs[i%60]
		rec.Recorded = int64(1000 + i)
		buf.Ingest(&fastlyapi.RealtimeResponse{Timestamp: rec.Recorded + 9, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{rec}}, 120)
		_ = buf.Values(rec.Recorded, rec.Recorded, m, nil)
	}
	b.StopTimer()
	b.ReportMetric(retainedPerMinute(recs), "bytes/service/minute")
}

func retainedPerMinute(recs []fastlyapi.RealtimeRecord) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	buf := NewBuffer(15 * 60)
	for minute := range 15 {
		for i, rec := range recs {
			rec.Recorded = int64(1000 + minute*60 + i)
			buf.Ingest(&fastlyapi.RealtimeResponse{Timestamp: rec.Recorded + 9, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{rec}}, 120)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(buf)
	return float64(after.HeapAlloc-before.HeapAlloc) / 15
}

// BenchmarkFanOut measures one second read by many streams of the same service: every subscriber computes its
// series from the one shared buffer (per POP, one metric), as RunStream does after each notification.
func BenchmarkFanOut(b *testing.B) {
	for _, readers := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("readers=%d", readers), func(b *testing.B) {
			m, _ := metrics.ForRealtime("requests")
			buf := NewBuffer(15 * 60)
			for i := range 120 {
				rec := benchSecond(int64(1000 + i))
				buf.Ingest(&fastlyapi.RealtimeResponse{Timestamp: rec.Recorded + 9, Data: []fastlyapi.RealtimeRecord{rec}}, 120)
			}
			pops := buf.POPs(1000, 1119)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for range readers {
					for _, p := range pops {
						_ = buf.Values(1119, 1119, m, []string{p})
					}
				}
			}
		})
	}
}
