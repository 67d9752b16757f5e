package plugin

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSettingsDefaultsAndSecret(t *testing.T) {
	s, err := LoadSettings(backend.DataSourceInstanceSettings{DecryptedSecureJSONData: map[string]string{"apiToken": " tok-123456 "}})
	require.NoError(t, err)
	assert.Equal(t, DefaultAPIURL, s.APIURL)
	assert.Equal(t, DefaultRealtimeURL, s.RealtimeURL)
	assert.True(t, s.HasToken())
	out, _ := json.Marshal(s)
	assert.NotContains(t, string(out), "tok-123456", "the token is not serialisable")
	assert.Equal(t, "key [redacted] leaked", s.redact("key tok-123456 leaked"))
}

func TestSettingsRejectNonHTTPURLs(t *testing.T) {
	for _, jsonData := range []string{`{"apiUrl":"ftp://x"}`, `{"realtimeUrl":"rt.fastly.com"}`, `{"apiUrl":"javascript:alert(1)"}`, `{"apiUrl":`} {
		_, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(jsonData)})
		assert.Error(t, err, jsonData)
	}
	s, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{"apiUrl":"http://fastly-sim:8080/"}`)})
	require.NoError(t, err)
	assert.Equal(t, "http://fastly-sim:8080", s.APIURL)
}

func TestInstanceFactoryBuildsWithSDKHTTPClient(t *testing.T) {
	inst, err := NewDatasource(context.Background(), instanceSettings("https://api.fastly.com", "tok-123456"))
	require.NoError(t, err)
	d := inst.(*Datasource)
	assert.Equal(t, "api.fastly.com", d.api.Host())
	d.Dispose()

	_, err = NewDatasource(context.Background(), instanceSettings("file:///etc/passwd", "tok"))
	assert.ErrorContains(t, err, "is not valid")
}

func TestTuningSettingsDefaults(t *testing.T) {
	s, err := LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(`{"realtimeIdleSeconds":60,"maxRetries":-1,"cacheSizeMB":0,"stitchRealtime":false}`)})
	require.NoError(t, err)
	assert.Equal(t, 60, s.RealtimeIdleSeconds)
	assert.Equal(t, DefaultRealtimeBufferMinutes, s.RealtimeBufferMinutes)
	assert.Equal(t, DefaultInspectorMaxPages, s.InspectorMaxPages)
	assert.Equal(t, 0, s.CacheSizeMB, "0 turns the cache off")
	assert.Equal(t, DefaultMaxConcurrentCalls, s.MaxConcurrentCalls)
	assert.Equal(t, 0, s.MaxRetries, "-1 turns retries off")
	assert.False(t, s.StitchRealtime)
}
