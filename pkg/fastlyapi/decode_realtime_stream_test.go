package fastlyapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/valyala/fastjson"
)

func TestPerRecordDecodeEqualsTheWholeTree(t *testing.T) {
	body := historyPayload()
	doc, err := fastjson.ParseBytes(body)
	require.NoError(t, err)
	var want []RealtimeRecord
	for _, rv := range doc.GetArray("Data") {
		rec, err := decodeRealtimeRecord(rv)
		require.NoError(t, err)
		want = append(want, rec)
	}
	got, err := DecodeRealtime(body, "/v1/channel")
	require.NoError(t, err)
	assert.Equal(t, doc.GetInt64("Timestamp"), got.Timestamp)
	assert.Equal(t, doc.GetInt64("AggregateDelay"), got.AggregateDelay)
	assert.NotEmpty(t, want)
	assert.Equal(t, want, got.Data)
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
