package simulator

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	defaultPerPage = 20
	maxPerPage     = 1000
)

// serviceJSON is one item of GET /service.
type serviceJSON struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Type       string        `json:"type"`
	CustomerID string        `json:"customer_id"`
	Version    int           `json:"version"`
	Comment    string        `json:"comment"`
	Paused     bool          `json:"paused"`
	CreatedAt  string        `json:"created_at"`
	UpdatedAt  string        `json:"updated_at"`
	DeletedAt  *string       `json:"deleted_at"`
	Versions   []versionJSON `json:"versions"`
}

// versionJSON is one entry of a service's versions list.
type versionJSON struct {
	Number    int     `json:"number"`
	Active    bool    `json:"active"`
	Locked    bool    `json:"locked"`
	Deployed  bool    `json:"deployed"`
	Staging   bool    `json:"staging"`
	Testing   bool    `json:"testing"`
	CreatedAt string  `json:"created_at"`
	UpdatedAt string  `json:"updated_at"`
	DeletedAt *string `json:"deleted_at"`
	Comment   string  `json:"comment"`
	ServiceID string  `json:"service_id"`
}

func serviceType(p serviceProfile) string {
	if p.compute {
		return "wasm"
	}
	return "vcl"
}

// customerID is the simulated account every service and the token belong to.
var customerID = fastlyID("customer:simulator")

func (s *Simulator) serveServiceList(w http.ResponseWriter, r *http.Request) {
	params := r.URL.Query()
	perPage := min(positiveInt(params.Get("per_page"), defaultPerPage), maxPerPage)
	list := s.serviceList(s.now(), params.Get("sort"), params.Get("direction"))
	lastPage := max(1, (len(list)+perPage-1)/perPage)
	page := min(positiveInt(params.Get("page"), 1), lastPage+1)
	first := min((page-1)*perPage, len(list))
	items := list[first:min(first+perPage, len(list))]
	if links := pageLinks(r, page, perPage, lastPage); links != "" {
		w.Header().Set("Link", links)
	}
	writeJSON(w, http.StatusOK, items)
}

func positiveInt(value string, fallback int) int {
	n, err := strconv.Atoi(value)
	if err != nil || n < 1 {
		return fallback
	}
	return n
}

// serviceList returns every service sorted by "created" (default) or "name", ascending unless direction is "descend".
func (s *Simulator) serviceList(now time.Time, sortBy, direction string) []serviceJSON {
	list := make([]serviceJSON, len(s.services))
	for i := range s.services {
		list[i] = s.serviceJSON(i, now)
	}
	less := func(a, b serviceJSON) bool {
		return a.CreatedAt < b.CreatedAt || a.CreatedAt == b.CreatedAt && a.Name < b.Name
	}
	if sortBy == "name" {
		less = func(a, b serviceJSON) bool { return a.Name < b.Name }
	}
	sort.SliceStable(list, func(i, j int) bool {
		if direction == "descend" {
			return less(list[j], list[i])
		}
		return less(list[i], list[j])
	})
	return list
}

// recentDeployEvery: services 0, 5, 10, … activated their newest version three hours before the clock's hour.
const recentDeployEvery = 5

// serviceJSON describes service i with a few versions: the active one deployed, sometimes a newer draft after it.
func (s *Simulator) serviceJSON(i int, now time.Time) serviceJSON {
	p := &s.model.profiles[i]
	r := rng{state: p.seed ^ 0x5e41ce}
	created := time.Unix(p.trafficStart(now.Unix())-secondsPerDay+10*secondsPerHour+int64(r.next()%600)*secondsPerMinute, 0).UTC()
	lastChange := time.Unix(floorTo(now.Unix(), secondsPerDay)-int64(1+i%5)*secondsPerDay+15*secondsPerHour, 0).UTC()
	count := 3 + int(r.next()%4)
	active := count
	if r.next()%2 == 0 {
		active = count - 1
	}
	if i%recentDeployEvery == 0 {
		// A deploy a few hours ago, so "last 24 hours" deploy annotations have something to show.
		lastChange = time.Unix(floorTo(now.Unix(), secondsPerHour)-3*secondsPerHour, 0).UTC()
		active = count
	}
	svc := serviceJSON{
		ID: s.services[i].ID, Name: p.name, Type: serviceType(*p), CustomerID: customerID,
		Version: active, CreatedAt: formatTime(created),
	}
	span := lastChange.Sub(created) / time.Duration(count-1)
	for n := 1; n <= count; n++ {
		v := versionAt(svc.ID, n, active, created.Add(time.Duration(n-1)*span).Truncate(time.Second))
		svc.Versions = append(svc.Versions, v)
		svc.UpdatedAt = max(svc.UpdatedAt, v.UpdatedAt)
	}
	return svc
}

func versionAt(serviceID string, number, active int, created time.Time) versionJSON {
	v := versionJSON{
		Number: number, Active: number == active, Locked: number <= active, Deployed: number == active,
		CreatedAt: formatTime(created), UpdatedAt: formatTime(created.Add(5 * time.Minute)), ServiceID: serviceID,
	}
	if v.Locked {
		v.UpdatedAt = formatTime(created.Add(20 * time.Minute))
	}
	if v.Active {
		v.Comment = "Deployed from CI"
	}
	return v
}

func formatTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// pageLinks builds the RFC 5988 Link header the real /service sends: last and next, then prev and first.
func pageLinks(r *http.Request, page, perPage, lastPage int) string {
	var links []string
	add := func(target int, rel string) {
		links = append(links, "<"+pageURL(r, target, perPage)+`>; rel="`+rel+`"`)
	}
	if page < lastPage {
		add(lastPage, "last")
		add(page+1, "next")
	}
	if page > 1 {
		add(page-1, "prev")
		add(1, "first")
	}
	return strings.Join(links, ", ")
}

func pageURL(r *http.Request, page, perPage int) string {
	query := r.URL.Query()
	query.Set("page", strconv.Itoa(page))
	query.Set("per_page", strconv.Itoa(perPage))
	return absoluteURL(r, query.Encode())
}

// absoluteURL is the URL of r's path on the host it was sent to, with query as its query string.
func absoluteURL(r *http.Request, query string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + r.URL.Path + "?" + query
}
