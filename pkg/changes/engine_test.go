package changes

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	t0   = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	www  = series.Service{ID: "SU1Z0isxPaozGVKXdv0eY1", Name: "www.example.com"}
	shop = series.Service{ID: "7i6HN3TK9wS159v2gPAZ8A", Name: "shop.example.com"}
)

func activation(s series.Service, at time.Time, description string, metadata map[string]any) fastlyapi.Event {
	return fastlyapi.Event{ID: "ev-" + at.Format("150405"), EventType: "version.activate", ServiceID: s.ID, UserID: "u1",
		CreatedAt: at, Description: description, Metadata: metadata}
}

func TestDeploysAreActivationEventsAtTheirSecond(t *testing.T) {
	api := &fakeAPI{events: []fastlyapi.Event{
		activation(www, t0.Add(90*time.Second), "Activated version 12", map[string]any{"version": float64(12)}),
		activation(shop, t0.Add(5*time.Minute), "Version '63' was activated", nil),
		{ID: "admin", EventType: "version.activate", ServiceID: www.ID, Admin: true, CreatedAt: t0.Add(time.Hour), Description: "Rolled back"},
		activation(www, t0.Add(-time.Second), "before the range", nil),
		{ID: "purge", EventType: "service.purge_all", ServiceID: www.ID, CreatedAt: t0.Add(time.Minute)},
	}}
	e := NewEngine(api, Config{})
	res, err := e.Deploys(context.Background(), Request{Services: []series.Service{www, shop}, From: t0, To: t0.Add(2 * time.Hour)})
	require.NoError(t, err)
	assert.Equal(t, series.Deploys, res.Kind)
	assert.Empty(t, res.Notices)
	assert.ElementsMatch(t, []series.Annotation{
		{Time: t0.Add(90 * time.Second), Title: "www.example.com v12 activated", Text: "Activated version 12 (by user u1)",
			Tags: []string{"www.example.com", www.ID}, Version: 12},
		{Time: t0.Add(5 * time.Minute), Title: "shop.example.com v63 activated", Text: "Version '63' was activated (by user u1)",
			Tags: []string{"shop.example.com", shop.ID}, Version: 63},
		{Time: t0.Add(time.Hour), Title: "www.example.com: a version was activated", Text: "Rolled back (by Fastly)",
			Tags: []string{"www.example.com", www.ID}},
	}, res.Items)
	require.Len(t, api.eventRequests, 2, "one listing per selected service")
	for _, r := range api.eventRequests {
		assert.Equal(t, "version.activate", r.EventType)
		assert.Equal(t, 1, r.Page)
		assert.Equal(t, t0, r.From)
	}
	assert.ElementsMatch(t, []string{www.ID, shop.ID}, []string{api.eventRequests[0].ServiceID, api.eventRequests[1].ServiceID})
	assert.Len(t, res.Calls, 2)
	assert.Contains(t, res.Calls[0], "GET /events?filter%5Bcreated_at%5D%5Bgte%5D=2026-11-26T10%3A00%3A00Z")
	assert.Empty(t, api.versionCalls, "the versions list is not read when the event log answers")
}

func TestDeploysOfEveryServiceMakeOneUnfilteredListing(t *testing.T) {
	api := &fakeAPI{events: []fastlyapi.Event{
		activation(www, t0.Add(time.Minute), "Version '3'", nil),
		activation(series.Service{ID: "deletedservice00000001"}, t0.Add(2*time.Minute), "Version '9'", nil),
	}}
	res, err := NewEngine(api, Config{}).Deploys(context.Background(), Request{Services: []series.Service{www, shop}, AllServices: true, From: t0, To: t0.Add(time.Hour)})
	require.NoError(t, err)
	require.Len(t, api.eventRequests, 1)
	assert.Equal(t, "", api.eventRequests[0].ServiceID)
	require.Len(t, res.Items, 2)
	assert.Equal(t, "deletedservice00000001 v9 activated", res.Items[1].Title, "a service missing from the account list is named by its id")
}

func TestDeploysStopAtThePageBoundWithANotice(t *testing.T) {
	api := &fakeAPI{}
	for i := range 2*fastlyapi.EventsPageSize + 1 {
		api.events = append(api.events, activation(www, t0.Add(time.Duration(i)*time.Second), fmt.Sprintf("Version '%d'", i+1), nil))
	}
	e := NewEngine(api, Config{MaxPages: 2})
	res, err := e.Deploys(context.Background(), Request{Services: []series.Service{www}, From: t0, To: t0.Add(time.Hour)})
	require.NoError(t, err)
	assert.Len(t, api.eventRequests, 2, "never more pages than the bound")
	assert.Len(t, res.Items, 2*fastlyapi.EventsPageSize)
	require.Len(t, res.Notices, 1)
	assert.Equal(t, series.Warning, res.Notices[0].Severity)
	assert.Contains(t, res.Notices[0].Text, "more than 200 version.activate events for www.example.com")

	api.events = api.events[:2*fastlyapi.EventsPageSize]
	api.eventRequests = nil
	res, err = e.Deploys(context.Background(), Request{Services: []series.Service{www}, From: t0, To: t0.Add(time.Hour)})
	require.NoError(t, err)
	assert.Len(t, api.eventRequests, 2)
	assert.Empty(t, res.Notices, "exactly two pages: nothing left unread")
}

func TestDeploysFallBackToVersionsWhenTheEventLogIsClosed(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound} {
		api := &fakeAPI{
			eventsErr: &fastlyapi.Error{StatusCode: status, Path: "/events", Message: "no access"},
			versions: map[string][]fastlyapi.Version{
				www.ID: {
					{Number: 4, Active: true, Comment: "Deployed from CI", UpdatedAt: t0.Add(time.Minute)},
					{Number: 3, Deployed: true, UpdatedAt: t0.Add(-time.Hour)},
					{Number: 5, UpdatedAt: t0.Add(2 * time.Minute)},
				},
				shop.ID: {{Number: 2, Deployed: true, UpdatedAt: t0.Add(3 * time.Minute)}},
			},
		}
		res, err := NewEngine(api, Config{}).Deploys(context.Background(), Request{Services: []series.Service{www, shop}, AllServices: true, From: t0, To: t0.Add(time.Hour)})
		require.NoError(t, err, status)
		assert.Equal(t, []series.Annotation{
			{Time: t0.Add(time.Minute), Title: "www.example.com v4 activated", Text: "Deployed from CI", Tags: []string{"www.example.com", www.ID}, Version: 4},
			{Time: t0.Add(3 * time.Minute), Title: "shop.example.com v2 activated", Text: "(no comment)", Tags: []string{"shop.example.com", shop.ID}, Version: 2},
		}, res.Items, status)
		require.Len(t, res.Notices, 1)
		assert.Contains(t, res.Notices[0].Text, "the times are approximate")
		assert.Contains(t, res.Notices[0].Text, fmt.Sprintf("%d %s: no access", status, http.StatusText(status)))
		assert.ElementsMatch(t, []string{www.ID, shop.ID}, api.versionCalls)
		assert.Equal(t, []string{"GET /service/" + www.ID + "/version", "GET /service/" + shop.ID + "/version"}, res.Calls)
	}
}

func TestDeploysFallbackReadsTheVersionsOfTenServicesAtMostWithANotice(t *testing.T) {
	var services []series.Service
	api := &fakeAPI{eventsErr: &fastlyapi.Error{StatusCode: http.StatusForbidden, Path: "/events", Message: "no access"},
		versions: map[string][]fastlyapi.Version{}}
	for i := range 25 {
		s := series.Service{ID: fmt.Sprintf("svc%02d", i), Name: fmt.Sprintf("s%02d.example.com", i)}
		services = append(services, s)
		api.versions[s.ID] = []fastlyapi.Version{{Number: 2, Active: true, UpdatedAt: t0.Add(time.Duration(i) * time.Minute)}}
	}
	res, err := NewEngine(api, Config{}).Deploys(context.Background(), Request{Services: services, AllServices: true, From: t0, To: t0.Add(time.Hour)})
	require.NoError(t, err)
	assert.Len(t, api.versionCalls, MaxListedServices, "the calls do not grow with the account")
	require.Len(t, res.Items, MaxListedServices)
	assert.Equal(t, "s09.example.com v2 activated", res.Items[MaxListedServices-1].Title)
	require.Len(t, res.Notices, 2)
	assert.Contains(t, res.Notices[1].Text, "shown for the first 10 of the 25 selected services (s00.example.com to s09.example.com)")
}

func TestDeploysFailOnOtherErrors(t *testing.T) {
	for _, err := range []error{
		&fastlyapi.Error{StatusCode: http.StatusServiceUnavailable, Path: "/events", Message: "try later"},
		&fastlyapi.Error{StatusCode: http.StatusTooManyRequests, Path: "/events", Message: "slow down"},
		&fastlyapi.DecodeError{Path: "/events", Reason: "bad"},
	} {
		api := &fakeAPI{eventsErr: err}
		_, got := NewEngine(api, Config{}).Deploys(context.Background(), Request{Services: []series.Service{www}, From: t0, To: t0.Add(time.Hour)})
		assert.ErrorIs(t, got, err)
		assert.Empty(t, api.versionCalls, "only a closed event log falls back")
	}
}

func TestEventsOfSeveralTypesAndServices(t *testing.T) {
	api := &fakeAPI{events: []fastlyapi.Event{
		{EventType: "service.purge_all", ServiceID: www.ID, UserID: "u2", CreatedAt: t0.Add(time.Minute), Description: "Purged all"},
		{EventType: "vcl.update", ServiceID: shop.ID, Admin: true, CreatedAt: t0.Add(2 * time.Minute)},
		{EventType: "vcl.update", ServiceID: "otherservice0000000001", CreatedAt: t0.Add(3 * time.Minute)},
		{EventType: "token.create", CreatedAt: t0.Add(4 * time.Minute), UserID: "u3", Description: "Token created"},
	}}
	e := NewEngine(api, Config{})
	res, err := e.Events(context.Background(), Request{Services: []series.Service{www, shop}, From: t0, To: t0.Add(time.Hour)},
		[]string{"service.purge_all", "vcl.update"})
	require.NoError(t, err)
	assert.Equal(t, series.Events, res.Kind)
	assert.ElementsMatch(t, []series.Annotation{
		{Time: t0.Add(time.Minute), Title: "Purge all: www.example.com", Text: "Purged all (by user u2)", Tags: []string{"service.purge_all", "www.example.com"}},
		{Time: t0.Add(2 * time.Minute), Title: "VCL updated: shop.example.com", Text: "(no description) (by Fastly)", Tags: []string{"vcl.update", "shop.example.com"}},
	}, res.Items)
	assert.Len(t, api.eventRequests, 4, "one listing per type and service")

	api.eventRequests = nil
	res, err = e.Events(context.Background(), Request{Services: []series.Service{www, shop}, AllServices: true, From: t0, To: t0.Add(time.Hour)},
		[]string{"token.create"})
	require.NoError(t, err)
	assert.Len(t, api.eventRequests, 1)
	assert.Equal(t, []series.Annotation{{Time: t0.Add(4 * time.Minute), Title: "API token created", Text: "Token created (by user u3)",
		Tags: []string{"token.create"}}}, res.Items, "an account event has no service")
}

func TestEventsAreNeverDrawnFromAFailedRead(t *testing.T) {
	closed := &fastlyapi.Error{StatusCode: http.StatusForbidden, Path: "/events", Message: "no"}
	_, err := NewEngine(&fakeAPI{eventsErr: closed}, Config{}).Events(context.Background(), Request{Services: []series.Service{www}, From: t0, To: t0},
		[]string{"service.purge_all"})
	assert.ErrorIs(t, err, closed, "events have no fallback: the error reaches the user")
}

func alert(s series.Service, name, status string, start, end time.Time) fastlyapi.AlertHistory {
	return fastlyapi.AlertHistory{ID: name + start.Format("1504"), DefinitionID: "def-" + name, Status: status, Start: start, End: end,
		Definition: fastlyapi.AlertDefinition{ServiceID: s.ID, Name: name, Source: "stats", Metric: "status_5xx",
			EvaluationStrategy: fastlyapi.EvaluationStrategy{Type: "above_threshold", Period: "5m", Threshold: 100}}}
}

func TestAlertsAreRegionsAndActiveOnesEndAtTheRangeEnd(t *testing.T) {
	to := t0.Add(time.Hour)
	resolved := alert(www, "5xx spike", "resolved", t0.Add(10*time.Minute), t0.Add(25*time.Minute))
	resolved.Definition.Dimensions = map[string][]string{"domains": {"example.com", "fastly.com"}}
	ignore := 5.0
	resolved.Definition.EvaluationStrategy.IgnoreBelow = &ignore
	api := &fakeAPI{alerts: []fastlyapi.AlertHistory{
		resolved,
		alert(shop, "Origin errors", "active", t0.Add(40*time.Minute), time.Time{}),
		alert(www, "old", "resolved", t0.Add(-3*time.Hour), t0.Add(-2*time.Hour)),
	}}
	res, err := NewEngine(api, Config{}).Alerts(context.Background(), Request{Services: []series.Service{www, shop}, From: t0, To: to}, "")
	require.NoError(t, err)
	assert.Equal(t, series.Alerts, res.Kind)
	assert.ElementsMatch(t, []series.Annotation{
		{Time: t0.Add(10 * time.Minute), End: t0.Add(25 * time.Minute), Title: "5xx spike",
			Text: "status_5xx from stats above 100 for 5m, ignored below 5; domains: example.com, fastly.com", Tags: []string{"resolved", "www.example.com"}},
		{Time: t0.Add(40 * time.Minute), End: to, Title: "Origin errors", Text: "status_5xx from stats above 100 for 5m", Tags: []string{"active", "shop.example.com"}},
	}, res.Items)
	require.Len(t, api.alertRequests, 2)
	assert.ElementsMatch(t, []string{www.ID, shop.ID}, []string{api.alertRequests[0].ServiceID, api.alertRequests[1].ServiceID})

	api.alertRequests = nil
	res, err = NewEngine(api, Config{}).Alerts(context.Background(), Request{Services: []series.Service{www, shop}, AllServices: true, From: t0, To: to}, "active")
	require.NoError(t, err)
	require.Len(t, api.alertRequests, 1)
	assert.Equal(t, fastlyapi.AlertHistoryRequest{Status: "active", From: t0, To: to}, api.alertRequests[0])
	require.Len(t, res.Items, 1)
	assert.Equal(t, "Origin errors", res.Items[0].Title)
}

func TestAlertsFollowTheCursorToTheBound(t *testing.T) {
	api := &fakeAPI{}
	for i := range 3*fastlyapi.AlertHistoryPageSize + 1 {
		start := t0.Add(time.Duration(i) * time.Second)
		api.alerts = append(api.alerts, alert(www, "a", "resolved", start, start.Add(time.Second)))
	}
	req := Request{Services: []series.Service{www}, From: t0, To: t0.Add(time.Hour)}
	res, err := NewEngine(api, Config{MaxPages: 4}).Alerts(context.Background(), req, "")
	require.NoError(t, err)
	assert.Len(t, res.Items, 3*fastlyapi.AlertHistoryPageSize+1)
	assert.Empty(t, res.Notices)
	require.Len(t, api.alertRequests, 4)
	assert.Equal(t, []string{"", "100", "200", "300"}, []string{api.alertRequests[0].Cursor, api.alertRequests[1].Cursor, api.alertRequests[2].Cursor, api.alertRequests[3].Cursor})

	api.alertRequests = nil
	res, err = NewEngine(api, Config{MaxPages: 2}).Alerts(context.Background(), req, "")
	require.NoError(t, err)
	assert.Len(t, api.alertRequests, 2)
	assert.Len(t, res.Items, 2*fastlyapi.AlertHistoryPageSize)
	require.Len(t, res.Notices, 1)
	assert.Contains(t, res.Notices[0].Text, "more than 200 alerts for www.example.com")
	assert.Len(t, res.Calls, 2)
	assert.Contains(t, res.Calls[1], "cursor=100")
}

func TestConcurrencyFollowsTheSetting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		api := &fakeAPI{gate: make(chan struct{})}
		var services []series.Service
		for i := range MaxListedServices {
			services = append(services, series.Service{ID: fmt.Sprintf("service%016d", i), Name: fmt.Sprint("s", i)})
		}
		done := make(chan error, 1)
		go func() {
			_, err := NewEngine(api, Config{MaxConcurrent: 2}).Events(context.Background(), Request{Services: services, From: t0, To: t0},
				[]string{"version.activate", "service.purge_all"})
			done <- err
		}()
		synctest.Wait() // the allowed calls wait at the gate, every other call waits for a slot
		assert.Equal(t, 2, api.callsInFlight())
		close(api.gate)
		require.NoError(t, <-done)
		assert.Len(t, api.eventRequests, 2*MaxListedServices)
		assert.Equal(t, 2, api.maxInFlight)
	})
}

func TestManySelectedServicesAreReadAsOneListingPerTypeKeepingTheirEntries(t *testing.T) {
	var services []series.Service
	for i := range MaxListedServices + 1 {
		services = append(services, series.Service{ID: fmt.Sprintf("service%016d", i), Name: fmt.Sprint("s", i)})
	}
	api := &fakeAPI{events: []fastlyapi.Event{
		{EventType: "service.purge_all", ServiceID: services[0].ID, CreatedAt: t0},
		{EventType: "service.purge_all", ServiceID: services[MaxListedServices].ID, CreatedAt: t0},
		{EventType: "service.purge_all", ServiceID: "notselected000000000", CreatedAt: t0},
	}}
	res, err := NewEngine(api, Config{}).Events(context.Background(), Request{Services: services, From: t0, To: t0},
		[]string{"service.purge_all"})
	require.NoError(t, err)
	require.Len(t, api.eventRequests, 1, "one listing, whatever the number of services")
	assert.Empty(t, api.eventRequests[0].ServiceID, "without a service filter")
	require.Len(t, res.Items, 2, "the selected services' purges, not the other service's")
	assert.Equal(t, []string{"service.purge_all", "s0"}, res.Items[0].Tags)
}
