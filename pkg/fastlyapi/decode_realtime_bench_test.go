package fastlyapi

import (
	"runtime"
	"sync"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/valyala/fastjson"
)

// historyPayload is the simulator's 120-second /v1/channel history of one service at Fastly's size (every POP, the 39
// recorded fields each).
var historyPayload = sync.OnceValue(func() []byte {
	sim := benchSimulator(simulator.Config{FastlySized: true})
	return simulatorBody(sim, "/v1/channel/"+sim.Services()[0].ID+"/ts/h")
})

// BenchmarkDecodeRealtimeHistory compares DecodeRealtime (one pass over the body, no parse tree) with parsing the
// whole body into one fastjson tree first; peak-MB is the heap in use after a GC while the result and, for
// whole-tree, the tree are held.
func BenchmarkDecodeRealtimeHistory(b *testing.B) {
	body := historyPayload()
	b.Logf("payload %d bytes", len(body))
	b.Run("single-pass", func(b *testing.B) {
		benchHistory(b, body, func() any {
			resp, err := DecodeRealtime(body, "/v1/channel")
			if err != nil || len(resp.Data) == 0 {
				b.Fatal(err)
			}
			return resp
		})
	})
	b.Run("whole-tree", func(b *testing.B) {
		benchHistory(b, body, func() any {
			var p fastjson.Parser
			doc, err := p.ParseBytes(body)
			if err != nil {
				b.Fatal(err)
			}
			var data []RealtimeRecord
			for _, rv := range doc.GetArray("Data") {
				rec, err := treeRealtimeRecord(rv)
				if err != nil {
					b.Fatal(err)
				}
				data = append(data, rec)
			}
			return []any{doc, data}
		})
	})
}

func benchHistory(b *testing.B, body []byte, decode func() any) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var before, held runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	kept := decode()
	runtime.GC()
	runtime.ReadMemStats(&held)
	runtime.KeepAlive(kept)
	for b.Loop() {
		decode()
	}
	b.ReportMetric(float64(held.HeapAlloc-before.HeapAlloc)/(1<<20), "peak-MB")
}
