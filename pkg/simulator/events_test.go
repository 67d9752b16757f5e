package simulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// getEvents fetches one /events page with the query q and decodes it.
func getEvents(t *testing.T, srv *httptest.Server, q url.Values) eventsResponse {
	t.Helper()
	resp, body := get(t, srv, "/events?"+q.Encode())
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	require.Equal(t, "application/vnd.api+json", resp.Header.Get("Content-Type"))
	var page eventsResponse
	decodeJSON(t, body, &page)
	return page
}

// allEvents follows links.next from the first page of q and returns every event read, failing on a repeated page.
func allEvents(t *testing.T, srv *httptest.Server, q url.Values) []eventJSON {
	t.Helper()
	var events []eventJSON
	next := srv.URL + "/events?" + q.Encode()
	for pages := 0; next != ""; pages++ {
		require.Less(t, pages, 1000, "links.next never ends")
		resp, body := request(t, http.MethodGet, next, testToken)
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		var page eventsResponse
		decodeJSON(t, body, &page)
		events = append(events, page.Data...)
		next = page.Links.Next
	}
	return events
}

func eventTime(t *testing.T, e eventJSON) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, e.Attributes.CreatedAt)
	require.NoError(t, err)
	return at
}

func eventQuery(pairs ...string) url.Values {
	q := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		q.Set(pairs[i], pairs[i+1])
	}
	return q
}

// memberNames returns the sorted member names of a JSON object.
func memberNames(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &m), string(raw))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jsonAPIShape is the members of a one-event /events page: top level, event, attributes, links and meta.
type jsonAPIShape struct {
	top, event, attributes, links, meta []string
}

func eventsShape(t *testing.T, body []byte) jsonAPIShape {
	t.Helper()
	var page struct {
		Data  []json.RawMessage `json:"data"`
		Links json.RawMessage   `json:"links"`
		Meta  json.RawMessage   `json:"meta"`
	}
	require.NoError(t, json.Unmarshal(body, &page))
	require.Len(t, page.Data, 1)
	var event struct {
		Attributes json.RawMessage `json:"attributes"`
	}
	require.NoError(t, json.Unmarshal(page.Data[0], &event))
	return jsonAPIShape{
		top: memberNames(t, body), event: memberNames(t, page.Data[0]), attributes: memberNames(t, event.Attributes),
		links: memberNames(t, page.Links), meta: memberNames(t, page.Meta),
	}
}

func TestEventsFirstPageHasTheRecordedShapeAndLinks(t *testing.T) {
	recordedBody := recorded.Body(t, "go-fastly-main-5141097/events/get_events.yaml")
	_, srv := newTestSimulator(t, Config{})
	resp, body := get(t, srv, "/events?page%5Bnumber%5D=1&page%5Bsize%5D=1")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	assert.Equal(t, "application/vnd.api+json", resp.Header.Get("Content-Type"))

	assert.Equal(t, eventsShape(t, recordedBody), eventsShape(t, body))
	var page eventsResponse
	decodeJSON(t, body, &page)
	assert.Equal(t, "event", page.Data[0].Type)
	assert.Equal(t, srv.URL+"/events?page[number]=2&page[size]=1", page.Links.Next, "brackets unescaped, as Fastly writes them")
	assert.Equal(t, srv.URL+"/events?page[number]="+strconv.Itoa(page.Meta.RecordCount)+"&page[size]=1", page.Links.Last)
	assert.Equal(t, eventsMeta{RecordCount: page.Meta.RecordCount, CurrentPage: 1, TotalPages: page.Meta.RecordCount, PerPage: 1}, page.Meta)
	assert.Greater(t, page.Meta.RecordCount, 100, "a year of purges and deploys")
}

func TestEventsLinksWalkEveryEventOnceInOrderWithTheFiltersKept(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	www := serviceNamed(t, sim, "www.example.com").ID
	q := eventQuery("filter[service_id]", www, "filter[created_at][gte]", formatTime(testNow.Add(-60*24*time.Hour)),
		"filter[created_at][lte]", formatTime(testNow), "page[size]", "3")

	walked := allEvents(t, srv, q)
	q.Set("page[size]", "100")
	whole := getEvents(t, srv, q)
	require.Empty(t, whole.Links.Next, "one page of 100 holds them")
	require.Greater(t, len(whole.Data), 6, "several pages of 3")
	assert.Equal(t, whole.Data, walked)
	assert.Equal(t, len(walked), whole.Meta.RecordCount)

	seen := map[string]bool{}
	for i, e := range walked {
		assert.False(t, seen[e.ID], "event %s twice", e.ID)
		seen[e.ID] = true
		assert.Equal(t, www, e.Attributes.ServiceID)
		if i > 0 {
			assert.False(t, eventTime(t, e).Before(eventTime(t, walked[i-1])), "oldest first")
		}
	}

	q.Set("page[size]", "3")
	q.Set("page[number]", "2")
	middle := getEvents(t, srv, q)
	prev, err := url.Parse(middle.Links.Prev)
	require.NoError(t, err)
	assert.Equal(t, www, prev.Query().Get("filter[service_id]"))
	assert.Equal(t, "1", prev.Query().Get("page[number]"))
	assert.NotEmpty(t, middle.Links.First)
}

func TestEventsFilterByTypeServiceAndTime(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	shop := serviceNamed(t, sim, "shop.example.com").ID
	from, to := testNow.Add(-30*24*time.Hour), testNow.Add(-10*24*time.Hour)
	purges := allEvents(t, srv, eventQuery("filter[event_type]", "service.purge_all", "filter[service_id]", shop,
		"filter[created_at][gte]", formatTime(from), "filter[created_at][lte]", formatTime(to), "page[size]", "100"))

	require.Greater(t, len(purges), 5, "up to two purges a day over 20 days")
	for _, e := range purges {
		assert.Equal(t, "service.purge_all", e.Attributes.EventType)
		assert.Equal(t, shop, e.Attributes.ServiceID)
		at := eventTime(t, e)
		assert.True(t, !at.Before(from) && !at.After(to), "%s outside the range", at)
	}

	// The bounds are inclusive to the second: gte/lte at an event's time keep it, gt/lt drop it.
	edge := purges[0].Attributes.CreatedAt
	only := func(op string) []eventJSON {
		return allEvents(t, srv, eventQuery("filter[event_type]", "service.purge_all", "filter[service_id]", shop,
			"filter[created_at]["+op+"]", edge, "filter[created_at][lte]", edge))
	}
	assert.Len(t, only("gte"), 1)
	assert.Empty(t, only("gt"))

	everything := allEvents(t, srv, eventQuery("filter[created_at][gte]", formatTime(from), "filter[created_at][lte]", formatTime(testNow), "page[size]", "100"))
	types := map[string]bool{}
	for _, e := range everything {
		types[e.Attributes.EventType] = true
	}
	assert.Subset(t, keysOf(types), []string{"service.purge_all", "version.activate"})
	assert.Greater(t, len(everything), len(purges), "other services and event types are filtered out above")

	assert.Empty(t, allEvents(t, srv, eventQuery("filter[event_type]", "service.purge_all,version.activate")),
		"Fastly documents one event type per filter; a list is not a type")
	assert.Empty(t, allEvents(t, srv, eventQuery("filter[service_id]", "AAAAAAAAAAAAAAAAAAAAAA")))
}

func TestEventsSortNewestFirstReversesTheOrder(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	q := eventQuery("filter[created_at][gte]", formatTime(testNow.Add(-7*24*time.Hour)), "page[size]", "100")
	oldest := allEvents(t, srv, q)
	q.Set("sort", "-created_at")
	newest := allEvents(t, srv, q)
	require.Len(t, newest, len(oldest))
	require.NotEmpty(t, oldest)
	for i := range oldest {
		assert.Equal(t, oldest[i].Attributes.CreatedAt, newest[len(newest)-1-i].Attributes.CreatedAt)
	}
}

var activatedVersion = regexp.MustCompile(`^Version '(\d+)' was activated$`)

// TestActivationEventsMatchTheServiceVersions: each locked version has one activation, after its creation and
// before its updated_at, to the second; the newest is the active version's.
func TestActivationEventsMatchTheServiceVersions(t *testing.T) {
	sim, srv := newTestSimulator(t, Config{})
	recent := 0
	for i, svc := range sim.Services() {
		var versions []versionJSON
		getJSON(t, srv, "/service/"+svc.ID+"/version", &versions)
		activations := allEvents(t, srv, eventQuery("filter[event_type]", "version.activate", "filter[service_id]", svc.ID, "page[size]", "100"))

		var locked []int
		for _, v := range versions {
			if v.Locked {
				locked = append(locked, v.Number)
			}
		}
		require.Len(t, activations, len(locked), svc.Name)
		for k, e := range activations {
			m := activatedVersion.FindStringSubmatch(e.Attributes.Description)
			require.NotNil(t, m, e.Attributes.Description)
			number, _ := strconv.Atoi(m[1])
			v := versions[number-1]
			assert.Equal(t, locked[k], number, svc.Name)
			at := eventTime(t, e)
			created, _ := time.Parse(time.RFC3339, v.CreatedAt)
			updated, _ := time.Parse(time.RFC3339, v.UpdatedAt)
			assert.True(t, at.After(created) && at.Before(updated), "%s v%d activated at %s, between %s and %s", svc.Name, number, at, created, updated)
			assert.Equal(t, Activation{ServiceID: svc.ID, Version: number, At: at}, sim.Activations(svc.ID)[k])
			assert.False(t, e.Attributes.Admin)
		}
		last := activations[len(activations)-1]
		assert.Equal(t, "Version '"+strconv.Itoa(activeVersion(versions))+"' was activated", last.Attributes.Description, svc.Name)
		if testNow.Sub(eventTime(t, last)) < 24*time.Hour {
			recent++
			assert.Equal(t, 0, i%recentDeployEvery, svc.Name)
		}
	}
	assert.Equal(t, 2, recent, "services 0 and 5 deployed within the last 24 hours")
}

func activeVersion(versions []versionJSON) int {
	for _, v := range versions {
		if v.Active {
			return v.Number
		}
	}
	return 0
}

func TestPurgesComeFromTheCMSAndSometimesFromFastly(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	purges := allEvents(t, srv, eventQuery("filter[event_type]", "service.purge_all", "page[size]", "100"))
	require.Greater(t, len(purges), 500, "up to two a day for each service over its life")
	admin := 0
	for _, e := range purges {
		assert.Contains(t, e.Attributes.Description, "were purged")
		if e.Attributes.Admin {
			admin++
			assert.Equal(t, supportUserID, e.Attributes.UserID)
		} else {
			assert.Equal(t, cmsUserID, e.Attributes.UserID)
		}
		assert.False(t, eventTime(t, e).After(testNow), "no event from the future")
	}
	assert.Positive(t, admin)
	assert.Less(t, admin, len(purges)/4)
}

func TestEventsAreDeterministic(t *testing.T) {
	path := "/events?page%5Bsize%5D=100&page%5Bnumber%5D=3"
	a := serveOK(t, New(Config{Now: func() time.Time { return testNow }}), path).Body.String()
	b := serveOK(t, New(Config{Now: func() time.Time { return testNow }}), path).Body.String()
	assert.True(t, a == b, "two simulators with one configuration answer alike")
	assert.Contains(t, a, `"current_page":3`)
}

func TestEventsPageSizeIsCappedAt100(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	page := getEvents(t, srv, eventQuery("page[size]", "1000"))
	assert.Len(t, page.Data, maxEventPageSize)
	assert.Equal(t, maxEventPageSize, page.Meta.PerPage)
	assert.Equal(t, (page.Meta.RecordCount+99)/100, page.Meta.TotalPages)
}

func TestEventsRejectBadParametersNamingThem(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for param, value := range map[string]string{
		"filter[created_at][gte]": "yesterday", "page[number]": "0", "page[size]": "ten", "sort": "event_type",
	} {
		resp, body := get(t, srv, "/events?"+eventQuery(param, value).Encode())
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, param)
		assert.Equal(t, "application/vnd.api+json", resp.Header.Get("Content-Type"))
		var errs struct {
			Errors []jsonAPIError `json:"errors"`
		}
		decodeJSON(t, body, &errs)
		require.Len(t, errs.Errors, 1)
		assert.Contains(t, errs.Errors[0].Detail, param)
	}
	resp, _ := request(t, http.MethodGet, srv.URL+"/events", "wrong")
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}

func TestEventsPagePastTheEndIsEmptyHoweverLargeItsNumber(t *testing.T) {
	_, srv := newTestSimulator(t, Config{})
	for _, number := range []string{"100000", "9223372036854775807"} {
		resp, body := get(t, srv, "/events?page%5Bnumber%5D="+number+"&page%5Bsize%5D=100")
		require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
		var page eventsResponse
		decodeJSON(t, body, &page)
		assert.Empty(t, page.Data, number)
	}
}
