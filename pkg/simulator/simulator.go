// Package simulator is a deterministic fake of the Fastly API for tests and demos.
package simulator

import (
	"crypto/sha256"
	"net/http"
	"sync"
	"time"
)

// Config configures a Simulator; zero values select the defaults.
type Config struct {
	Token          string           // the only accepted Fastly-Key; default "sim-token"
	Now            func() time.Time // clock; default time.Now; tests pin it
	ServiceCount   int              // number of services; default 6
	TokenExpiresAt *time.Time       // nil = never expires (served as "expires_at": null)
	Faults         []Fault          // failures injected before routing, first match wins; none by default
	FastlySized    bool             // real-time records at Fastly's size (the full POP list, 39 recorded fields each); off = compact
}

// Service identifies one simulated Fastly service.
type Service struct{ ID, Name, Type string }

// Simulator is an http.Handler serving a deterministic fake Fastly API.
type Simulator struct {
	token     string
	now       func() time.Time
	expiresAt *time.Time
	model     *model
	services  []Service
	byID      map[string]int
	mux       *http.ServeMux
	faults    *faultInjector

	fastlySized bool  // real-time records in the Fastly-sized shape
	datacenters []pop // what /datacenters serves

	mu       sync.Mutex
	requests []string
	rt       rtState

	cellCache inspectorCellCache
	logSites  []logSite // by service index
}

const (
	defaultToken        = "sim-token"
	defaultServiceCount = 6
)

// New returns a Simulator; the same Config always yields the same data.
func New(cfg Config) *Simulator {
	if cfg.Token == "" {
		cfg.Token = defaultToken
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ServiceCount <= 0 {
		cfg.ServiceCount = defaultServiceCount
	}
	profiles := buildProfiles(cfg.ServiceCount)
	s := &Simulator{
		token:     cfg.Token,
		now:       cfg.Now,
		expiresAt: cfg.TokenExpiresAt,
		model:     newModel(profiles),
		byID:      make(map[string]int, len(profiles)),

		fastlySized: cfg.FastlySized,
		datacenters: pops,
	}
	if cfg.FastlySized {
		s.datacenters = fastlySizedPOPs
	}
	for i, p := range profiles {
		svc := Service{ID: fastlyID("service:" + p.name), Name: p.name, Type: serviceType(p)}
		s.services = append(s.services, svc)
		s.byID[svc.ID] = i
	}
	for i := range profiles {
		s.logSites = append(s.logSites, newLogSite(&s.model.profiles[i], s.InspectorNames(productOrigins, s.services[i].ID)))
	}
	s.mux = s.routes()
	s.faults = newFaultInjector(cfg.Faults, cfg.Now)
	s.faults.noData = s.serveNoData
	return s
}

func (s *Simulator) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /tokens/self", s.serveTokenSelf)
	mux.HandleFunc("GET /service", s.authenticated(s.serveServiceList))
	mux.HandleFunc("GET /service/{id}/version", s.authenticated(s.serveServiceVersions))
	mux.HandleFunc("GET /datacenters", s.authenticated(s.serveDatacenters))
	mux.HandleFunc("GET /stats", s.authenticated(s.serveAllServicesStats))
	mux.HandleFunc("GET /stats/field/{field}", s.authenticated(s.serveAllServicesField))
	mux.HandleFunc("GET /stats/aggregate", s.authenticated(s.serveAggregateStats))
	mux.HandleFunc("GET /stats/regions", s.authenticated(s.serveRegions))
	mux.HandleFunc("GET /stats/usage", s.authenticated(s.serveUsage))
	mux.HandleFunc("GET /stats/usage_by_service", s.authenticated(s.serveUsageByService))
	mux.HandleFunc("GET /stats/usage_by_month", s.authenticated(s.serveUsageByMonth))
	mux.HandleFunc("GET /stats/service/{id}", s.authenticated(s.serveServiceStats))
	mux.HandleFunc("GET /stats/service/{id}/field/{field}", s.authenticated(s.serveServiceField))
	mux.HandleFunc("GET /v1/channel/{id}/ts/{ts}", s.authenticated(s.serveRealtime))
	mux.HandleFunc("GET /v1/channel/{id}/ts/{ts}/limit/{n}", s.authenticated(s.serveRealtime))
	mux.HandleFunc("GET /v1/origins/{id}/ts/{ts}", s.authenticated(s.serveOriginsRealtime))
	mux.HandleFunc("GET /v1/origins/{id}/ts/{ts}/limit/{n}", s.authenticated(s.serveOriginsRealtime))
	mux.HandleFunc("GET /v1/domains/{id}/ts/{ts}", s.authenticated(s.serveDomainsRealtime))
	mux.HandleFunc("GET /v1/domains/{id}/ts/{ts}/limit/{n}", s.authenticated(s.serveDomainsRealtime))
	mux.HandleFunc("GET /metrics/{collection}/services/{id}", s.authenticated(s.serveInspectorMetrics))
	mux.HandleFunc("GET /enabled-products/v1/{product}/services/{id}", s.authenticated(s.serveEnablement))
	mux.HandleFunc("GET /observability/log-explorer", s.authenticated(s.serveLogExplorer))
	mux.HandleFunc("GET /observability/log-insights", s.authenticated(s.serveLogInsights))
	mux.HandleFunc("GET /observability/aggregations", s.authenticated(s.serveLogAggregations))
	mux.HandleFunc("GET /observability/timeseries", s.authenticated(s.serveLogTimeseries))
	mux.HandleFunc("GET /events", s.authenticated(s.serveEvents))
	mux.HandleFunc("GET /alerts/history", s.authenticated(s.serveAlertHistory))
	mux.HandleFunc("/", s.authenticated(serveUnknownPath))
	return mux
}

// ServeHTTP logs the request, rejects methods other than GET and HEAD, and routes it.
func (s *Simulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.record(r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeMethodNotAllowed(w)
		return
	}
	if s.faults.serve(w, r, s.mux) {
		return
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Simulator) authenticated(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Fastly-Key") != s.token || s.tokenExpired() {
			writeUnauthorized(w)
			return
		}
		next(w, r)
	}
}

func (s *Simulator) tokenExpired() bool {
	return s.expiresAt != nil && !s.now().Before(*s.expiresAt)
}

func (s *Simulator) record(r *http.Request) {
	line := r.Method + " " + r.URL.Path
	if query := r.URL.Query().Encode(); query != "" {
		line += "?" + query
	}
	s.mu.Lock()
	s.requests = append(s.requests, line)
	s.mu.Unlock()
}

// Requests returns every request received as "METHOD path?sorted-query", oldest first.
func (s *Simulator) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

// InjectedFaults returns how many requests each configured fault answered, in configuration order.
func (s *Simulator) InjectedFaults() []int { return s.faults.Injected() }

// ResetRequests forgets the recorded requests.
func (s *Simulator) ResetRequests() {
	s.mu.Lock()
	s.requests = nil
	s.mu.Unlock()
}

// Services returns the simulated services in creation order.
func (s *Simulator) Services() []Service {
	return append([]Service(nil), s.services...)
}

// Regions returns the stats regions, sorted like /stats/regions serves them.
func (s *Simulator) Regions() []string {
	names := make([]string, len(statsRegions))
	for i, r := range statsRegions {
		names[i] = r.name
	}
	return names
}

// Fields returns every historical stats field the simulator serves, sorted by name.
func (s *Simulator) Fields() []string {
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	return names
}

// Value is the ground truth of one historical bucket: field value for serviceID in region ("" = all regions summed)
// for the bucket starting at start with granularity by ("minute"|"hour"|"day"). ok=false when the bucket has no
// traffic (the API omits it), is not published yet, is past retention or misaligned, or the value is null.
func (s *Simulator) Value(serviceID, field, region, by string, start time.Time) (v float64, ok bool) {
	service, known := s.byID[serviceID]
	f, knownField := fieldsByName[field]
	reg, knownRegion := regionIndex(region)
	g, knownBy := granularities[by]
	if !known || !knownField || !knownRegion || !knownBy {
		return 0, false
	}
	now, t := s.now().Unix(), start.Unix()
	if t%g.step != 0 || t >= g.frontier(now) || !g.retained(t, now) {
		return 0, false
	}
	c := s.model.bucket(service, reg, g, t, now)
	if !c.hasTraffic() {
		return 0, false
	}
	return f.value(&c)
}

// NewestPublished returns the start of the newest published bucket for by ("minute"|"hour"|"day").
func (s *Simulator) NewestPublished(by string) time.Time {
	g, ok := granularities[by]
	if !ok {
		return time.Time{}
	}
	return time.Unix(g.frontier(s.now().Unix())-g.step, 0).UTC()
}

const idAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// fastlyID derives a 22-character base62 identifier, shaped like Fastly's, from seed.
func fastlyID(seed string) string {
	sum := sha256.Sum256([]byte(seed))
	id := make([]byte, 22)
	for i := range id {
		id[i] = idAlphabet[int(sum[i])%len(idAlphabet)]
	}
	return string(id)
}
