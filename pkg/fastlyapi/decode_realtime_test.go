package fastlyapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSinglePassDecodeEqualsTheWholeTree(t *testing.T) {
	body := historyPayload()
	want, wantData, err := realtimeTree(body, treeRealtimeRecord)
	require.NoError(t, err)
	got, err := DecodeRealtime(body, "/v1/channel")
	require.NoError(t, err)
	assert.Equal(t, want.Timestamp, got.Timestamp)
	assert.Equal(t, want.AggregateDelay, got.AggregateDelay)
	assert.NotEmpty(t, wantData)
	assert.Equal(t, wantData, got.Data)
}

func TestRealtimeEnvelopeEdgeCases(t *testing.T) {
	got, err := DecodeRealtime([]byte(` {"Timestamp": 5, "Timestamp": 9, "Data": null, "Error": "No data available", "x": [1, {"a": "}"}]} `), "/v1/channel")
	require.NoError(t, err)
	assert.Equal(t, &RealtimeResponse{Timestamp: 5, Error: "No data available", Data: []RealtimeRecord{}}, got, "first of repeated keys, null Data")
	_, err = DecodeRealtime([]byte(`[{"Timestamp": 5}]`), "/v1/channel")
	assert.ErrorContains(t, err, "not a JSON object")
	_, err = DecodeRealtime([]byte(`{"Timestamp": 5, "Data": [{"recorded": 4, "aggregated": {}}`), "/v1/channel")
	assert.ErrorContains(t, err, "invalid JSON")
	_, err = DecodeRealtime([]byte(`{"Timestamp": 5, "Data": [{"aggregated": {}}]}`), "/v1/channel")
	assert.ErrorContains(t, err, `no "recorded" time`)
}

func TestRealtimeFailuresKeepTheirPrecedenceInOnePass(t *testing.T) {
	for name, c := range map[string]struct{ body, want string }{
		"bad JSON after a refused record":     {`{"Timestamp": 5, "Data": [{"aggregated": {}}, {"recorded": 6,]}`, "invalid JSON"},
		"no Timestamp after a refused record": {`{"Data": [{"aggregated": {}}], "AggregateDelay": 9}`, `no "Timestamp"`},
		"recorded sent after its values":      {`{"Data": [{"aggregated": null, "recorded": 7}], "Timestamp": 9}`, "record 7: aggregated: expected an object"},
		"first refused record counts":         {`{"Data": [{"recorded": 7, "aggregated": 1}, {"aggregated": {}}], "Timestamp": 9}`, "record 7: aggregated"},
		"a number beyond float64":             {`{"Data": [{"recorded": 7, "aggregated": {"requests": 1e309}}], "Timestamp": 9}`, "requests: number out of range"},
		"a POP that is not an object":         {`{"Data": [{"recorded": 7, "datacenter": {"TYO": []}}], "Timestamp": 9}`, "record 7: datacenter TYO: expected an object"},
		"a control character in a string":     {"{\"Timestamp\": 5, \"Error\": \"a\x01\"}", "invalid JSON"},
		"a number with a leading zero":        {`{"Timestamp": 05}`, "invalid JSON"},
	} {
		_, err := DecodeRealtime([]byte(c.body), "/v1/channel")
		var decodeErr *DecodeError
		require.ErrorAs(t, err, &decodeErr, name)
		assert.Contains(t, decodeErr.Reason, c.want, name)
	}
}

func TestInspectorRealtimeNamesTheRefusedPOPAndHost(t *testing.T) {
	_, err := DecodeInspectorRealtime([]byte(`{"Data":[{"datacenter":{"TYO":{"origin01":7}},"recorded":5}],"Timestamp":10}`), "/v1/origins/x/ts/0")
	assert.ErrorContains(t, err, "record 5: datacenter TYO: origin01: expected an object")
}
