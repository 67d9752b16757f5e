package fastlyapi

import (
	"errors"
	"math"
	"testing"
)

// FuzzDecodeRealtime: any body gives a response or a DecodeError; values are finite and records have a time.
func FuzzDecodeRealtime(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"Data":[],"Timestamp":1635959484,"AggregateDelay":9,"Error":"No data available, please retry"}`))
	f.Add([]byte(`{"Data":[{"recorded":1603400951,"aggregated":{"requests":1,"recv_sub_time":45274,"miss_histogram":{"650":1}},"datacenter":{"TYO":{"requests":1}}}],"Timestamp":1603401013,"AggregateDelay":9}`))
	f.Add([]byte(`{"Data":[{"recorded":"x","aggregated":{"requests":"1e309"},"datacenter":{"":null}}],"Timestamp":-1}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := DecodeRealtime(body, "/v1/channel/x/ts/0")
		if err != nil {
			requireDecodeFailure(t, err)
			return
		}
		for _, rec := range res.Data {
			requireFinite(t, rec.Aggregated.Values)
			for _, m := range rec.Datacenters {
				requireFinite(t, m.Values)
			}
		}
	})
}

// FuzzDecodeInspectorPage: any body gives a page or a DecodeError; every series has one value per timestamp.
func FuzzDecodeInspectorPage(f *testing.F) {
	for _, b := range badBodies {
		f.Add([]byte(b))
	}
	f.Add([]byte(`{"data":[{"dimensions":{"host":"host01"},"values":[{"responses":26795476,"status_2xx":26750746,"timestamp":1644624000}]}],"meta":{"next_cursor":""},"status":"success"}`))
	f.Add([]byte(`{"data":[{"dimensions":null,"values":[{"timestamp":"1644624000","responses":null}]}],"meta":{"next_cursor":null}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		page, err := DecodeInspectorPage(body, "/metrics/origins/services/x", []string{"responses", "status_2xx"})
		if err != nil {
			requireDecodeFailure(t, err)
			return
		}
		for _, s := range page.Series {
			for i, col := range s.Values {
				if len(col) != len(s.Timestamps) {
					t.Fatalf("metric %d has %d values for %d timestamps", i, len(col), len(s.Timestamps))
				}
				for _, v := range col {
					if math.IsInf(v, 0) {
						t.Fatalf("infinite value decoded")
					}
				}
			}
		}
	})
}

func requireDecodeFailure(t *testing.T, err error) {
	t.Helper()
	var de *DecodeError
	var se *StatusError
	if !errors.As(err, &de) && !errors.As(err, &se) {
		t.Fatalf("unexpected error type %T: %v", err, err)
	}
}

func requireFinite(t *testing.T, values map[string]float64) {
	t.Helper()
	for k, v := range values {
		if math.IsInf(v, 0) {
			t.Fatalf("field %s decoded as %v", k, v)
		}
	}
}
