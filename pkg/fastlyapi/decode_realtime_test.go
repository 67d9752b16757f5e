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
