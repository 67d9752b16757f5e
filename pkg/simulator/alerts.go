package simulator

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Page sizes of GET /alerts/history: Fastly documents neither default nor maximum; the simulator serves 20 by default
// and at most 100 entries a page, so one answer stays small.
const (
	defaultAlertPageSize = 20
	maxAlertPageSize     = 100
)

// Thresholds of each service's 5xx alert, in percent: above what any regional burst reaches service-wide and below
// the least severe service-wide incident (at least 10 % of delivery and 20 % of Compute responses are 5xx).
const (
	deliveryAlertThreshold = 8
	computeAlertThreshold  = 15
)

// alertDefinitionJSON is an alert definition as /alerts/definitions and history snapshots carry it.
type alertDefinitionJSON struct {
	ID                 string              `json:"id"`
	Object             string              `json:"object"`
	ServiceID          string              `json:"service_id"`
	Name               string              `json:"name"`
	Description        string              `json:"description"`
	Dimensions         map[string][]string `json:"dimensions"`
	Metric             string              `json:"metric"`
	Source             string              `json:"source"`
	EvaluationStrategy evaluationStrategy  `json:"evaluation_strategy"`
	IntegrationIDs     []string            `json:"integration_ids"`
	UpdatedAt          string              `json:"updated_at"`
	CreatedAt          string              `json:"created_at"`
}

type evaluationStrategy struct {
	Type      string  `json:"type"`
	Period    string  `json:"period"`
	Threshold float64 `json:"threshold"`
}

// alertHistoryJSON is one entry of GET /alerts/history; End is null while the alert is active.
type alertHistoryJSON struct {
	ID           string              `json:"id"`
	Object       string              `json:"object"`
	DefinitionID string              `json:"definition_id"`
	Definition   alertDefinitionJSON `json:"definition"`
	Start        string              `json:"start"`
	End          *string             `json:"end"`
	Status       string              `json:"status"`
}

type alertHistoryResponse struct {
	Data []alertHistoryJSON `json:"data"`
	Meta alertsMeta         `json:"meta"`
}

type alertsMeta struct {
	NextCursor string `json:"next_cursor"`
	Limit      int    `json:"limit"`
	Sort       string `json:"sort"`
	Total      int    `json:"total"`
}

// alertDefinition is service i's one alert: its 5xx rate above the threshold over 5 minutes.
func (s *Simulator) alertDefinition(i int, now time.Time) alertDefinitionJSON {
	svc := s.serviceJSON(i, now)
	created, _ := time.Parse(time.RFC3339, svc.CreatedAt)
	threshold := float64(deliveryAlertThreshold)
	if svc.Type == "wasm" {
		threshold = computeAlertThreshold
	}
	at := formatTime(created.Add(24 * time.Hour))
	return alertDefinitionJSON{
		ID: alertDefinitionID(svc.ID), Object: "definition", ServiceID: svc.ID,
		Name:        "High 5xx rate on " + svc.Name,
		Description: "Share of responses with a 5xx status above the threshold",
		Dimensions:  map[string][]string{}, Metric: "status_5xx_rate", Source: "stats",
		EvaluationStrategy: evaluationStrategy{Type: "above_threshold", Period: "5m", Threshold: threshold},
		IntegrationIDs:     []string{}, UpdatedAt: at, CreatedAt: at,
	}
}

// alertDefinitionID is the ID of the alert definition of the service with ID serviceID.
func alertDefinitionID(serviceID string) string {
	return fastlyID("alert-definition:" + serviceID)
}

// alertEntry is one firing of a service's alert: a run of consecutive incident windows.
type alertEntry struct {
	service    int
	start, end int64 // end is exclusive; past now while the alert is active
}

// alertEntries returns the firings of service i that overlap [from, to] at now, oldest first. An alert fires for
// exactly the span of the traffic model's service-wide 5xx incidents, merged when they follow each other.
func (s *Simulator) alertEntries(i int, now, from, to int64) []alertEntry {
	p := &s.model.profiles[i]
	first := max(from, p.trafficStart(now)) / incidentLength
	last := min(to, now) / incidentLength
	for first > p.trafficStart(now)/incidentLength {
		if _, ok := incidentRate(p, first-1); !ok {
			break
		}
		first--
	}
	var entries []alertEntry
	for w := first; w <= last; w++ {
		if _, ok := incidentRate(p, w); !ok {
			continue
		}
		start := w * incidentLength
		if n := len(entries); n > 0 && entries[n-1].end == start {
			entries[n-1].end = start + incidentLength
			continue
		}
		entries = append(entries, alertEntry{service: i, start: start, end: start + incidentLength})
	}
	return entries
}

// alertFilter is a parsed GET /alerts/history query.
type alertFilter struct {
	serviceID, definitionID, status string
	after, before                   int64
	sort                            string // start or -start
	offset, limit                   int
}

// serveAlertHistory answers GET /alerts/history: each service's alert firings, filtered, sorted by start and paged
// by an opaque cursor.
func (s *Simulator) serveAlertHistory(w http.ResponseWriter, r *http.Request) {
	f, err := parseAlertFilter(r.URL.Query())
	if err != nil {
		writeProblem(w, http.StatusBadRequest, err.Error())
		return
	}
	now := s.now()
	entries := s.filteredAlerts(f, now.Unix())
	first := min(f.offset, len(entries))
	page := entries[first:min(first+f.limit, len(entries))]
	resp := alertHistoryResponse{
		Data: make([]alertHistoryJSON, len(page)),
		Meta: alertsMeta{Limit: f.limit, Sort: f.sort, Total: len(entries)},
	}
	if first+f.limit < len(entries) {
		resp.Meta.NextCursor = encodeCursor(first + f.limit)
	}
	for i, e := range page {
		resp.Data[i] = s.alertJSON(e, now)
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Simulator) alertJSON(e alertEntry, now time.Time) alertHistoryJSON {
	def := s.alertDefinition(e.service, now)
	entry := alertHistoryJSON{
		ID: fastlyID(fmt.Sprintf("alert-history:%s:%d", def.ID, e.start)), Object: "history", DefinitionID: def.ID,
		Definition: def, Start: formatTime(time.Unix(e.start, 0)), Status: "active",
	}
	if e.end <= now.Unix() {
		end := formatTime(time.Unix(e.end, 0))
		entry.End, entry.Status = &end, "resolved"
	}
	return entry
}

// filteredAlerts returns the firings f selects in f's order; a service has about one a week, so the list is bounded
// by the services' age, not by the request.
func (s *Simulator) filteredAlerts(f alertFilter, now int64) []alertEntry {
	var entries []alertEntry
	for i, svc := range s.services {
		if f.serviceID != "" && f.serviceID != svc.ID ||
			f.definitionID != "" && f.definitionID != alertDefinitionID(svc.ID) {
			continue
		}
		for _, e := range s.alertEntries(i, now, f.after, f.before) {
			active := e.end > now
			if e.start <= f.before && (active || e.end >= f.after) &&
				(f.status == "" || f.status == "active" && active || f.status == "resolved" && !active) {
				entries = append(entries, e)
			}
		}
	}
	sort.SliceStable(entries, func(a, b int) bool {
		ea, eb := entries[a], entries[b]
		if ea.start != eb.start {
			return ea.start < eb.start != (f.sort == "-start")
		}
		return ea.service < eb.service
	})
	return entries
}

func parseAlertFilter(q url.Values) (alertFilter, error) {
	f := alertFilter{
		serviceID: q.Get("service_id"), definitionID: q.Get("definition_id"), status: q.Get("status"),
		before: farFuture.Unix(), sort: cmp.Or(q.Get("sort"), "-start"), limit: defaultAlertPageSize,
	}
	var err error
	if f.after, err = alertTime(q, "after", 0); err != nil {
		return f, err
	}
	if f.before, err = alertTime(q, "before", f.before); err != nil {
		return f, err
	}
	switch f.status {
	case "", "active", "resolved":
	default:
		return f, fmt.Errorf("invalid status %q: use active or resolved", f.status)
	}
	if f.sort != "start" && f.sort != "-start" {
		return f, fmt.Errorf("invalid sort %q: use start or -start", f.sort)
	}
	if f.limit, err = pageParam(q, "limit", defaultAlertPageSize); err != nil {
		return f, err
	}
	f.limit = min(f.limit, maxAlertPageSize)
	f.offset, err = decodeCursor(q.Get("cursor"))
	return f, err
}

func alertTime(q url.Values, key string, fallback int64) (int64, error) {
	value := q.Get(key)
	if value == "" {
		return fallback, nil
	}
	t, err := time.Parse(time.RFC3339, value)
	if err != nil {
		return 0, fmt.Errorf("invalid %s %q: expected an RFC 3339 time", key, value)
	}
	return t.Unix(), nil
}

// cursorPrefix marks the simulator's opaque cursors, the offset of the next page base64-encoded.
const cursorPrefix = "offset:"

func encodeCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

func decodeCursor(cursor string) (int, error) {
	if cursor == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(cursor)
	offset, convErr := strconv.Atoi(strings.TrimPrefix(string(raw), cursorPrefix))
	if err != nil || convErr != nil || !strings.HasPrefix(string(raw), cursorPrefix) || offset < 0 {
		return 0, fmt.Errorf("invalid cursor %q", cursor)
	}
	return offset, nil
}

func writeProblem(w http.ResponseWriter, status int, detail string) {
	writeJSONAs(w, "application/problem+json", status, problem{Title: http.StatusText(status), Status: status, Detail: detail})
}
