// Package recorded replays real recorded Fastly responses from ../shared/fastly-recordings in tests.
package recorded

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dnaeon/go-vcr/cassette"
)

// Dir finds the recordings folder beside the repository, skipping the test when it is absent.
func Dir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; dir != filepath.Dir(dir); dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "..", "shared", "fastly-recordings")
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(candidate); err != nil {
				t.Skip("recordings not found at " + candidate)
			}
			return candidate
		}
	}
	t.Skip("module root not found")
	return ""
}

// Interactions loads one cassette, given its path under the recordings folder (with .yaml).
func Interactions(t testing.TB, file string) []*cassette.Interaction {
	t.Helper()
	c, err := cassette.Load(strings.TrimSuffix(filepath.Join(Dir(t), file), ".yaml"))
	if err != nil {
		t.Fatalf("loading %s: %v", file, err)
	}
	return c.Interactions
}

// Body returns the response body of the first interaction of a cassette.
func Body(t testing.TB, file string) []byte {
	t.Helper()
	return []byte(Interactions(t, file)[0].Response.Body)
}

// Server serves a cassette's responses by request path and "page" parameter, so a client that builds its own
// query strings still gets the recorded answers.
func Server(t testing.TB, file string) *httptest.Server {
	t.Helper()
	byKey := map[string]*cassette.Interaction{}
	for _, i := range Interactions(t, file) {
		u, err := url.Parse(i.Request.URL)
		if err != nil {
			t.Fatal(err)
		}
		byKey[key(u)] = i
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i, ok := byKey[key(r.URL)]
		if !ok {
			http.Error(w, `{"msg":"not recorded"}`, http.StatusNotFound)
			return
		}
		for k, vs := range i.Response.Headers {
			for _, v := range vs {
				w.Header().Add(k, strings.ReplaceAll(v, "https://api.fastly.com", "http://"+r.Host))
			}
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(i.Response.Code)
		_, _ = w.Write([]byte(i.Response.Body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func key(u *url.URL) string { return u.Path + "?page=" + u.Query().Get("page") }
