package realtime

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// benchPOPs is Fastly's POP count; the first half is busy, the second half small and idle about half the time.
const benchPOPs = 80

// benchFields are the 38 numeric fields of a recorded Fastly POP (miss_histogram is the 39th).
var benchFields = []string{"requests", "tls", "resp_header_bytes", "header_size", "resp_body_bytes", "body_size",
	"req_header_bytes", "req_body_bytes", "status_2xx", "status_200", "hits", "miss", "pass", "synth", "errors",
	"hits_time", "miss_time", "tls_v12", "object_size_100k", "recv_sub_time", "recv_sub_count", "hash_sub_time",
	"hash_sub_count", "miss_sub_time", "miss_sub_count", "deliver_sub_time", "deliver_sub_count", "prehash_sub_time",
	"prehash_sub_count", "predeliver_sub_time", "predeliver_sub_count", "hit_resp_body_bytes", "edge_requests",
	"edge_resp_header_bytes", "edge_resp_body_bytes", "compute_execution_time_ms", "compute_request_time_billed_ms",
	"compute_request_time_ms"}

// benchBuckets are the miss_histogram bounds (ms) a POP reports.
var benchBuckets = []float64{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}

// rawPOP is one POP's second as Fastly sends it: integers, with times in ns (`*_sub_time`) or µs (hits/miss_time).
type rawPOP struct {
	values    map[string]int64
	histogram map[float64]int64
}

// benchRaw draws one POP's second around its request rate.
func benchRaw(rng *rand.Rand, rate float64) rawPOP {
	req := int64(rate * (0.8 + 0.4*rng.Float64()))
	part := func(f float64) int64 { return int64(float64(req) * f * (0.9 + 0.2*rng.Float64())) }
	v := map[string]int64{}
	for _, f := range benchFields {
		switch {
		case strings.HasSuffix(f, "_sub_time"):
			v[f] = part(1) * int64(20000+rng.IntN(40000))
		case strings.HasSuffix(f, "_bytes") || f == "header_size" || f == "body_size":
			v[f] = part(1) * int64(400+rng.IntN(20000))
		case f == "hits_time" || f == "miss_time":
			v[f] = part(1) * int64(50+rng.IntN(5000))
		case f == "synth" || f == "errors":
			v[f] = int64(rng.IntN(2)) * part(0.01)
		default:
			v[f] = part(0.9)
		}
	}
	v["requests"], v["edge_requests"] = req, req
	h := map[float64]int64{}
	for _, bound := range benchBuckets {
		if n := part(0.015); n > 0 {
			h[bound] = n
		}
	}
	return rawPOP{values: v, histogram: h}
}

// measurements decodes a raw second as the decoder does (ns to seconds, µs to decimal seconds).
func (r rawPOP) measurements() fastlyapi.Measurements {
	m := fastlyapi.Measurements{Values: map[string]float64{}, MissHistogram: map[float64]float64{}}
	for f, n := range r.values {
		switch {
		case strings.HasSuffix(f, "_sub_time"):
			m.Values[f] = float64(n) / 1e9
		case f == "hits_time" || f == "miss_time":
			m.Values[f] = float64(n) / 1e6
		default:
			m.Values[f] = float64(n)
		}
	}
	for bound, n := range r.histogram {
		m.MissHistogram[bound] = float64(n)
	}
	return m
}

// add sums another POP into r.
func (r *rawPOP) add(o rawPOP) {
	for f, n := range o.values {
		r.values[f] += n
	}
	for bound, n := range o.histogram {
		r.histogram[bound] += n
	}
}

// benchSecond is one second of a Fastly-shaped service: 80 POPs × 39 fields, half of the small POPs idle.
func benchSecond(rng *rand.Rand, t int64, perPOP bool) fastlyapi.RealtimeRecord {
	sum := rawPOP{values: map[string]int64{}, histogram: map[float64]int64{}}
	rec := fastlyapi.RealtimeRecord{Recorded: t}
	if perPOP {
		rec.POPs = map[string]fastlyapi.Measurements{}
	}
	for p := range benchPOPs {
		rate := 2000 / float64(p+1)
		if p >= benchPOPs/2 {
			if rng.IntN(2) == 0 {
				continue
			}
			rate = 1 + float64(rng.IntN(5))
		}
		raw := benchRaw(rng, rate)
		sum.add(raw)
		if perPOP {
			rec.POPs[fmt.Sprintf("P%02d", p)] = raw.measurements()
		}
	}
	rec.Aggregated = sum.measurements()
	return rec
}

// benchMinute is one minute of seconds starting at t.
func benchMinute(t int64, perPOP bool) []fastlyapi.RealtimeRecord {
	rng := rand.New(rand.NewPCG(1, 2))
	recs := make([]fastlyapi.RealtimeRecord, 60)
	for i := range recs {
		recs[i] = benchSecond(rng, t+int64(i), perPOP)
	}
	return recs
}

// ingestOne stores rec as the only record of an answer.
func ingestOne(buf *Buffer, rec fastlyapi.RealtimeRecord) {
	buf.Ingest(&fastlyapi.RealtimeResponse{Timestamp: rec.Recorded + 9, AggregateDelay: 9, Data: []fastlyapi.RealtimeRecord{rec}}, 120)
}

// BenchmarkIngestSecond measures storing one Fastly-shaped second and reading it back for a stream, and reports
// the retained bytes per service per minute of such traffic: with per-POP detail, summed only, and summed by stats
// region (what every channel poller adds for region-filtered stitching, the summing included).
func BenchmarkIngestSecond(b *testing.B) {
	byRegion := func(rec fastlyapi.RealtimeRecord) fastlyapi.RealtimeRecord {
		return sumByRegion(&fastlyapi.RealtimeResponse{Data: []fastlyapi.RealtimeRecord{rec}}, benchRegions).Data[0]
	}
	same := func(rec fastlyapi.RealtimeRecord) fastlyapi.RealtimeRecord { return rec }
	modes := []struct {
		name    string
		perPOP  bool
		convert func(fastlyapi.RealtimeRecord) fastlyapi.RealtimeRecord
	}{{"perPOP", true, same}, {"summed", false, same}, {"regions", true, byRegion}}
	for _, mode := range modes {
		b.Run(mode.name, func(b *testing.B) {
			recs := benchMinute(1000, mode.perPOP)
			m, _ := metrics.ForRealtime("requests")
			buf := NewBuffer(15 * 60)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rec := mode.convert(recs[i%60])
				rec.Recorded = int64(1000 + i)
				ingestOne(buf, rec)
				_ = buf.Values(rec.Recorded, rec.Recorded, m, nil)
			}
			b.StopTimer()
			converted := make([]fastlyapi.RealtimeRecord, len(recs))
			for i, rec := range recs {
				converted[i] = mode.convert(rec)
			}
			b.ReportMetric(retainedPerMinute(converted), "bytes/service/minute")
		})
	}
}

// benchRegions spreads the benchmark POPs over the nine stats regions.
var benchRegions = func() map[string]string {
	statsRegions := []string{"africa_std", "anzac", "asia", "asia_india", "asia_southkorea", "europe", "latam", "southamerica_std", "usa"}
	out := map[string]string{}
	for p := range benchPOPs {
		out[fmt.Sprintf("P%02d", p)] = statsRegions[p%len(statsRegions)]
	}
	return out
}()

// retainedPerMinute is the heap a 15-minute buffer of recs keeps, per minute.
func retainedPerMinute(recs []fastlyapi.RealtimeRecord) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	buf := NewBuffer(15 * 60)
	for minute := range 15 {
		for i, rec := range recs {
			rec.Recorded = int64(1020 + minute*60 + i)
			ingestOne(buf, rec)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(buf)
	runtime.KeepAlive(recs) // live across both readings, so only the buffer counts
	return (float64(after.HeapAlloc) - float64(before.HeapAlloc)) / 15
}

// BenchmarkFanOut measures one second read by many streams of the same service: every subscriber computes its
// series from the one shared buffer (per POP, one metric), as RunStream does after each notification.
func BenchmarkFanOut(b *testing.B) {
	for _, readers := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("readers=%d", readers), func(b *testing.B) {
			m, _ := metrics.ForRealtime("requests")
			buf := NewBuffer(15 * 60)
			for _, recs := range [][]fastlyapi.RealtimeRecord{benchMinute(1000, true), benchMinute(1060, true)} {
				for _, rec := range recs {
					ingestOne(buf, rec)
				}
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
