package simulator

import (
	"encoding/json"
	"net/http"
	"time"
)

// inspectorRealtimeRecord is one second of an inspector product: values per host or domain, summed and per POP.
type inspectorRealtimeRecord struct {
	Datacenter map[string]map[string]map[string]int64 `json:"datacenter"`
	Aggregated map[string]map[string]int64            `json:"aggregated"`
	Recorded   int64                                  `json:"recorded"`
}

// inspectorRealtimeAnswer is the body of /v1/{origins|domains}/{id}/ts/{ts}.
type inspectorRealtimeAnswer struct {
	Data           []inspectorRealtimeRecord `json:"Data"`
	Timestamp      int64                     `json:"Timestamp"`
	AggregateDelay int64                     `json:"AggregateDelay"`
	Error          string                    `json:"Error,omitempty"`
}

// serveInspectorRealtime answers /v1/origins|domains/{id}/ts/{ts}[/limit/{n}] like the channel API, for
// services with the add-on; others get the enablement API's 400 "no product on service".
func (s *Simulator) serveInspectorRealtime(w http.ResponseWriter, r *http.Request, product string) {
	service, ok := s.lookupService(w, r.PathValue("id"))
	if !ok {
		return
	}
	if !s.inspectorEnabled(service) {
		writeJSON(w, http.StatusBadRequest, problem{Title: "no product on service", Status: http.StatusBadRequest})
		return
	}
	win, ok := s.realtimeWindow(w, r)
	if !ok {
		return
	}
	s.writeInspectorRealtime(w, product, service, win.from, win.timestamp, win.limit, win.last)
}

func (s *Simulator) serveOriginsRealtime(w http.ResponseWriter, r *http.Request) {
	s.serveInspectorRealtime(w, r, productOrigins)
}

func (s *Simulator) serveDomainsRealtime(w http.ResponseWriter, r *http.Request) {
	s.serveInspectorRealtime(w, r, productDomains)
}

// writeInspectorRealtime writes the seconds (from, timestamp-aggregateDelay] with traffic.
func (s *Simulator) writeInspectorRealtime(w http.ResponseWriter, product string, service int, from, timestamp int64, limit int, last bool) {
	answer := inspectorRealtimeAnswer{Data: []inspectorRealtimeRecord{}, Timestamp: timestamp, AggregateDelay: aggregateDelay}
	for t := from + 1; t <= timestamp-aggregateDelay; t++ {
		if rec, ok := s.inspectorRealtimeSecond(product, service, t); ok {
			answer.Data = append(answer.Data, rec)
		}
	}
	if limit > 0 && len(answer.Data) > limit {
		if last {
			answer.Data = answer.Data[len(answer.Data)-limit:]
		} else {
			answer.Data = answer.Data[:limit]
		}
	}
	if len(answer.Data) == 0 {
		answer.Error = noDataMessage
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "max-age=1")
	_ = json.NewEncoder(w).Encode(answer)
}

// inspectorRealtimeSecond splits each cell's historical minute over the minute's seconds (offset per POP), so
// the seconds of a minute add up exactly to the simulator's minute data; non-zero values only.
func (s *Simulator) inspectorRealtimeSecond(product string, service int, t int64) (inspectorRealtimeRecord, bool) {
	rec := inspectorRealtimeRecord{Datacenter: map[string]map[string]map[string]int64{}, Aggregated: map[string]map[string]int64{}, Recorded: t}
	names := s.InspectorNames(product, s.services[service].ID)
	seen := false
	for _, cell := range s.inspectorCells(inspectorQuery{product: product}, names) {
		values := s.inspectorCellSecond(product, service, cell, t)
		name, code := names[cell.name], pops[cell.pop].Code
		for i, v := range values {
			if v == 0 {
				continue
			}
			field := inspectorFields[product].names[i]
			seen = true
			addTo(rec.Aggregated, name, field, v)
			if rec.Datacenter[code] == nil {
				rec.Datacenter[code] = map[string]map[string]int64{}
			}
			addTo(rec.Datacenter[code], name, field, v)
		}
	}
	return rec, seen
}

// inspectorCellSecond is one cell's share of its minute at second t, by field position; nil without traffic.
func (s *Simulator) inspectorCellSecond(product string, service int, cell inspectorCell, t int64) []int64 {
	minute := floorTo(t, secondsPerMinute)
	values := cellAt(s.bucketCells(product, service, granularities["minute"], minute, []inspectorCell{cell}), cell)
	if values == nil {
		return nil
	}
	second := cellSecondIndex(cell, t-minute)
	out := make([]int64, len(values))
	for i, v := range values {
		out[i] = share(v, second, secondsPerMinute)
	}
	return out
}

// cellSecondValue is one field (by position) of inspectorCellSecond without building the whole second.
func (s *Simulator) cellSecondValue(product string, service int, cell inspectorCell, t int64, pos int) int64 {
	minute := floorTo(t, secondsPerMinute)
	v := cellVector(cellAt(s.bucketCells(product, service, granularities["minute"], minute, []inspectorCell{cell}), cell), pos)
	return share(v, cellSecondIndex(cell, t-minute), secondsPerMinute)
}

// cellSecondIndex is which share of its minute a cell serves at offset seconds into it (offset per POP).
func cellSecondIndex(cell inspectorCell, offset int64) int64 {
	return (offset + int64(hashString(pops[cell.pop].Code)%secondsPerMinute)) % secondsPerMinute
}

func addTo(m map[string]map[string]int64, name, field string, v int64) {
	if m[name] == nil {
		m[name] = map[string]int64{}
	}
	m[name][field] += v
}

// InspectorRealtimeValue is the ground truth of one real-time second of an inspector field of a service, summed
// over the cells whose dimensions ("host"|"domain", "datacenter", "region") match dims.
func (s *Simulator) InspectorRealtimeValue(product, serviceID, field string, t time.Time, dims map[string]string) float64 {
	service, ok := s.byID[serviceID]
	if !ok || !s.inspectorEnabled(service) {
		return 0
	}
	q := inspectorQuery{product: product, filters: map[string]map[string]bool{}}
	for k, v := range dims {
		q.filters[k] = map[string]bool{v: true}
	}
	pos := inspectorFields[product].positions([]string{field})[0]
	total := int64(0)
	for _, cell := range s.inspectorCells(q, s.InspectorNames(product, serviceID)) {
		total += s.cellSecondValue(product, service, cell, t.Unix(), pos)
	}
	return float64(total)
}
