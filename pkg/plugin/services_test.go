package plugin

import (
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// simServiceItem is the part of a simulator /service item the tests compare with.
type simServiceItem struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Type      string `json:"type"`
	Version   int64  `json:"version"`
	UpdatedAt string `json:"updated_at"`
	Versions  []struct {
		Number    int    `json:"number"`
		Active    bool   `json:"active"`
		Deployed  bool   `json:"deployed"`
		Comment   string `json:"comment"`
		UpdatedAt string `json:"updated_at"`
	} `json:"versions"`
}

// simServiceList reads the simulator's /service list directly (one page), sorted by name.
func simServiceList(t *testing.T, srv *httptest.Server) []simServiceItem {
	t.Helper()
	var items []simServiceItem
	getSimJSON(t, srv.URL+"/service?per_page=1000", &items)
	sort.Slice(items, func(i, j int) bool { return items[i].Name < items[j].Name })
	return items
}

func TestServicesQueryIsATableWithLinks(t *testing.T) {
	_, srv := newSim(t, simulator.Config{ServiceCount: 8})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	res := runQueries(t, d, dataQuery("A", "services", map[string]any{}, from, to)).Responses["A"]
	require.NoError(t, res.Error)
	require.Len(t, res.Frames, 1)
	f := res.Frames[0]
	assert.Equal(t, data.FrameTypeTable, f.Meta.Type)
	assert.Equal(t, data.VisTypeTable, string(f.Meta.PreferredVisualization))
	var names []string
	for _, field := range f.Fields {
		names = append(names, field.Name)
	}
	assert.Equal(t, []string{"id", "name", "type", "active_version", "last_updated"}, names)

	want := simServiceList(t, srv)
	require.Equal(t, len(want), f.Rows())
	for i, w := range want {
		assert.Equal(t, w.ID, f.Fields[0].At(i))
		assert.Equal(t, w.Name, f.Fields[1].At(i), "rows sorted by name")
		assert.Equal(t, w.Type, f.Fields[2].At(i))
		assert.Equal(t, w.Version, *f.Fields[3].At(i).(*int64))
		updated := *f.Fields[4].At(i).(*time.Time)
		assert.Equal(t, w.UpdatedAt, updated.Format(time.RFC3339))
		assert.Equal(t, time.UTC, updated.Location())
	}

	links := f.Fields[1].Config.Links
	require.Len(t, links, 2)
	assert.Equal(t, "Open in Fastly", links[0].Title)
	assert.Equal(t, "https://manage.fastly.com/configure/services/${__data.fields.id}", links[0].URL)
	assert.True(t, links[0].TargetBlank)
	assert.Equal(t, "Fastly service dashboard", links[1].Title)
	assert.Equal(t, "/d/fastly-service?var-service=${__data.fields.id}", links[1].URL)
}

func TestServicesQueryReusesTheAccountCache(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	d := newTestDatasource(t, srv.URL, simToken)
	from, to := lastHour()
	runQueries(t, d, dataQuery("A", "services", map[string]any{}, from, to))
	runQueries(t, d, dataQuery("A", "services", map[string]any{}, from, to))
	count := 0
	for _, r := range sim.Requests() {
		if len(r) >= 12 && r[:12] == "GET /service" {
			count++
		}
	}
	assert.Equal(t, 1, count, "the second query is served from the cached service list")
}
