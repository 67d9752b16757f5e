package simulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordedFixture is Fastly's recorded real-time answer, shared next to the repository.
const recordedFixture = "../../../shared/fastly-recordings/fastly-exporter/rt_response_fixture.json"

// recordedPOPFields reads the field names of the first POP record of the recorded answer, skipping without it.
func recordedPOPFields(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(recordedFixture)
	if os.IsNotExist(err) {
		t.Skip("no recorded real-time answer at " + recordedFixture)
	}
	require.NoError(t, err)
	var recorded struct {
		Data []struct {
			Datacenter map[string]map[string]json.RawMessage `json:"datacenter"`
		}
	}
	require.NoError(t, json.Unmarshal(raw, &recorded))
	require.NotEmpty(t, recorded.Data)
	tyo := recorded.Data[0].Datacenter["TYO"]
	require.NotEmpty(t, tyo)
	var names []string
	for name := range tyo {
		names = append(names, name)
	}
	return names
}

// fastlyRecord is one decoded real-time second with numbers kept as json.Number.
type fastlyRecord struct {
	Recorded   int64                     `json:"recorded"`
	Aggregated map[string]any            `json:"aggregated"`
	Datacenter map[string]map[string]any `json:"datacenter"`
}

// fastlyHistoryAnswer is one Fastly-sized /ts/h answer of the www service: the simulator, body and decoded records.
type fastlyHistoryAnswer struct {
	sim     *Simulator
	svc     Service
	body    []byte
	records []fastlyRecord
}

// sharedFastlyHistory decodes the answer once for every test that only reads it.
var sharedFastlyHistory = sync.OnceValues(func() (fastlyHistoryAnswer, error) {
	sim := New(Config{FastlySized: true, Now: func() time.Time { return testNow }})
	svc := sim.Services()[0]
	req := httptest.NewRequest(http.MethodGet, "/v1/channel/"+svc.ID+"/ts/h", nil)
	req.Header.Set("Fastly-Key", testToken)
	w := httptest.NewRecorder()
	sim.ServeHTTP(w, req)
	var answer struct{ Data []fastlyRecord }
	dec := json.NewDecoder(bytes.NewReader(w.Body.Bytes()))
	dec.UseNumber()
	err := dec.Decode(&answer)
	return fastlyHistoryAnswer{sim: sim, svc: svc, body: w.Body.Bytes(), records: answer.Data}, err
})

func fastlyHistory(t *testing.T) fastlyHistoryAnswer {
	t.Helper()
	h, err := sharedFastlyHistory()
	require.NoError(t, err)
	require.Equal(t, "www.example.com", h.svc.Name)
	require.Len(t, h.records, realtimeHistory)
	return h
}

func TestFastlySizedRecordsCarryTheRecordedFields(t *testing.T) {
	recorded := recordedPOPFields(t)
	require.Len(t, recorded, 39)
	assert.ElementsMatch(t, recorded, fastlyFieldNames[:])
	records := fastlyHistory(t).records
	for _, rec := range records {
		assert.ElementsMatch(t, recorded, keys(rec.Aggregated), "aggregated %d", rec.Recorded)
		for code, m := range rec.Datacenter {
			require.ElementsMatch(t, recorded, keys(m), "%s at %d", code, rec.Recorded)
		}
	}
}

func TestFastlySizedHistorySpansEightyPOPsSparsely(t *testing.T) {
	records := fastlyHistory(t).records
	seen := map[string]int{}
	var perSecond []int
	for _, rec := range records {
		perSecond = append(perSecond, len(rec.Datacenter))
		for code := range rec.Datacenter {
			seen[code]++
		}
	}
	assert.GreaterOrEqual(t, len(seen), 80, "distinct POPs over 120 s")
	sort.Ints(perSecond)
	assert.Less(t, perSecond[len(perSecond)/2], len(seen)*3/4, "a typical second misses a good share of the POPs")
	everySecond := 0
	for _, n := range seen {
		if n == len(records) {
			everySecond++
		}
	}
	assert.GreaterOrEqual(t, everySecond, 10, "busy POPs have traffic every second")
	assert.Less(t, everySecond, len(seen)/2)
	lhr := map[any]bool{}
	for _, rec := range records {
		lhr[rec.Datacenter["LHR"]["requests"]] = true
	}
	assert.GreaterOrEqual(t, len(lhr), 5, "values vary second to second")
}

func TestFastlySizedValuesHaveFastlysTypes(t *testing.T) {
	records := fastlyHistory(t).records
	fractional := false
	for _, rec := range records {
		for _, m := range append(popRecords(rec), rec.Aggregated) {
			for name, v := range m {
				switch name {
				case "miss_histogram":
					for bound, n := range v.(map[string]any) {
						assert.Contains(t, missBucketBounds, int(mustInt(t, json.Number(bound))), "bucket %s", bound)
						assert.Positive(t, mustInt(t, n), "bucket %s", bound)
					}
				case "hits_time", "miss_time":
					x := mustNumber(t, v)
					fractional = fractional || x != math.Trunc(x)
				default:
					assert.GreaterOrEqual(t, mustInt(t, v), int64(0), "%s must be a non-negative JSON integer", name)
				}
			}
		}
	}
	assert.True(t, fractional, "hits_time and miss_time are float seconds")
}

func TestFastlySizedAggregatedIsTheSumOverPOPs(t *testing.T) {
	records := fastlyHistory(t).records
	for _, rec := range records {
		sums, hist := map[string]float64{}, map[string]int64{}
		for _, m := range popRecords(rec) {
			for name, v := range m {
				if name == "miss_histogram" {
					for bound, n := range v.(map[string]any) {
						hist[bound] += mustInt(t, n)
					}
					continue
				}
				sums[name] += mustNumber(t, v)
			}
		}
		for name, want := range sums {
			assert.InDelta(t, want, mustNumber(t, rec.Aggregated[name]), 1e-9*max(1, want), "%s at %d", name, rec.Recorded)
		}
		aggHist := map[string]int64{}
		for bound, n := range rec.Aggregated["miss_histogram"].(map[string]any) {
			aggHist[bound] = mustInt(t, n)
		}
		assert.Equal(t, hist, aggHist, "miss_histogram at %d", rec.Recorded)
	}
}

func TestFastlySizedPOPRecordsAreCoherent(t *testing.T) {
	records := fastlyHistory(t).records
	for _, rec := range records {
		for code, m := range rec.Datacenter {
			v := func(name string) int64 { return mustInt(t, m[name]) }
			where := fmt.Sprintf("%s at %d", code, rec.Recorded)
			assert.Positive(t, v("requests"), where)
			assert.Equal(t, v("requests"), v("hits")+v("miss")+v("pass")+v("synth")+v("errors"), where)
			assert.LessOrEqual(t, v("status_200"), v("status_2xx"), where)
			assert.LessOrEqual(t, v("status_2xx"), v("requests"), where)
			assert.LessOrEqual(t, v("tls_v12"), v("tls"), where)
			assert.Equal(t, v("resp_body_bytes"), v("body_size"), where)
			assert.Equal(t, v("miss"), v("miss_sub_count"), where)
			assert.Equal(t, v("miss") == 0, mustNumber(t, m["miss_time"]) == 0, where)
			assert.Equal(t, v("hits") == 0, mustNumber(t, m["hits_time"]) == 0, where)
			histogram := int64(0)
			for _, n := range m["miss_histogram"].(map[string]any) {
				histogram += mustInt(t, n)
			}
			assert.Equal(t, v("miss"), histogram, where)
		}
	}
}

func TestFastlySizedRealtimeValueIsWhatIsServed(t *testing.T) {
	h := fastlyHistory(t)
	sim, svc, records := h.sim, h.svc, h.records
	decoded, err := fastlyapi.DecodeRealtime(h.body, "/ts/h")
	require.NoError(t, err)
	require.Len(t, decoded.Data, len(records))
	for _, i := range []int{0, 47, len(records) - 1} {
		rec := records[i]
		at := time.Unix(rec.Recorded, 0)
		assert.Len(t, decoded.Data[i].POPs, len(rec.Datacenter))
		for _, name := range fastlyFieldNames {
			if name == "miss_histogram" {
				continue
			}
			assert.Equal(t, mustNumber(t, rec.Aggregated[name]), sim.RealtimeValue(svc.ID, name, "", at), "%s at %d", name, rec.Recorded)
			for _, code := range []string{"LHR", "ACC"} {
				want := 0.0
				if m, ok := rec.Datacenter[code]; ok {
					want = mustNumber(t, m[name])
				}
				assert.Equal(t, want, sim.RealtimeValue(svc.ID, name, code, at), "%s of %s at %d", name, code, rec.Recorded)
			}
		}
	}
	assert.Zero(t, sim.RealtimeValue(svc.ID, "bereq_header_bytes", "", time.Unix(records[0].Recorded, 0)), "not a Fastly-sized field")
}

func TestFastlySizedSecondsAddUpToTheHistoricalMinute(t *testing.T) {
	sim, _ := newTestSimulator(t, Config{FastlySized: true})
	minute := sim.NewestPublished("minute")
	second := func(s int64) time.Time { return minute.Add(time.Duration(s) * time.Second) }
	www := serviceNamed(t, sim, "www.example.com")
	for _, field := range []string{"requests", "miss", "status_200", "tls_v12", "resp_body_bytes", "deliver_sub_count"} {
		sum := 0.0
		for s := range int64(secondsPerMinute) {
			sum += sim.RealtimeValue(www.ID, field, "", second(s))
		}
		assert.Equal(t, mustValue(t, sim, www.ID, field, "", "minute", minute), sum, field)
	}
	hitsTime, recvSubTime := 0.0, 0.0
	for s := range int64(secondsPerMinute) {
		hitsTime += sim.RealtimeValue(www.ID, "hits_time", "", second(s))
		recvSubTime += sim.RealtimeValue(www.ID, "recv_sub_time", "", second(s)) / nanosPerSecond
	}
	assert.InDelta(t, mustValue(t, sim, www.ID, "hits_time", "", "minute", minute), hitsTime, 1e-9)
	assert.InDelta(t, mustValue(t, sim, www.ID, "recv_sub_time", "", "minute", minute), recvSubTime, 1e-9)

	api := serviceNamed(t, sim, "api.example.com")
	execution := 0.0
	for s := range int64(secondsPerMinute) {
		execution += sim.RealtimeValue(api.ID, "compute_execution_time_ms", "", second(s))
	}
	assert.InDelta(t, mustValue(t, sim, api.ID, "compute_execution_time_ms", "", "minute", minute), execution,
		float64(len(statsRegions)), "whole milliseconds per region and minute")
}

func TestFastlySizedAnswersAreDeterministic(t *testing.T) {
	bodies := func() []string {
		sim, srv := newTestSimulator(t, Config{FastlySized: true, ServiceCount: 8})
		sim.SetLongPoll(0)
		var out []string
		for _, svc := range sim.Services() {
			for _, path := range []string{"/ts/h", "/ts/h/limit/4", fmt.Sprintf("/ts/%d/limit/2", testNow.Unix()-40)} {
				_, body := get(t, srv, "/v1/channel/"+svc.ID+path)
				out = append(out, string(body))
			}
		}
		return out
	}
	first := bodies()
	assert.Equal(t, first, bodies())
	assert.NotEqual(t, first[0], first[3], "services differ")
}

func TestFastlySizedHistoryLimitKeepsTheNewestSeconds(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{FastlySized: true})
	svc := serviceNamed(t, sim, "www.example.com")
	var all, newest struct{ Data []json.RawMessage }
	getJSON(t, srv, "/v1/channel/"+svc.ID+"/ts/h", &all)
	getJSON(t, srv, "/v1/channel/"+svc.ID+"/ts/h/limit/3", &newest)
	assert.Equal(t, all.Data[len(all.Data)-3:], newest.Data)
}

func TestFastlySizedDatacentersListEveryRealtimePOP(t *testing.T) {
	_, srv := newTestSimulator(t, Config{FastlySized: true})
	var list []pop
	getJSON(t, srv, "/datacenters", &list)
	assert.GreaterOrEqual(t, len(list), 80)
	assert.Equal(t, pops, list[:len(pops)], "the compact list comes first, unchanged")
	byCode := map[string]pop{}
	for _, p := range list {
		assert.NotContains(t, byCode, p.Code, "codes are unique")
		byCode[p.Code] = p
		assert.NotEmpty(t, p.Name, p.Code)
		assert.NotEmpty(t, p.Group, p.Code)
		assert.NotEmpty(t, p.Region, p.Code)
		assert.NotEmpty(t, p.BillingRegion, p.Code)
		_, known := regionIndex(p.StatsRegion)
		assert.True(t, known && p.StatsRegion != "", "%s has stats region %q", p.Code, p.StatsRegion)
		assert.True(t, p.Coordinates.Latitude != 0 || p.Coordinates.Longitude != 0, p.Code)
	}
	records := fastlyHistory(t).records
	for _, rec := range records {
		for code := range rec.Datacenter {
			require.Contains(t, byCode, code)
		}
	}
}

func TestCompactDatacentersAreUnchanged(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	var list []pop
	getJSON(t, srv, "/datacenters", &list)
	assert.Equal(t, pops, list)
	assert.Len(t, list, 31)
}

func TestFastlySizedServesHundredsOfServices(t *testing.T) {
	for _, count := range []int{200, 900} {
		before := allocatedBytes()
		sim, srv := newTestSimulator(t, Config{FastlySized: true, ServiceCount: count})
		assert.Less(t, allocatedBytes()-before, uint64(4<<20), "%d services cost little up front", count)
		services := sim.Services()
		require.Len(t, services, count)
		last := services[count-1]
		var answer struct{ Data []fastlyRecord }
		getJSON(t, srv, "/v1/channel/"+last.ID+"/ts/h", &answer)
		assert.NotEmpty(t, answer.Data, last.Name)
	}
}

func TestMissHistogramBucketsAreFastlys(t *testing.T) {
	require.Len(t, missBucketBounds, missBucketCount)
	assert.True(t, sort.IntsAreSorted(missBucketBounds))
	assert.Subset(t, missBucketBounds, []int{1, 9, 10, 20, 250, 300, 650, 1000, 3000, 10000, 60000})
	assert.Equal(t, 1, missBucketBounds[missBucket(0.2)])
	assert.Equal(t, 650, missBucketBounds[missBucket(623.4)])
	assert.Equal(t, 60000, missBucketBounds[missBucket(90000)], "slower fetches land in the last bucket")
}

func TestFastlyRegionsFitTheirWeightArrays(t *testing.T) {
	total := 0
	for region, list := range fastlyRegionPOPs {
		assert.NotEmpty(t, list, statsRegions[region].name)
		assert.LessOrEqual(t, len(list), maxRegionPOPs, statsRegions[region].name)
		total += len(list)
	}
	assert.Equal(t, len(fastlySizedPOPs), total)
}

// allocatedBytes is how much the process has allocated so far.
func allocatedBytes() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

// popRecords are a record's POP measurements.
func popRecords(rec fastlyRecord) []map[string]any {
	out := make([]map[string]any, 0, len(rec.Datacenter))
	for _, m := range rec.Datacenter {
		out = append(out, m)
	}
	return out
}

// mustInt is a JSON integer decoded as json.Number.
func mustInt(t *testing.T, v any) int64 {
	t.Helper()
	n, ok := v.(json.Number)
	require.True(t, ok, "%v is not a number", v)
	i, err := strconv.ParseInt(string(n), 10, 64)
	require.NoError(t, err, "%s is not an integer", n)
	return i
}

func mustNumber(t *testing.T, v any) float64 {
	t.Helper()
	n, ok := v.(json.Number)
	require.True(t, ok, "%v is not a number", v)
	f, err := n.Float64()
	require.NoError(t, err)
	return f
}
