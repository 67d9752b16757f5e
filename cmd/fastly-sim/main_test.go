package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeAnswersUntilCancelled(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, listener, simulator.Config{Token: "test-token"}) }()

	resp, _ := getPath(t, listener, "test-token", "/tokens/self")
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop after cancellation")
	}
}

func TestEnvironmentOverridesDefaults(t *testing.T) {
	t.Setenv("FASTLY_SIM_ADDR", "0.0.0.0:9999")
	assert.Equal(t, "0.0.0.0:9999", envOr("FASTLY_SIM_ADDR", "127.0.0.1:8080"))
	t.Setenv("FASTLY_SIM_ADDR", "")
	assert.Equal(t, "127.0.0.1:8080", envOr("FASTLY_SIM_ADDR", "127.0.0.1:8080"))
}

func TestFastlySizedSwitchesTheDatacenterList(t *testing.T) {
	for sized, atLeast := range map[bool]int{false: 25, true: 80} {
		listener, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- serve(ctx, listener, simulator.Config{Token: "test-token", FastlySized: sized}) }()
		_, body := getPath(t, listener, "test-token", "/datacenters")
		var list []map[string]any
		require.NoError(t, json.Unmarshal(body, &list))
		assert.GreaterOrEqual(t, len(list), atLeast, "fastly-sized=%v", sized)
		if !sized {
			assert.Less(t, len(list), 80)
		}
		cancel()
		require.NoError(t, <-done)
	}
}

func TestFastlySizedEnvironmentIsABoolean(t *testing.T) {
	for value, want := range map[string]bool{"": false, "1": true, "true": true, "0": false, "false": false} {
		t.Setenv("FASTLY_SIM_FASTLY_SIZED", value)
		on, err := envBool("FASTLY_SIM_FASTLY_SIZED")
		require.NoError(t, err, value)
		assert.Equal(t, want, on, value)
	}
	t.Setenv("FASTLY_SIM_FASTLY_SIZED", "yes please")
	_, err := envBool("FASTLY_SIM_FASTLY_SIZED")
	assert.ErrorContains(t, err, "FASTLY_SIM_FASTLY_SIZED")
}

// getPath sends an authenticated GET for path to the server on listener.
func getPath(t *testing.T, listener net.Listener, token, path string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, "http://"+listener.Addr().String()+path, nil)
	require.NoError(t, err)
	req.Header.Set("Fastly-Key", token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, body
}
