package simulator

import (
	"fmt"
	"sort"
	"time"
)

// accountEvent is one entry of the simulated account event log, before filtering and paging.
type accountEvent struct {
	id          string
	eventType   string
	description string
	metadata    map[string]any
	serviceID   string
	userID      string
	admin       bool
	created     time.Time
}

// Simulated users behind the events: a CI pipeline deploys, a CMS purges, Fastly support acts now and then.
var (
	deployUserID  = fastlyID("user:ci-deploy")
	cmsUserID     = fastlyID("user:cms")
	supportUserID = fastlyID("user:fastly-support")
)

// eventIP is the documentation address (RFC 5737) every simulated event comes from.
const eventIP = "198.51.100.23"

// Seconds after a version's creation at which its configuration change and its activation happen; the activation
// always falls before the version's updated_at (creation + 20 minutes), as a real activation does not set it.
const (
	configChangeDelay   = 3 * secondsPerMinute
	activationDelay     = 15 * secondsPerMinute
	activationJitterMax = 4 * secondsPerMinute
)

// serviceEvents returns the events of service i created in [from, to] at now, oldest first: its creation, each
// version's clone and configuration change, the activation of every version that was activated, and purges.
func (s *Simulator) serviceEvents(i int, now, from, to time.Time) []accountEvent {
	svc := s.serviceJSON(i, now)
	var events []accountEvent
	add := func(e accountEvent) {
		if !e.created.Before(from) && !e.created.After(to) && !e.created.After(now) {
			e.serviceID = svc.ID
			e.id = fastlyID(fmt.Sprintf("event:%s:%s:%d", svc.ID, e.eventType, e.created.Unix()))
			events = append(events, e)
		}
	}
	for _, v := range svc.Versions {
		for _, e := range versionEvents(svc, v) {
			add(e)
		}
	}
	for _, e := range s.purges(i, now, from, to) {
		add(e)
	}
	sort.SliceStable(events, func(a, b int) bool { return events[a].created.Before(events[b].created) })
	return events
}

// versionEvents are the events one version produced: created (or cloned), changed, and activated when locked.
func versionEvents(svc serviceJSON, v versionJSON) []accountEvent {
	created, _ := time.Parse(time.RFC3339, v.CreatedAt)
	events := []accountEvent{versionCreation(svc, v.Number, created), configChange(svc, v.Number, created)}
	if v.Locked {
		events = append(events, accountEvent{
			eventType: "version.activate", description: fmt.Sprintf("Version '%d' was activated", v.Number),
			metadata: map[string]any{}, userID: deployUserID, created: activationTime(svc.ID, v.Number, created),
		})
	}
	return events
}

func versionCreation(svc serviceJSON, number int, created time.Time) accountEvent {
	if number == 1 {
		return accountEvent{
			eventType: "service.create", description: fmt.Sprintf("Service '%s' was created", svc.Name),
			metadata: map[string]any{}, userID: deployUserID, created: created,
		}
	}
	return accountEvent{
		eventType: "version.clone", description: fmt.Sprintf("Version '%d' was cloned from Version '%d'", number, number-1),
		metadata: map[string]any{}, userID: deployUserID, created: created,
	}
}

// configChange is the one change made to each new version: its VCL on VCL services, its backend on Compute ones.
func configChange(svc serviceJSON, number int, created time.Time) accountEvent {
	at := created.Add(configChangeDelay * time.Second)
	if svc.Type == "vcl" {
		return accountEvent{
			eventType: "vcl.update", description: fmt.Sprintf("VCL 'main' was updated on Version '%d'", number),
			metadata: map[string]any{"old": map[string]any{"name": "main"}, "new": map[string]any{"name": "main"}},
			userID:   deployUserID, created: at,
		}
	}
	return accountEvent{
		eventType: "backend.update", description: fmt.Sprintf("Backend 'origin' was updated on Version '%d'", number),
		metadata: map[string]any{"old": map[string]any{"name": "origin", "port": 443}, "new": map[string]any{"name": "origin", "port": 8443}},
		userID:   deployUserID, created: at,
	}
}

// activationTime is when version number of serviceID was activated: 15 to 19 minutes after its creation, to the second.
func activationTime(serviceID string, number int, created time.Time) time.Time {
	jitter := rng{state: hash3(hashString(serviceID), uint64(number), 0)}
	return created.Add(time.Duration(activationDelay+int64(jitter.next()%activationJitterMax)) * time.Second)
}

// purges returns the purge-all events of service i in [from, to] at now: up to two a day while it has traffic.
func (s *Simulator) purges(i int, now, from, to time.Time) []accountEvent {
	p := &s.model.profiles[i]
	first := max(floorTo(from.Unix(), secondsPerDay), p.trafficStart(now.Unix()))
	last := min(to.Unix(), now.Unix())
	var events []accountEvent
	for day := first; day <= last; day += secondsPerDay {
		purges, n := purgesOfDay(p, day)
		for _, q := range purges[:n] {
			e := accountEvent{
				eventType: "service.purge_all", description: fmt.Sprintf("All objects of service '%s' were purged", p.name),
				metadata: map[string]any{}, userID: cmsUserID, created: time.Unix(q.at, 0).UTC(),
			}
			if q.admin {
				e.userID, e.admin = supportUserID, true
			}
			events = append(events, e)
		}
	}
	return events
}

// Activation is one simulated version activation, as the event log records it.
type Activation struct {
	ServiceID string
	Version   int
	At        time.Time
}

// Activations returns every version activation of serviceID at the simulator's clock, oldest first.
func (s *Simulator) Activations(serviceID string) []Activation {
	i, ok := s.byID[serviceID]
	if !ok {
		return nil
	}
	now := s.now()
	var out []Activation
	for _, v := range s.serviceJSON(i, now).Versions {
		if v.Locked {
			created, _ := time.Parse(time.RFC3339, v.CreatedAt)
			out = append(out, Activation{ServiceID: serviceID, Version: v.Number, At: activationTime(serviceID, v.Number, created)})
		}
	}
	return out
}
