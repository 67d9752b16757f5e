package fastlyapi

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeVersions(t *testing.T) {
	body := []byte(`[
	  {"number":1,"active":false,"locked":true,"deployed":false,"staging":false,"testing":false,"comment":"",
	   "created_at":"2023-11-17T17:41:13Z","updated_at":"2023-11-17T18:01:13Z","deleted_at":null,"service_id":"SU1Z0isxPaozGVKXdv0eY1"},
	  {"number":2,"active":true,"locked":true,"deployed":true,"comment":"Deployed from CI",
	   "created_at":"2023-11-18T10:00:00+02:00","updated_at":null,"deleted_at":null,"service_id":"SU1Z0isxPaozGVKXdv0eY1"}
	]`)
	got, err := DecodeVersions(body, "/service/SU1Z0isxPaozGVKXdv0eY1/version")
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, Version{Number: 1, ServiceID: "SU1Z0isxPaozGVKXdv0eY1",
		CreatedAt: time.Date(2023, 11, 17, 17, 41, 13, 0, time.UTC), UpdatedAt: time.Date(2023, 11, 17, 18, 1, 13, 0, time.UTC)}, got[0])
	assert.True(t, got[1].Active)
	assert.True(t, got[1].Deployed)
	assert.Equal(t, "Deployed from CI", got[1].Comment)
	assert.Equal(t, time.Date(2023, 11, 18, 8, 0, 0, 0, time.UTC), got[1].CreatedAt)
	assert.Equal(t, time.UTC, got[1].CreatedAt.Location())
	assert.True(t, got[1].UpdatedAt.IsZero(), "a null time stays zero")

	_, err = DecodeVersions([]byte(`{"data":[]}`), "/service/x/version")
	var decodeErr *DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestVersionsCallsTheVersionPath(t *testing.T) {
	var gotPath string
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
		_, _ = w.Write([]byte(`[]`))
	})
	got, err := c.Versions(context.Background(), "SU1Z0isxPaozGVKXdv0eY1")
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, "/service/SU1Z0isxPaozGVKXdv0eY1/version", gotPath)
}
