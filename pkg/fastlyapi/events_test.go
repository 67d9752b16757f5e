package fastlyapi

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const recordedEvents = "go-fastly-main-5141097/events/get_events.yaml"

func TestDecodeRecordedEvents(t *testing.T) {
	page, err := DecodeEvents(recorded.Body(t, recordedEvents), EventsPath)
	require.NoError(t, err)
	require.Len(t, page.Events, 1)
	e := page.Events[0]
	assert.Equal(t, "5ThmATeNYLVLXcHYTpb4G1", e.ID)
	assert.Equal(t, "logging.update", e.EventType)
	assert.Equal(t, "Logging 'new-test-elasticsearch' was updated on Version '63'", e.Description)
	assert.Equal(t, "kKJb5bOFI47uHeBVluGfX1", e.ServiceID)
	assert.Equal(t, "1tSCjJnpQYBBCAsIfI6pX0", e.UserID)
	assert.False(t, e.Admin)
	assert.Equal(t, time.Date(2021, 11, 3, 16, 29, 29, 0, time.UTC), e.CreatedAt)
	assert.Equal(t, map[string]any{"name": "new-test-elasticsearch", "pipeline": "my_new_pipeline_id"}, e.Metadata["new"])
	assert.True(t, page.More, "links.next is present")
	assert.Equal(t, 197261, page.TotalPages)
	n, ok := e.Version()
	assert.True(t, ok)
	assert.Equal(t, 63, n, "the version from the description text")
}

func TestDecodeEventsLastPageAndNulls(t *testing.T) {
	body := []byte(`{"data":[{"id":"e1","type":"event","attributes":{"event_type":"user.login","description":"User logged in",
	  "service_id":null,"user_id":"u1","created_at":"2026-11-26T10:00:00+01:00","admin":false,"metadata":{}}}],
	  "links":{"last":"https://api.fastly.com/events?page[number]=1","next":null},"meta":{"total_pages":1}}`)
	page, err := DecodeEvents(body, EventsPath)
	require.NoError(t, err)
	assert.False(t, page.More, "a null links.next is the last page")
	assert.Equal(t, "", page.Events[0].ServiceID)
	assert.Equal(t, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC), page.Events[0].CreatedAt)
	assert.Equal(t, time.UTC, page.Events[0].CreatedAt.Location())

	_, err = DecodeEvents([]byte(`{"data":{"id":"x"}}`), EventsPath)
	var decodeErr *DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestEventVersionPrefersMetadata(t *testing.T) {
	cases := []struct {
		name string
		e    Event
		want int
		ok   bool
	}{
		{"metadata number", Event{Metadata: map[string]any{"version": float64(12)}, Description: "Version '3' activated"}, 12, true},
		{"metadata string", Event{Metadata: map[string]any{"version_number": "7"}}, 7, true},
		{"metadata number key", Event{Metadata: map[string]any{"number": float64(9)}}, 9, true},
		{"metadata not a number falls back to the text", Event{Metadata: map[string]any{"version": map[string]any{"x": 1}}, Description: "Activated Version '4'"}, 4, true},
		{"text without quotes", Event{Description: "version 15 was activated"}, 15, true},
		{"nothing", Event{Description: "Purged all"}, 0, false},
		{"fraction is no version", Event{Metadata: map[string]any{"version": 1.5}}, 0, false},
	}
	for _, c := range cases {
		n, ok := c.e.Version()
		assert.Equal(t, c.ok, ok, c.name)
		assert.Equal(t, c.want, n, c.name)
	}
}

func TestEventsPageSendsFiltersAndPage(t *testing.T) {
	const body = `{"data":[],"links":{},"meta":{}}`
	c, called := capturingClient(t, body)
	from := time.Date(2026, 11, 26, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	_, err := c.EventsPage(context.Background(), EventsRequest{EventType: "version.activate", ServiceID: "SU1Z0isxPaozGVKXdv0eY1",
		From: from, To: from.Add(time.Hour)})
	require.NoError(t, err)
	u := called()
	assert.Equal(t, EventsPath, u.Path)
	assert.Equal(t, url.Values{"filter[event_type]": {"version.activate"}, "filter[service_id]": {"SU1Z0isxPaozGVKXdv0eY1"},
		"filter[created_at][gte]": {"2026-11-26T09:00:00Z"}, "filter[created_at][lte]": {"2026-11-26T10:00:00Z"},
		"page[number]": {"1"}, "page[size]": {"100"}}, u.Query(), "page 0 is sent as 1: go-fastly's page 0 reads every page")

	c, called = capturingClient(t, body)
	_, err = c.EventsPage(context.Background(), EventsRequest{EventType: "service.purge_all", From: from, To: from, Page: 3, PageSize: 5})
	require.NoError(t, err)
	u = called()
	assert.Equal(t, EventsPath, u.Path)
	got := u.Query()
	assert.NotContains(t, got, "filter[service_id]", "every service: no service filter")
	assert.Equal(t, "3", got.Get("page[number]"))
	assert.Equal(t, "5", got.Get("page[size]"))
}

func TestEventsPageDoesNotRefuseJSONAPI(t *testing.T) {
	accept := "unset"
	c := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		_, _ = w.Write([]byte(`{"data":[]}`))
	})
	_, err := c.EventsPage(context.Background(), EventsRequest{EventType: "version.activate", From: time.Unix(0, 0), To: time.Unix(60, 0)})
	require.NoError(t, err)
	ok := accept == "" || strings.Contains(accept, "application/vnd.api+json") || strings.Contains(accept, "*/*")
	assert.True(t, ok, "a JSON:API server answers 406 to Accept %q", accept)
}

func TestEventsPageReplaysTheRecording(t *testing.T) {
	srv := recorded.Server(t, recordedEvents)
	c, err := NewClient("secret-token", srv.URL, srv.Client())
	require.NoError(t, err)
	page, err := c.EventsPage(context.Background(), EventsRequest{EventType: "logging.update", From: time.Unix(0, 0), To: time.Now()})
	require.NoError(t, err, "the recorded answer is served as application/vnd.api+json")
	require.Len(t, page.Events, 1)
	assert.Equal(t, "logging.update", page.Events[0].EventType)
}
