package fastlyapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/valyala/fastjson"
)

// realtimeSeeds are real-time bodies of every shape the decoders meet, good and broken.
var realtimeSeeds = []string{
	`{"Data":[],"Timestamp":1635959484,"AggregateDelay":9,"Error":"No data available, please retry"}`,
	`{"Data":[{"recorded":1603400951,"aggregated":{"requests":1,"recv_sub_time":45274,"miss_histogram":{"650":1}},"datacenter":{"TYO":{"requests":1}}}],"Timestamp":1603401013,"AggregateDelay":9}`,
	`{"Data":[{"recorded":"x","aggregated":{"requests":"1e309"},"datacenter":{"":null}}],"Timestamp":-1}`,
	`{"Data":[{"datacenter":{"TYO":{"origin01":{"responses":4}}},"aggregated":{"origin01":{"responses":4,"status_2xx":3}},"recorded":5}],"Timestamp":10}`,
	`{"Timestamp":10,"Data":[{"recorded":5,"aggregated":{"a":1}},{"recorded":6,"aggregated":{"b":{"c":1e400}}}]}`,
	`{"Data":[{"recorded":5,"aggregated":{"miss_histogram":{"NaN":1,"10":"x"}}}],"Timestamp":10,"x":[1,{"a":"}"}]}`,
	"\"\x14\\b\"",                            // a raw control character in a string: invalid JSON, which fastjson accepts
	"{\"Timestamp\":10,\"Error\":\"a\x01\"}", // the same inside a valid envelope
}

// FuzzDecodeRealtime: any body gives a response or a DecodeError; values are finite, records have a time, and
// the outcome is the whole-tree reference's.
func FuzzDecodeRealtime(f *testing.F) {
	addRealtimeSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		requireLikeTheTree(t, body, channelShape, treeRealtimeRecord, channelFinite)
		res, err := DecodeRealtime(body, "/v1/channel/x/ts/0")
		if err != nil {
			requireDecodeOrEnvelopeError(t, err)
			return
		}
		for _, rec := range res.Data {
			requireFinite(t, rec.Aggregated.Values)
			for _, m := range rec.POPs {
				requireFinite(t, m.Values)
			}
		}
	})
}

// FuzzDecodeInspectorRealtime: any body gives the whole-tree reference's outcome.
func FuzzDecodeInspectorRealtime(f *testing.F) {
	addRealtimeSeeds(f)
	f.Fuzz(func(t *testing.T, body []byte) {
		requireLikeTheTree(t, body, inspectorShape, treeInspectorRecord, inspectorFinite)
	})
}

func addRealtimeSeeds(f *testing.F) {
	for _, b := range append(badBodies, realtimeSeeds...) {
		f.Add([]byte(b))
	}
}

// requireLikeTheTree holds the decoder to the whole-tree reference: the same kind of failure, or the same envelope
// and records (compared for bodies without escapes, which the two unescape differently); where the reference lets
// a number beyond float64 through, the decoder refuses the record.
func requireLikeTheTree[V, R any](t *testing.T, body []byte, shape realtimeShape[V, R], record func(*fastjson.Value) (R, error), finite func([]R) bool) {
	t.Helper()
	env, data, err := decodeRealtimeBody(body, "/v1/x/ts/0", shape)
	if !json.Valid(body) && err != nil && errorClass(err.Error()) == "invalid JSON" {
		return // stricter than the reference: RFC 8259 forbids what fastjson lets through, such as raw control characters in strings
	}
	wantEnv, want, treeErr := realtimeTree(body, record)
	switch {
	case treeErr != nil:
		requireDecodeFailure(t, body, err, errorClass(treeErr.Error()))
	case !finite(want):
		requireDecodeFailure(t, body, err, "record")
	default:
		require.NoError(t, err, "%q", body)
		if !bytes.Contains(body, []byte(`\`)) {
			require.Equal(t, wantEnv, env, "%q", body)
			require.Equal(t, want, data, "%q", body)
		}
	}
}

func requireDecodeFailure(t *testing.T, body []byte, err error, class string) {
	t.Helper()
	var de *DecodeError
	require.True(t, errors.As(err, &de), "%q: want a DecodeError, got %v", body, err)
	require.Equal(t, class, errorClass(de.Reason), "%q: %v", body, err)
}

func channelFinite(data []RealtimeRecord) bool {
	ok := true
	for _, rec := range data {
		ok = ok && measurementsFinite(rec.Aggregated)
		for _, m := range rec.POPs {
			ok = ok && measurementsFinite(m)
		}
	}
	return ok
}

func measurementsFinite(m Measurements) bool {
	ok := valuesFinite(m.Values)
	for bound, n := range m.MissHistogram {
		ok = ok && finite(bound) && finite(n)
	}
	return ok
}

func inspectorFinite(data []InspectorRealtimeRecord) bool {
	ok := true
	for _, rec := range data {
		for _, values := range rec.Aggregated {
			ok = ok && valuesFinite(values)
		}
		for _, dims := range rec.POPs {
			for _, values := range dims {
				ok = ok && valuesFinite(values)
			}
		}
	}
	return ok
}

func valuesFinite(values map[string]float64) bool {
	for _, v := range values {
		if !finite(v) {
			return false
		}
	}
	return true
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

func requireFinite(t *testing.T, values map[string]float64) {
	t.Helper()
	for k, v := range values {
		if math.IsInf(v, 0) {
			t.Fatalf("field %s decoded as %v", k, v)
		}
	}
}
