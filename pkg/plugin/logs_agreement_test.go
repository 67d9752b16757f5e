package plugin

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// truthRecord is the part of a simulated record the agreement tests compare.
type truthRecord struct {
	Status       int     `json:"response_status"`
	Pop          string  `json:"fastly_pop"`
	Path         string  `json:"request_path"`
	ResponseTime float64 `json:"response_time"`
}

func truthRecords(t *testing.T, sim *simulator.Simulator, serviceID string, from, to time.Time) ([]truthRecord, []string) {
	var out []truthRecord
	var raw []string
	sim.EachLogRecord(serviceID, from, to, func(b []byte) bool {
		var r truthRecord
		require.NoError(t, json.Unmarshal(b, &r))
		out, raw = append(out, r), append(raw, string(b))
		return true
	})
	return out, raw
}

func TestLogQueriesAgreeWithTheSimulatorsRecords(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	www := simService(t, sim, "www.example.com").ID
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := testNow.Add(-2*time.Hour), testNow.Add(-time.Hour)
	truth, raw := truthRecords(t, sim, www, from, to)
	require.NotEmpty(t, truth)
	require.Less(t, len(truth), 10000, "the window fits one logs query")

	resp := runQueries(t, d,
		dataQuery("L", "logs", map[string]any{"services": []string{www}, "limit": 10000}, from, to),
		dataQuery("E", "logs", map[string]any{"services": []string{www}, "limit": 10000,
			"filters": []map[string]any{{"field": "response_status", "operator": "gte", "value": "500"}}}, from, to),
		dataQuery("M", "logMetrics", map[string]any{"services": []string{www}, "metrics": []string{"response_time_max", "response_time_min"},
			"groupBy": "fastly_pop", "limit": 1000}, from, to),
		dataQuery("I", "insights", map[string]any{"services": []string{www}, "visualization": "top-url-by-requests", "limit": 1}, from, to),
	)
	for ref, r := range resp.Responses {
		require.NoError(t, r.Error, ref)
	}

	lines := resp.Responses["L"].Frames[0]
	labels, _ := lines.FieldByName("labels")
	require.Equal(t, len(raw), lines.Rows(), "every record of the window, no more")
	for i := range raw {
		assert.JSONEq(t, raw[i], string(labels.At(i).(json.RawMessage)))
	}

	errors, maxByPop, minByPop, byPath := 0, map[string]float64{}, map[string]float64{}, map[string]int{}
	for _, r := range truth {
		if r.Status >= 500 {
			errors++
		}
		if v, ok := maxByPop[r.Pop]; !ok || r.ResponseTime > v {
			maxByPop[r.Pop] = r.ResponseTime
		}
		if v, ok := minByPop[r.Pop]; !ok || r.ResponseTime < v {
			minByPop[r.Pop] = r.ResponseTime
		}
		byPath[r.Path]++
	}
	assert.Equal(t, errors, resp.Responses["E"].Frames[0].Rows(), "the status filter keeps exactly the 5xx records")

	table := resp.Responses["M"].Frames[0]
	require.Equal(t, len(maxByPop), table.Rows(), "one row per POP of the records")
	pops, _ := table.FieldByName("fastly_pop")
	maxes, _ := table.FieldByName("response_time_max")
	mins, _ := table.FieldByName("response_time_min")
	for i := range table.Rows() {
		pop := pops.At(i).(string)
		assert.InDelta(t, maxByPop[pop], *maxes.At(i).(*float64), 1e-9, pop)
		assert.InDelta(t, minByPop[pop], *mins.At(i).(*float64), 1e-9, pop)
	}

	top := resp.Responses["I"].Frames[0]
	url, share := tableField(t, top, "url"), tableField(t, top, "request_percentage")
	path := *url.At(0).(*string)
	for p, n := range byPath {
		assert.LessOrEqual(t, n, byPath[path], "%s has more records than the top page %s", p, path)
	}
	assert.InDelta(t, float64(byPath[path])/float64(len(truth)), *share.At(0).(*float64), 0.005)
}

func tableField(t *testing.T, f *data.Frame, name string) *data.Field {
	fd, _ := f.FieldByName(name)
	require.NotNil(t, fd, name)
	return fd
}
