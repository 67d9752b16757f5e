package simulator

import (
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// logRequest is the part every logs endpoint shares: service, window and filters.
type logRequest struct {
	service    int
	start, end time.Time
	filters    []logFilter
}

// badParam is a 400 for one query parameter, with the reason Fastly gives.
type badParam struct{ property, reason string }

func writeBadParam(w http.ResponseWriter, e badParam) {
	writeJSON(w, http.StatusBadRequest, problem{
		Type: "https://fastly.help/metrics/validation-error", Title: "Request parameters were invalid.",
		Status: http.StatusBadRequest, Errors: []map[string]string{{"property": e.property, "reason": e.reason}},
		Detail: "Parameters with invalid values: '" + e.property + "'",
	})
}

// writeUpstreamFailure answers 500 the way the live logs endpoints fail on a query they cannot serve.
func writeUpstreamFailure(w http.ResponseWriter, detail string) {
	writeJSON(w, http.StatusInternalServerError, problem{
		Title: "Internal Server Error", Status: http.StatusInternalServerError, Detail: detail,
	})
}

// parseLogRequest reads service_id, the window under startKey and endKey, and the filters, answering 400 (or 404
// for an unknown service) itself.
func (s *Simulator) parseLogRequest(w http.ResponseWriter, params url.Values, startKey, endKey string) (logRequest, bool) {
	var q logRequest
	id := params.Get("service_id")
	if id == "" {
		writeBadParam(w, badParam{"service_id", "service_id is required"})
		return q, false
	}
	service, ok := s.lookupService(w, id)
	if !ok {
		return q, false
	}
	q.service = service
	var bad *badParam
	if q.start, bad = parseLogTime(params, startKey); bad == nil {
		q.end, bad = parseLogTime(params, endKey)
	}
	if bad == nil && !q.end.After(q.start) {
		bad = &badParam{endKey, "'" + endKey + "' must be after '" + startKey + "'"}
	}
	if bad == nil {
		q.filters, bad = parseLogFilters(params)
	}
	if bad != nil {
		writeBadParam(w, *bad)
		return q, false
	}
	return q, true
}

// parseLogTime reads an RFC 3339 time or a date.
func parseLogTime(params url.Values, key string) (time.Time, *badParam) {
	value := params.Get(key)
	if value == "" {
		return time.Time{}, &badParam{key, "'" + key + "' is required"}
	}
	for _, layout := range []string{time.RFC3339Nano, time.DateOnly} {
		if t, err := time.Parse(layout, value); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, &badParam{key, "failed to parse '" + key + "' time"}
}

// parseLimit reads limit: fallback when absent, 1..most.
func parseLimit(params url.Values, fallback, most int) (int, *badParam) {
	value := params.Get("limit")
	if value == "" {
		return fallback, nil
	}
	n, err := strconv.Atoi(value)
	if err != nil || n < 1 || n > most {
		return 0, &badParam{"limit", "limit must be an integer from 1 to " + strconv.Itoa(most)}
	}
	return n, nil
}
