package fastlyapi

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCursor adds the Timestamp and recorded keys every real answer carries and the synthetic fixtures lack.
func withCursor(t *testing.T, body []byte) []byte {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(body, &doc))
	doc["Timestamp"], doc["AggregateDelay"] = 1603401013, 9
	for i, rec := range doc["Data"].([]any) {
		rec.(map[string]any)["recorded"] = 1603401000 + i
	}
	out, err := json.Marshal(doc)
	require.NoError(t, err)
	return out
}

func TestDecodeInspectorRealtimeFixtures(t *testing.T) {
	dir := filepath.Join(recorded.Dir(t), "fastly-exporter")
	origins, err := os.ReadFile(filepath.Join(dir, "origins_rt_response_fixture.json"))
	require.NoError(t, err)
	_, err = DecodeInspectorRealtime(origins, "/v1/origins/x/ts/h")
	var decodeErr *DecodeError
	require.True(t, errors.As(err, &decodeErr), "the fixture has no Timestamp: %v", err)

	resp, err := DecodeInspectorRealtime(withCursor(t, origins), "/v1/origins/x/ts/h")
	require.NoError(t, err)
	require.Len(t, resp.Data, 1)
	rec := resp.Data[0]
	assert.EqualValues(t, 1603401000, rec.Recorded)
	assert.Equal(t, 10.0, rec.Aggregated["testorigin"]["responses"])
	assert.Equal(t, 6.0, rec.Aggregated["testorigin"]["latency_50_to_100ms"])
	assert.Equal(t, 4.0, rec.POPs["TYO"]["testorigin"]["compute_status_403"])

	domains, err := os.ReadFile(filepath.Join(dir, "domains_rt_response_fixture.json"))
	require.NoError(t, err)
	resp, err = DecodeInspectorRealtime(withCursor(t, domains), "/v1/domains/x/ts/h")
	require.NoError(t, err)
	assert.Equal(t, 5.0, resp.Data[0].POPs["TYO"]["testhost"]["edge_hit_requests"])
	assert.Equal(t, 1048.0, resp.Data[0].Aggregated["testhost"]["bandwidth"])
}

func TestDecodeInspectorRealtimeRejectsBrokenRecords(t *testing.T) {
	for name, body := range map[string]string{
		"no recorded":     `{"Timestamp":10,"Data":[{"aggregated":{}}]}`,
		"name not object": `{"Timestamp":10,"Data":[{"recorded":5,"aggregated":{"a":1}}]}`,
		"not JSON":        `{"Timestamp":`,
	} {
		_, err := DecodeInspectorRealtime([]byte(body), "/v1/origins/x/ts/0")
		var decodeErr *DecodeError
		assert.True(t, errors.As(err, &decodeErr), "%s: %v", name, err)
	}
	resp, err := DecodeInspectorRealtime([]byte(`{"Data":[],"Timestamp":10,"AggregateDelay":9,"Error":"No data available, please retry"}`), "p")
	require.NoError(t, err)
	assert.Equal(t, NoDataMessage, resp.Error)
}
