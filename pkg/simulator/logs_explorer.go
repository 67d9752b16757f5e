package simulator

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Log Explorer page sizes, as the live API has them.
const (
	logExplorerDefaultLimit = 10
	logExplorerMaxLimit     = 100
)

// serveLogExplorer answers GET /observability/log-explorer: one page of sampled records, newest first, with the
// cursor of the next page at meta.filters.next_cursor (absent on the last page) and data null when empty.
func (s *Simulator) serveLogExplorer(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	q, ok := s.parseLogRequest(w, params, "start", "end")
	if !ok {
		return
	}
	limit, bad := parseLimit(params, logExplorerDefaultLimit, logExplorerMaxLimit)
	var at logPosition
	if bad == nil && params.Get("next_cursor") != "" {
		at, bad = q.decodeCursor(s, params.Get("next_cursor"))
	}
	if bad != nil {
		writeBadParam(w, *bad)
		return
	}
	buf := append(make([]byte, 0, 2048*limit), `{"data":`...)
	count, next := 0, ""
	s.eachLogRecord(&q, at, func(rec *logRecord, pos logPosition) bool {
		if count == limit {
			next = q.encodeCursor(s, pos)
			return false
		}
		buf = append(buf, "[,"[min(count, 1)])
		buf = s.appendRecordJSON(buf, rec)
		count++
		return true
	})
	if count == 0 {
		buf = append(buf, "null"...)
	} else {
		buf = append(buf, ']')
	}
	meta, _ := json.Marshal(s.logExplorerMeta(&q, limit, next))
	buf = append(append(append(buf, `,"meta":`...), meta...), "}\n"...)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf)
}

func (s *Simulator) logExplorerMeta(q *logRequest, limit int, next string) map[string]any {
	filters := map[string]any{
		"service_id": s.services[q.service].ID, "start": formatTime(q.start), "end": formatTime(q.end),
		"limit": limit, "field_filters": echoFilters(q.filters),
	}
	if next != "" {
		filters["next_cursor"] = next
	}
	return map[string]any{"filters": filters}
}

// fingerprint identifies the window and filters a cursor belongs to.
func (q *logRequest) fingerprint(s *Simulator) uint64 {
	var b strings.Builder
	b.WriteString(s.services[q.service].ID)
	b.WriteString("|" + q.start.Format(time.RFC3339Nano) + "|" + q.end.Format(time.RFC3339Nano))
	for _, f := range q.filters {
		b.WriteString("|" + f.name + "|" + f.op + "|" + f.raw)
	}
	return hashString(b.String())
}

// encodeCursor is the opaque next_cursor that resumes at pos.
func (q *logRequest) encodeCursor(s *Simulator, pos logPosition) string {
	plain := strconv.FormatUint(q.fingerprint(s), 36) + "." + strconv.FormatInt(pos.minute, 36) + "." + strconv.Itoa(pos.index)
	return base64.RawURLEncoding.EncodeToString([]byte(plain))
}

func (q *logRequest) decodeCursor(s *Simulator, cursor string) (logPosition, *badParam) {
	invalid := &badParam{"next_cursor", "invalid cursor"}
	plain, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return logPosition{}, invalid
	}
	parts := strings.Split(string(plain), ".")
	if len(parts) != 3 || parts[0] != strconv.FormatUint(q.fingerprint(s), 36) {
		return logPosition{}, invalid
	}
	minute, errMinute := strconv.ParseInt(parts[1], 36, 64)
	index, errIndex := strconv.Atoi(parts[2])
	if errMinute != nil || errIndex != nil || minute <= 0 || minute%secondsPerMinute != 0 || index < 0 {
		return logPosition{}, invalid
	}
	return logPosition{minute, index}, nil
}
