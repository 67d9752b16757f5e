package query

import (
	"encoding/json"
	"strings"
)

// Query types of the change annotations besides versions.
const (
	TypeEvents Type = "events"
	TypeAlerts Type = "alerts"
)

// Event types the versions and events queries name.
const (
	EventVersionActivate = "version.activate"
	EventPurgeAll        = "service.purge_all"
)

// DefaultEventTypes are what an events query without event types shows: activations and purges.
var DefaultEventTypes = []string{EventVersionActivate, EventPurgeAll}

// MaxEventTypes bounds the event types of one query: each is one listing per selected service.
const MaxEventTypes = 20

// Events is an annotation query over the account event log.
type Events struct {
	Services   []string `json:"services"`
	EventTypes []string `json:"eventTypes"`
}

// ParseEvents decodes and validates an events query; no event types means DefaultEventTypes.
func ParseEvents(raw json.RawMessage) (Events, error) {
	var q Events
	if len(raw) > 0 {
		if err := decodeModel(raw, "an events", &q); err != nil {
			return q, err
		}
	}
	if err := normalizeServices(&q.Services); err != nil {
		return q, err
	}
	q.EventTypes = splitEntries(q.EventTypes)
	if len(q.EventTypes) == 0 {
		q.EventTypes = append([]string(nil), DefaultEventTypes...)
	}
	if len(q.EventTypes) > MaxEventTypes {
		return q, invalid("%d event types are selected; choose at most %d (each is read separately from Fastly's event log)", len(q.EventTypes), MaxEventTypes)
	}
	for _, t := range q.EventTypes {
		if _, ok := LookupEventType(t); !ok {
			return q, invalid("unknown event type %q: choose one of Fastly's event types, such as %s or %s", truncate(t, 60), EventVersionActivate, EventPurgeAll)
		}
	}
	return q, nil
}

// Alert statuses an alerts query may filter on ("" = both).
const (
	AlertStatusActive   = "active"
	AlertStatusResolved = "resolved"
)

// Alerts is an annotation query over Fastly's alert history.
type Alerts struct {
	Services []string `json:"services"`
	Status   string   `json:"status"`
}

// ParseAlerts decodes and validates an alerts query.
func ParseAlerts(raw json.RawMessage) (Alerts, error) {
	var q Alerts
	if len(raw) > 0 {
		if err := decodeModel(raw, "an alerts", &q); err != nil {
			return q, err
		}
	}
	if err := normalizeServices(&q.Services); err != nil {
		return q, err
	}
	q.Status = strings.TrimSpace(q.Status)
	switch q.Status {
	case "", AlertStatusActive, AlertStatusResolved:
		return q, nil
	}
	return q, invalid("unknown alert status %q: use active, resolved, or leave it empty for both", truncate(q.Status, 40))
}

// EventType is one of Fastly's event types as the editor offers it.
type EventType struct {
	Value       string `json:"value"`
	Label       string `json:"label"`
	Description string `json:"description,omitempty"`
}

// EventTypes lists Fastly's event types, most useful on a graph first.
func EventTypes() []EventType { return append([]EventType(nil), eventTypes...) }

// LookupEventType finds an event type of the catalogue.
func LookupEventType(value string) (EventType, bool) {
	for _, t := range eventTypes {
		if t.Value == value {
			return t, true
		}
	}
	return EventType{}, false
}
