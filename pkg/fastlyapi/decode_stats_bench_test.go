package fastlyapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/fastly/go-fastly/v16/fastly"
)

var benchNow = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)

// padFields is how many fields each simulated row gains so rows carry ~150 fields like real Fastly rows.
const padFields = 63

// weekPayload is one week of minute rows of one service from /stats/service/{id}, padded to ~150 fields a row.
var weekPayload = sync.OnceValues(func() ([]byte, []string) {
	sim := benchSimulator(simulator.Config{})
	from := benchNow.Add(-7 * 24 * time.Hour).Unix()
	url := fmt.Sprintf("/stats/service/%s?by=minute&from=%d&to=%d", sim.Services()[0].ID, from, benchNow.Unix())
	return padRows(simulatorBody(sim, url)), sim.Fields()
})

// benchSimulator is a simulator of cfg at benchNow answering the token "t".
func benchSimulator(cfg simulator.Config) *simulator.Simulator {
	cfg.Token, cfg.Now = "t", func() time.Time { return benchNow }
	return simulator.New(cfg)
}

// simulatorBody is the simulator's answer to GET url.
func simulatorBody(sim *simulator.Simulator, url string) []byte {
	req := httptest.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Fastly-Key", "t")
	rec := httptest.NewRecorder()
	sim.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

func padRows(body []byte) []byte {
	var pad []byte
	for i := range padFields {
		pad = append(pad, fmt.Sprintf(`"zz_padding_field_%02d":%d,`, i, 1000003*(i+1))...)
	}
	return bytes.ReplaceAll(body, []byte(`"start_time":`), append(pad, `"start_time":`...))
}

// dashboardFields are the inputs of a typical overview dashboard.
var dashboardFields = []string{"requests", "hits", "miss", "status_5xx", "bandwidth", "edge_resp_body_bytes"}

func BenchmarkDecodeWeek(b *testing.B) {
	body, allFields := weekPayload()
	b.Logf("payload %d bytes", len(body))
	b.Run("fastlyapi-6-fields", func(b *testing.B) { benchDecode(b, body, dashboardFields) })
	b.Run("fastlyapi-all-fields", func(b *testing.B) { benchDecode(b, body, allFields) })
	b.Run("encoding-json-maps", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			var doc struct {
				Data []map[string]any `json:"data"`
			}
			if err := json.Unmarshal(body, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("go-fastly-GetStats", func(b *testing.B) { benchGoFastly(b, body) })
}

func benchDecode(b *testing.B, body []byte, fields []string) {
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DecodeStats(body, "/stats/service/x", fields, "x"); err != nil {
			b.Fatal(err)
		}
	}
}

func benchGoFastly(b *testing.B, body []byte) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	defer srv.Close()
	client, err := fastly.NewClientForEndpoint("t", srv.URL)
	if err != nil {
		b.Fatal(err)
	}
	input := &fastly.GetStatsInput{Service: fastly.ToPointer("x"), By: fastly.ToPointer("minute"),
		From: fastly.ToPointer("0"), To: fastly.ToPointer(strconv.FormatInt(benchNow.Unix(), 10))}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.GetStats(context.Background(), input); err != nil {
			b.Fatal(err)
		}
	}
}
