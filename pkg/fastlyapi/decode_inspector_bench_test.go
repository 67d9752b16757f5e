package fastlyapi

import (
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
)

// inspectorMetrics are the metrics of the bundled origins dashboard's traffic panels.
var inspectorMetrics = []string{"responses", "status_2xx", "status_4xx", "status_5xx", "resp_body_bytes", "resp_header_bytes"}

// inspectorPagePayload is one full page (200 series) of the simulator's /metrics/origins answer: one day of minutes
// grouped by host and datacenter.
var inspectorPagePayload = sync.OnceValue(func() []byte {
	sim := benchSimulator(simulator.Config{})
	start := strconv.FormatInt(benchNow.Add(-24*time.Hour).Unix(), 10)
	return simulatorBody(sim, "/metrics/origins/services/"+sim.Services()[0].ID+"?start="+start+"&end="+
		strconv.FormatInt(benchNow.Unix(), 10)+"&downsample=minute&group_by=host,datacenter&limit=200&metric="+
		strings.Join(inspectorMetrics, ","))
})

// BenchmarkDecodeInspectorPage decodes one full inspector page.
func BenchmarkDecodeInspectorPage(b *testing.B) {
	body := inspectorPagePayload()
	b.Logf("payload %d bytes", len(body))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		page, err := DecodeInspectorPage(body, "/metrics/origins", inspectorMetrics)
		if err != nil || len(page.Series) == 0 {
			b.Fatal(err)
		}
	}
}
