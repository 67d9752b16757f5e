package plugin

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
)

// sizedAccount answers a made-up account of the given size, with Fastly's field lengths.
type sizedAccount struct{ services, pops int }

func (a sizedAccount) Services(context.Context) ([]fastlyapi.Service, error) {
	out := make([]fastlyapi.Service, a.services)
	for i := range out {
		out[i] = fastlyapi.Service{ID: fmt.Sprintf("%022d", i), Name: fmt.Sprintf("service-%04d.example.com", i),
			Type: "vcl", ActiveVersion: 42, UpdatedAt: time.Unix(1_700_000_000, 0)}
	}
	return out, nil
}

func (a sizedAccount) Regions(context.Context) ([]string, error) {
	return []string{"africa_std", "anzac", "asia", "asia_india", "asia_south_korea", "europe", "mexico", "southamerica_std", "usa"}, nil
}

func (a sizedAccount) POPs(context.Context) ([]fastlyapi.POP, error) {
	out := make([]fastlyapi.POP, a.pops)
	for i := range out {
		out[i] = fastlyapi.POP{Code: fmt.Sprintf("P%02d", i), Name: fmt.Sprintf("Point of presence %d", i),
			Group: "Europe", Region: "EU-West", StatsRegion: "europe", BillingRegion: "Europe"}
	}
	return out, nil
}

// BenchmarkAccountCacheBytes reports the heap the account cache of one datasource holds for 1,000 services and
// 100 POPs, after every list was loaded.
func BenchmarkAccountCacheBytes(b *testing.B) {
	ctx := context.Background()
	for range b.N {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		a := newAccount(sizedAccount{services: 1000, pops: 100}, time.Now)
		_, err1 := a.services.Get(ctx, false)
		_, err2 := a.regions.Get(ctx, false)
		_, err3 := a.pops.Get(ctx, false)
		if err1 != nil || err2 != nil || err3 != nil {
			b.Fatal(err1, err2, err3)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "bytes")
		runtime.KeepAlive(a)
	}
}
