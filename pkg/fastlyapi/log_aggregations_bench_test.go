package fastlyapi

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// aggregationsBody is an aggregations answer of n groups in the live shape (values a list of one object).
func aggregationsBody(n int) []byte {
	var b strings.Builder
	b.WriteString(`{"data":[`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"dimensions":{"fastly_pop":"P%03d","client_as_number":%d},"values":[{"avg[response_time]":0.%03d,"p95[response_time]":1.%03d,"max[response_bytes_body]":%d}]}`,
			i, 7000+i, i, i, 1000*i)
	}
	b.WriteString(`],"meta":{"service_id":"SVC","limit":1000,"sort":"-p95[response_time]"}}`)
	return []byte(b.String())
}

// decodeAggregationsStd is the same decoding with encoding/json, the reference the fastjson decoder must beat.
func decodeAggregationsStd(body []byte) ([]LogAggregationRow, error) {
	var doc struct {
		Data []struct {
			Dimensions map[string]any  `json:"dimensions"`
			Values     json.RawMessage `json:"values"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, err
	}
	rows := make([]LogAggregationRow, 0, len(doc.Data))
	for _, it := range doc.Data {
		var list []map[string]float64
		if err := json.Unmarshal(it.Values, &list); err != nil {
			return nil, err
		}
		row := LogAggregationRow{Dimensions: map[string]string{}, Values: map[string]float64{}}
		for k, v := range it.Dimensions {
			row.Dimensions[k] = fmt.Sprint(v)
		}
		for _, o := range list {
			for k, v := range o {
				row.Values[k] = v
			}
		}
		rows = append(rows, row)
	}
	return rows, nil
}

func TestTheReferenceDecoderAgreesWithTheAggregationsDecoder(t *testing.T) {
	body := aggregationsBody(50)
	got, err := DecodeLogAggregations(body, LogAggregationsPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := decodeAggregationsStd(body)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("decoders disagree:\n%v\n%v", got, want)
	}
}

func BenchmarkDecodeLogAggregations1000(b *testing.B) {
	body := aggregationsBody(1000)
	b.Run("fastjson", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := DecodeLogAggregations(body, LogAggregationsPath); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(body)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := decodeAggregationsStd(body); err != nil {
				b.Fatal(err)
			}
		}
	})
}
