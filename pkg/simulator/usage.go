package simulator

import (
	"net/http"
	"strconv"
	"time"
)

// usageJSON is one usage entry of the /stats/usage* endpoints.
type usageJSON struct {
	Bandwidth       float64 `json:"bandwidth"`
	Requests        float64 `json:"requests"`
	ComputeRequests float64 `json:"compute_requests"`
}

// usageEnvelope is the envelope of the usage endpoints.
type usageEnvelope struct {
	Data   any       `json:"data"`
	Meta   statsMeta `json:"meta"`
	Status string    `json:"status"`
	Msg    *string   `json:"msg"`
}

// monthUsageJSON is the data of /stats/usage_by_month.
type monthUsageJSON struct {
	CustomerID string                    `json:"customer_id"`
	Services   map[string]map[string]any `json:"services"` // service id → "name" and region → usageJSON
	Total      map[string]usageJSON      `json:"total"`
}

// Billable units of /stats/usage_by_month?billable_units=true: bandwidth in GB, requests in tens of thousands.
const (
	bytesPerBillableGB       = 1e9
	requestsPerBillableUnits = 10_000
)

// usageRange reads from and to (Unix seconds; default one month ago to now) and the region echoed in meta. Like
// Fastly, region= does not filter: every region is answered.
func (s *Simulator) usageRange(w http.ResponseWriter, r *http.Request) (statsQuery, bool) {
	params := r.URL.Query()
	now := s.now().Unix()
	q := statsQuery{now: now, g: granularities["day"], region: allRegions, regionName: "all", firstData: s.model.firstTraffic(now),
		from: time.Unix(now, 0).UTC().AddDate(0, -1, 0).Unix(), to: now}
	var ok bool
	if v := params.Get("from"); v != "" {
		if q.from, ok = parseUnix(v); !ok {
			writeStatsError(w, "Invalid 'from' parameter")
			return q, false
		}
	}
	if v := params.Get("to"); v != "" {
		if q.to, ok = parseUnix(v); !ok {
			writeStatsError(w, "Invalid 'to' parameter")
			return q, false
		}
	}
	if name := params.Get("region"); name != "" {
		q.regionName = name
	}
	return q, true
}

// usageOf sums the day buckets of q for one service in one region.
func (s *Simulator) usageOf(service, region int, q statsQuery) usageJSON {
	var u usageJSON
	q.eachBucket(func(start int64) bool {
		c := s.model.bucket(service, region, q.g, start, q.now)
		u.Bandwidth += float64(c[cBandwidth])
		u.Requests += float64(c[cRequests])
		u.ComputeRequests += float64(c[cComputeRequests])
		return true
	})
	return u
}

func (u *usageJSON) add(o usageJSON) {
	u.Bandwidth += o.Bandwidth
	u.Requests += o.Requests
	u.ComputeRequests += o.ComputeRequests
}

func usageMeta(q statsQuery) statsMeta {
	return statsMeta{
		From: time.Unix(q.from, 0).UTC().Format(metaTimeLayout), To: time.Unix(q.to, 0).UTC().Format(metaTimeLayout),
		By: "day", Region: q.regionName,
	}
}

// serveUsage answers GET /stats/usage: region → usage summed over every service.
func (s *Simulator) serveUsage(w http.ResponseWriter, r *http.Request) {
	q, ok := s.usageRange(w, r)
	if !ok {
		return
	}
	data := map[string]usageJSON{}
	for reg, region := range statsRegions {
		var u usageJSON
		for i := range s.services {
			u.add(s.usageOf(i, reg, q))
		}
		data[region.name] = u
	}
	writeJSON(w, http.StatusOK, usageEnvelope{Data: data, Meta: usageMeta(q), Status: "success"})
}

// serveUsageByService answers GET /stats/usage_by_service: region → service id → usage; a region without traffic
// is an empty object.
func (s *Simulator) serveUsageByService(w http.ResponseWriter, r *http.Request) {
	q, ok := s.usageRange(w, r)
	if !ok {
		return
	}
	data := map[string]map[string]usageJSON{}
	for reg, region := range statsRegions {
		byService := map[string]usageJSON{}
		for i, svc := range s.services {
			if u := s.usageOf(i, reg, q); u != (usageJSON{}) {
				byService[svc.ID] = u
			}
		}
		data[region.name] = byService
	}
	writeJSON(w, http.StatusOK, usageEnvelope{Data: data, Meta: usageMeta(q), Status: "success"})
}

// serveUsageByMonth answers GET /stats/usage_by_month?year=YYYY&month=MM[&billable_units=true] (default: the
// current month): per service (with its name) and in total, region → usage over the days of the month so far.
func (s *Simulator) serveUsageByMonth(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	nowT := s.now().UTC()
	year, month := nowT.Year(), int(nowT.Month())
	var err error
	if v := params.Get("year"); v != "" {
		if year, err = strconv.Atoi(v); err != nil || year < 1970 || year > 9999 {
			writeStatsError(w, "Invalid 'year' parameter")
			return
		}
	}
	if v := params.Get("month"); v != "" {
		if month, err = strconv.Atoi(v); err != nil || month < 1 || month > 12 {
			writeStatsError(w, "Invalid 'month' parameter")
			return
		}
	}
	billable := params.Get("billable_units") == "true"
	start := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	now := nowT.Unix()
	q := statsQuery{now: now, g: granularities["day"], region: allRegions, regionName: "all", firstData: s.model.firstTraffic(now),
		from: start.Unix(), to: start.AddDate(0, 1, 0).Unix()}
	data := monthUsageJSON{CustomerID: customerID, Services: map[string]map[string]any{}, Total: map[string]usageJSON{}}
	for i, svc := range s.services {
		entry := map[string]any{"name": svc.Name}
		for reg, region := range statsRegions {
			u := s.usageOf(i, reg, q)
			if billable {
				u.Bandwidth /= bytesPerBillableGB
				u.Requests /= requestsPerBillableUnits
			}
			entry[region.name] = u
			total := data.Total[region.name]
			total.add(u)
			data.Total[region.name] = total
		}
		data.Services[svc.ID] = entry
	}
	writeJSON(w, http.StatusOK, usageEnvelope{Data: data, Meta: usageMeta(q), Status: "success"})
}
