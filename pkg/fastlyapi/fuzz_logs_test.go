package fastlyapi

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/valyala/fastjson"
)

// FuzzDecodeLogRecords: any body gives a page or a DecodeError; a page comes only from valid JSON, holds exactly
// the records of its data list, and each Raw is one valid JSON object.
func FuzzDecodeLogRecords(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add(logPage(2))
	f.Add([]byte(`{"data":[` + specRecord + `],"meta":{"filters":{"next_cursor":"c"}}}`))
	f.Add([]byte(`{"data":null,"meta":{"next_cursor":"x","filters":null}}`))
	f.Add([]byte(`{"data":[{"timestamp":"2026-08-13T14:30:23.5+02:00","response_status":"503","request_path":"\/a\u00e9"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := DecodeLogRecords(body, LogExplorerPath)
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		doc, err := fastjson.ParseBytes(body)
		if err != nil {
			t.Fatalf("decoded a body fastjson refuses: %v", err)
		}
		if n := len(doc.GetArray("data")); n != len(page.Records) {
			t.Fatalf("%d records decoded from %d in data", len(page.Records), n)
		}
		for _, rec := range page.Records {
			var fields map[string]json.RawMessage
			if err := json.Unmarshal(rec.Raw, &fields); err != nil {
				t.Fatalf("Raw is not one JSON object: %v", err)
			}
		}
	})
}

// FuzzDecodeLogMetrics: any body gives rows or a DecodeError from the aggregations, time series and insights
// decoders, and decoded series values are finite.
func FuzzDecodeLogMetrics(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"data":[{"dimensions":{"time":"2026-08-13T14:00:00Z","fastly_pop":"FRA"},"values":[{"avg[response_time]":"0.05","p95[response_time]":null}]}]}`))
	f.Add([]byte(`{"data":[{"dimensions":{"status-code":"503"},"dimension_attributes":{"rate":0.1},"values":{"url":"/"}}],"meta":{"limit":"10"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		rows, err := DecodeLogAggregations(body, LogAggregationsPath)
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
		for _, r := range rows {
			requireFiniteValues(t, r.Values)
		}
		points, err := DecodeLogTimeseries(body, LogTimeseriesPath)
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
		for _, p := range points {
			requireFiniteValues(t, p.Values)
		}
		if _, err := DecodeLogInsights(body, LogInsightsPath); err != nil {
			requireDecodeOrEnvelopeError(t, err)
		}
	})
}

func requireFiniteValues(t *testing.T, values map[string]float64) {
	t.Helper()
	for k, v := range values {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("series %s decoded as %v", k, v)
		}
	}
}
