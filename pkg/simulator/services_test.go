package simulator

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var linkPattern = regexp.MustCompile(`<([^>]+)>; rel="(\w+)"`)

// parseLinks maps each rel of an RFC 5988 Link header to its URL, keeping the order of rels.
func parseLinks(header string) (map[string]string, []string) {
	links := map[string]string{}
	var rels []string
	for _, m := range linkPattern.FindAllStringSubmatch(header, -1) {
		links[m[2]] = m[1]
		rels = append(rels, m[2])
	}
	return links, rels
}

func TestServiceListFollowsLinkPaginationToEveryServiceOnce(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{ServiceCount: 45})
	seen := map[string]int{}
	var relsByPage [][]string
	next := srv.URL + "/service?direction=ascend&per_page=20&sort=created"
	for next != "" {
		resp, body := request(t, http.MethodGet, next, testToken)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		var page []serviceJSON
		decodeJSON(t, body, &page)
		for _, svc := range page {
			seen[svc.ID]++
		}
		links, rels := parseLinks(resp.Header.Get("Link"))
		relsByPage = append(relsByPage, rels)
		next = links["next"]
	}

	assert.Equal(t, [][]string{{"last", "next"}, {"last", "next", "prev", "first"}, {"prev", "first"}}, relsByPage)
	require.Len(t, seen, 45)
	for _, svc := range sim.Services() {
		assert.Equal(t, 1, seen[svc.ID], svc.Name)
	}
}

func TestServiceListLinksKeepTheQueryAndAbsoluteURL(t *testing.T) {
	_, srv := newTestSimulator(t, Config{ServiceCount: 5})
	resp, _ := get(t, srv, "/service?page=2&per_page=2&sort=created&direction=descend")
	links, _ := parseLinks(resp.Header.Get("Link"))
	assert.Equal(t, srv.URL+"/service?direction=descend&page=3&per_page=2&sort=created", links["last"])
	assert.Equal(t, srv.URL+"/service?direction=descend&page=3&per_page=2&sort=created", links["next"])
	assert.Equal(t, srv.URL+"/service?direction=descend&page=1&per_page=2&sort=created", links["prev"])
	assert.Equal(t, srv.URL+"/service?direction=descend&page=1&per_page=2&sort=created", links["first"])
}

func TestServiceListDefaultsAndLimits(t *testing.T) {
	_, srv := newTestSimulator(t, Config{ServiceCount: 25})
	var page []serviceJSON
	resp, body := get(t, srv, "/service")
	decodeJSON(t, body, &page)
	assert.Len(t, page, 20)
	links, _ := parseLinks(resp.Header.Get("Link"))
	lastURL, err := url.Parse(links["last"])
	require.NoError(t, err)
	assert.Equal(t, "2", lastURL.Query().Get("page"))

	resp, body = get(t, srv, "/service?per_page=5000")
	decodeJSON(t, body, &page)
	assert.Len(t, page, 25)
	assert.Empty(t, resp.Header.Get("Link"), "a single page has no Link header")

	_, body = get(t, srv, "/service?page=9")
	assert.Equal(t, "[]", strings.TrimSpace(string(body)))
}

func TestServiceItemsCarryVersionsWithTheActiveOneDeployed(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	var items []map[string]any
	getJSON(t, srv, "/service?per_page=100&sort=name", &items)
	require.Len(t, items, 6)
	assert.Equal(t, "api.example.com", items[0]["name"], "sort=name orders by name")
	for _, item := range items {
		for _, key := range []string{"id", "name", "type", "customer_id", "version", "comment", "paused",
			"created_at", "updated_at", "deleted_at", "versions"} {
			assert.Contains(t, item, key)
		}
		assert.Nil(t, item["deleted_at"])
		versions := item["versions"].([]any)
		assert.GreaterOrEqual(t, len(versions), 3)
		var active []map[string]any
		for _, v := range versions {
			version := v.(map[string]any)
			assert.Equal(t, item["id"], version["service_id"])
			if version["active"] == true {
				active = append(active, version)
			}
		}
		require.Len(t, active, 1, item["name"])
		assert.Equal(t, true, active[0]["deployed"])
		assert.Equal(t, item["version"], active[0]["number"])
	}
}
