package main

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestServeAnswersUntilCancelled(t *testing.T) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, listener, "test-token") }()

	req, err := http.NewRequest(http.MethodGet, "http://"+listener.Addr().String()+"/tokens/self", nil)
	require.NoError(t, err)
	req.Header.Set("Fastly-Key", "test-token")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
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
