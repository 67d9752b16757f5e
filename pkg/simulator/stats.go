package simulator

import (
	"bufio"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

const metaTimeLayout = "2006-01-02 15:04:05 UTC"

// statsQuery is a validated historical stats request.
type statsQuery struct {
	from, to   int64
	g          granularity
	region     int
	regionName string
	now        int64
	firstData  int64
}

// parseStatsQuery validates from, to, by and region, answering 400 itself when one is invalid.
func (s *Simulator) parseStatsQuery(w http.ResponseWriter, r *http.Request) (statsQuery, bool) {
	params := r.URL.Query()
	now := s.now().Unix()
	q := statsQuery{now: now, region: allRegions, regionName: "all", firstData: s.model.firstTraffic(now)}
	var ok bool
	if q.from, ok = parseUnix(params.Get("from")); !ok {
		writeStatsError(w, "Invalid 'from' parameter")
		return q, false
	}
	if q.to, ok = parseUnix(params.Get("to")); !ok {
		writeStatsError(w, "Invalid 'to' parameter")
		return q, false
	}
	by := params.Get("by")
	if by == "" {
		by = "day"
	}
	if q.g, ok = granularities[by]; !ok {
		writeStatsError(w, "Invalid 'by' parameter")
		return q, false
	}
	if name := params.Get("region"); name != "" {
		if q.region, ok = regionIndex(name); !ok {
			writeStatsError(w, "Invalid region")
			return q, false
		}
		q.regionName = name
	}
	if !q.g.retained(q.from, q.now) {
		writeStatsError(w, retentionMessage(q.g))
		return q, false
	}
	return q, true
}

func parseUnix(value string) (int64, bool) {
	t, err := strconv.ParseInt(value, 10, 64)
	return t, err == nil
}

func retentionMessage(g granularity) string {
	days := strconv.FormatInt(g.retention/secondsPerDay, 10)
	coarser := map[string]string{"minute": "by=hour or by=day", "hour": "by=day"}[g.name]
	return "Invalid 'from' parameter: outside the retention period; " + g.name +
		" data is retained for " + days + " days, use " + coarser + " for older data"
}

// published tells whether the window holds a published bucket.
func (q statsQuery) published() bool {
	return q.g.firstBucket(q.from) < min(q.to, q.g.frontier(q.now))
}

// eachBucket calls fn with every published bucket start in [from, to) that may hold traffic, oldest first,
// until fn returns false.
func (q statsQuery) eachBucket(fn func(start int64) bool) {
	end := min(q.to, q.g.frontier(q.now))
	for t := q.g.firstBucket(max(q.from, q.firstData)); t < end; t += q.g.step {
		if !fn(t) {
			return
		}
	}
}

func (s *Simulator) lookupService(w http.ResponseWriter, id string) (int, bool) {
	service, ok := s.byID[id]
	if !ok {
		writeServiceNotFound(w, id)
	}
	return service, ok
}

func lookupField(w http.ResponseWriter, name string) (field, bool) {
	f, ok := fieldsByName[name]
	if !ok {
		writeStatsError(w, "Unknown field: "+name)
	}
	return f, ok
}

func (s *Simulator) serveServiceStats(w http.ResponseWriter, r *http.Request) {
	service, ok := s.lookupService(w, r.PathValue("id"))
	if !ok {
		return
	}
	s.serveServiceRows(w, r, service, appendFullRow)
}

func (s *Simulator) serveServiceField(w http.ResponseWriter, r *http.Request) {
	service, ok := s.lookupService(w, r.PathValue("id"))
	if !ok {
		return
	}
	f, ok := lookupField(w, r.PathValue("field"))
	if !ok {
		return
	}
	s.serveServiceRows(w, r, service, func(buf []byte, id string, start int64, c *counters) []byte {
		return appendFieldFirstRow(buf, f, id, start, c)
	})
}

// serveServiceRows answers one service's buckets with traffic as a JSON array of the rows appendRow builds.
func (s *Simulator) serveServiceRows(w http.ResponseWriter, r *http.Request, service int, appendRow func(buf []byte, id string, start int64, c *counters) []byte) {
	q, ok := s.parseStatsQuery(w, r)
	if !ok {
		return
	}
	id := s.services[service].ID
	sw := startStats(w)
	if !q.published() {
		sw.buf = append(sw.buf, "null"...) // like Fastly for a window with no published bucket
		sw.finish(q)
		return
	}
	sw.buf = append(sw.buf, '[')
	s.writeServiceRows(sw, service, q, func() {}, func(start int64, c *counters) {
		sw.buf = appendRow(sw.buf, id, start, c)
	})
	sw.buf = append(sw.buf, ']')
	sw.finish(q)
}

func (s *Simulator) serveAllServicesStats(w http.ResponseWriter, r *http.Request) {
	q, ok := s.parseStatsQuery(w, r)
	if !ok {
		return
	}
	services := s.servicesByID(r.URL.Query().Get("services"))
	sw := startStats(w)
	s.writeServiceObject(sw, services, q, func(id string, start int64, c *counters) {
		sw.buf = appendFullRow(sw.buf, id, start, c)
	})
	sw.finish(q)
}

func (s *Simulator) serveAllServicesField(w http.ResponseWriter, r *http.Request) {
	f, ok := lookupField(w, r.PathValue("field"))
	if !ok {
		return
	}
	q, ok := s.parseStatsQuery(w, r)
	if !ok {
		return
	}
	sw := startStats(w)
	s.writeServiceObject(sw, s.servicesByID(""), q, func(id string, start int64, c *counters) {
		sw.buf = appendServiceFirstRow(sw.buf, f, id, start, c)
	})
	sw.finish(q)
}

func (s *Simulator) serveAggregateStats(w http.ResponseWriter, r *http.Request) {
	q, ok := s.parseStatsQuery(w, r)
	if !ok {
		return
	}
	sw := startStats(w)
	sw.buf = append(sw.buf, '[')
	rows := 0
	q.eachBucket(func(start int64) bool {
		var sum counters
		for service := range s.services {
			c := s.model.bucket(service, q.region, q.g, start, q.now)
			sum.add(&c)
		}
		if sum.hasTraffic() {
			sw.separate(rows)
			rows++
			sw.buf = appendFullRow(sw.buf, "", start, &sum)
		}
		return sw.flushRow()
	})
	sw.buf = append(sw.buf, ']')
	sw.finish(q)
}

// writeServiceRows writes the service's buckets with traffic, comma separated; open runs before the first row.
func (s *Simulator) writeServiceRows(sw *statsWriter, service int, q statsQuery, open func(), appendRow func(int64, *counters)) int {
	rows := 0
	q.eachBucket(func(start int64) bool {
		c := s.model.bucket(service, q.region, q.g, start, q.now)
		if c.hasTraffic() {
			if rows == 0 {
				open()
			}
			sw.separate(rows)
			rows++
			appendRow(start, &c)
		}
		return sw.flushRow()
	})
	return rows
}

// writeServiceObject writes {"<id>":[rows…],…}, leaving out services without rows like the real API.
func (s *Simulator) writeServiceObject(sw *statsWriter, services []int, q statsQuery, appendRow func(string, int64, *counters)) {
	sw.buf = append(sw.buf, '{')
	written := 0
	for _, service := range services {
		id := s.services[service].ID
		open := func() {
			sw.separate(written)
			written++
			sw.buf = append(strconv.AppendQuote(sw.buf, id), ':', '[')
		}
		rows := s.writeServiceRows(sw, service, q, open, func(start int64, c *counters) { appendRow(id, start, c) })
		if rows > 0 {
			sw.buf = append(sw.buf, ']')
		}
	}
	sw.buf = append(sw.buf, '}')
}

// servicesByID returns the service indexes sorted by id, restricted to the comma-separated ids in filter when given.
func (s *Simulator) servicesByID(filter string) []int {
	wanted := map[string]bool{}
	for _, id := range strings.Split(filter, ",") {
		if id = strings.TrimSpace(id); id != "" {
			wanted[id] = true
		}
	}
	var services []int
	for i, svc := range s.services {
		if len(wanted) == 0 || wanted[svc.ID] {
			services = append(services, i)
		}
	}
	sort.Slice(services, func(a, b int) bool { return s.services[services[a]].ID < s.services[services[b]].ID })
	return services
}

// statsWriter streams a historical stats envelope row by row.
type statsWriter struct {
	out *bufio.Writer
	buf []byte
	err error
}

func startStats(w http.ResponseWriter) *statsWriter {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	sw := &statsWriter{out: bufio.NewWriterSize(w, 64<<10), buf: make([]byte, 0, 4096)}
	sw.buf = append(sw.buf, `{"data":`...)
	return sw
}

// flushRow hands the buffered bytes to the response; it reports false once the client is gone.
func (sw *statsWriter) flushRow() bool {
	if sw.err == nil && len(sw.buf) > 0 {
		_, sw.err = sw.out.Write(sw.buf)
	}
	sw.buf = sw.buf[:0]
	return sw.err == nil
}

// separate puts a comma before every list element but the first.
func (sw *statsWriter) separate(written int) {
	if written > 0 {
		sw.buf = append(sw.buf, ',')
	}
}

func (sw *statsWriter) finish(q statsQuery) {
	sw.buf = append(sw.buf, `,"meta":{"to":"`...)
	sw.buf = time.Unix(q.to, 0).UTC().AppendFormat(sw.buf, metaTimeLayout)
	sw.buf = append(sw.buf, `","from":"`...)
	sw.buf = time.Unix(q.from, 0).UTC().AppendFormat(sw.buf, metaTimeLayout)
	sw.buf = append(sw.buf, `","by":"`...)
	sw.buf = append(sw.buf, q.g.name...)
	sw.buf = append(sw.buf, `","region":`...)
	sw.buf = strconv.AppendQuote(sw.buf, q.regionName)
	sw.buf = append(sw.buf, `},"status":"success","msg":null}`...)
	if sw.flushRow() {
		sw.err = sw.out.Flush()
	}
}

// rowColumn is one key of a full row: a field, or service_id / start_time (field nil).
type rowColumn struct {
	key   string
	field *field
}

// fullRowColumns orders a full row's keys by name like the real API does.
var fullRowColumns = buildFullRowColumns()

func buildFullRowColumns() []rowColumn {
	columns := []rowColumn{{key: "service_id"}, {key: "start_time"}}
	for i := range fields {
		columns = append(columns, rowColumn{key: fields[i].name, field: &fields[i]})
	}
	sort.Slice(columns, func(i, j int) bool { return columns[i].key < columns[j].key })
	return columns
}

// appendFullRow appends a row with every served field; serviceID "" leaves service_id out (aggregate rows).
func appendFullRow(b []byte, serviceID string, start int64, c *counters) []byte {
	b = append(b, '{')
	first := true
	for _, col := range fullRowColumns {
		if col.field == nil && col.key == "service_id" && serviceID == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendKey(b, col.key)
		switch {
		case col.field != nil:
			b = col.field.appendJSON(b, c)
		case col.key == "service_id":
			b = strconv.AppendQuote(b, serviceID)
		default:
			b = strconv.AppendInt(b, start, 10)
		}
	}
	return append(b, '}')
}

// appendFieldFirstRow appends {"<field>":v,"service_id":…,"start_time":…} as /stats/service/{id}/field/{field} does.
func appendFieldFirstRow(b []byte, f field, serviceID string, start int64, c *counters) []byte {
	b = appendKey(append(b, '{'), f.name)
	b = f.appendJSON(b, c)
	b = appendServiceAndStart(append(b, ','), serviceID, start)
	return append(b, '}')
}

// appendServiceFirstRow appends {"service_id":…,"start_time":…,"<field>":v} as /stats/field/{field} does.
func appendServiceFirstRow(b []byte, f field, serviceID string, start int64, c *counters) []byte {
	b = appendServiceAndStart(append(b, '{'), serviceID, start)
	b = appendKey(append(b, ','), f.name)
	b = f.appendJSON(b, c)
	return append(b, '}')
}

func appendServiceAndStart(b []byte, serviceID string, start int64) []byte {
	b = strconv.AppendQuote(appendKey(b, "service_id"), serviceID)
	b = appendKey(append(b, ','), "start_time")
	return strconv.AppendInt(b, start, 10)
}

func appendKey(b []byte, key string) []byte {
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// regionsResponse is the /stats/regions envelope.
type regionsResponse struct {
	Data   []string  `json:"data"`
	Meta   statsMeta `json:"meta"`
	Status string    `json:"status"`
	Msg    *string   `json:"msg"`
}

// statsMeta is the meta object of a stats envelope.
type statsMeta struct {
	To     string `json:"to"`
	From   string `json:"from"`
	By     string `json:"by"`
	Region string `json:"region"`
}

func (s *Simulator) serveRegions(w http.ResponseWriter, _ *http.Request) {
	now := s.now().UTC()
	writeJSON(w, http.StatusOK, regionsResponse{
		Data: s.Regions(),
		Meta: statsMeta{
			To:     now.Format(metaTimeLayout),
			From:   now.AddDate(0, -1, 0).Format(metaTimeLayout),
			By:     "day",
			Region: "all",
		},
		Status: "success",
	})
}
