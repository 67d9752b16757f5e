package query

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Inspector query types.
const (
	TypeOrigins Type = "origins"
	TypeDomains Type = "domains"
)

// Dimensions an inspector query groups by.
const (
	DimensionHost   = "host"
	DimensionDomain = "domain"
	DimensionPOP    = "datacenter"
	DimensionRegion = "region"
	// DimensionSource splits Origin Inspector series by who made the origin request: vcl, waf or compute.
	DimensionSource = "source"
)

// Where an inspector query reads from (its "source" key): the real-time buffer, the historical API, or either.
const (
	ReadFromAuto       = "auto"
	ReadFromHistorical = "historical"
	ReadFromRealtime   = "realtime"
)

// Inspector is an Origin Inspector (origins) or Domain Inspector (domains) query.
type Inspector struct {
	Type        Type        `json:"-"`
	Services    []string    `json:"services"`
	Metrics     []string    `json:"metrics"`
	GroupBy     List        `json:"groupBy"`
	Hosts       List        `json:"hosts"`
	Domains     List        `json:"domains"`
	POPs        List        `json:"datacenters"`
	Regions     List        `json:"regions"`
	Granularity Granularity `json:"granularity"`
	ReadFrom    string      `json:"source"`
	// PerSecond divides counters by the bucket length, so minute, hour and 1-second buckets share one scale.
	PerSecond bool `json:"perSecond"`
	// LegendFormat names each series from tokens such as {{service_name}}; empty keeps the default names.
	LegendFormat string `json:"legendFormat,omitempty"`
}

// List is a list of strings that also accepts one comma-separated string (as alert rules and provisioned
// dashboards write it); entries are split at commas, trimmed, and blanks and duplicates dropped.
type List []string

// UnmarshalJSON accepts a JSON array of strings, a string or null.
func (l *List) UnmarshalJSON(b []byte) error {
	var entries []string
	if err := json.Unmarshal(b, &entries); err != nil {
		var one string
		if err2 := json.Unmarshal(b, &one); err2 != nil {
			return err
		}
		entries = []string{one}
	}
	*l = splitEntries(entries)
	return nil
}

// Names are the host (origins) or domain (domains) filter values.
func (q Inspector) Names() []string {
	if q.Type == TypeDomains {
		return q.Domains
	}
	return q.Hosts
}

// Groups reports whether the query groups by dimension d.
func (q Inspector) Groups(d string) bool {
	for _, g := range q.GroupBy {
		if g == d {
			return true
		}
	}
	return false
}

// ParseInspector decodes and validates an origins or domains query.
func ParseInspector(t Type, raw json.RawMessage) (Inspector, error) {
	q := Inspector{Type: t}
	if err := decodeModel(raw, "an "+string(t), &q); err != nil {
		return q, err
	}
	q.Type = t
	q.ReadFrom = strings.TrimSpace(q.ReadFrom)
	if q.ReadFrom == "" {
		q.ReadFrom = ReadFromAuto
	}
	if q.Granularity == "" {
		q.Granularity = GranularityAuto
	}
	if err := normalizeServices(&q.Services); err != nil {
		return q, err
	}
	for i, pop := range q.POPs {
		q.POPs[i] = strings.ToUpper(pop)
	}
	return q, q.validate()
}

func (q Inspector) validate() error {
	if len(q.Services) == 0 {
		return invalid("choose at least one service: %s is enabled per service", q.product())
	}
	if err := q.validateMetrics(); err != nil {
		return err
	}
	if err := q.validateGroupBy(); err != nil {
		return err
	}
	if err := q.validateFilters(); err != nil {
		return err
	}
	if !q.Granularity.Valid() {
		return invalid("unknown granularity %q: use auto, minute, hour or day", q.Granularity)
	}
	switch q.ReadFrom {
	case ReadFromAuto, ReadFromHistorical, ReadFromRealtime:
		return nil
	}
	return invalid("unknown source %q: use auto, historical or realtime", q.ReadFrom)
}

func (q Inspector) product() string {
	if q.Type == TypeDomains {
		return "Domain Inspector"
	}
	return "Origin Inspector"
}

func (q Inspector) validateMetrics() error {
	if len(q.Metrics) == 0 {
		return invalid("choose at least one metric")
	}
	for _, name := range q.Metrics {
		if _, ok := metrics.LookupInspector(string(q.Type), name); !ok {
			return unknownMetric(q.product()+" ", name, metrics.ClosestInspector(string(q.Type), name))
		}
	}
	return nil
}

func (q Inspector) validateGroupBy() error {
	allowed := []string{DimensionHost, DimensionPOP, DimensionRegion, DimensionSource}
	if q.Type == TypeDomains {
		allowed = []string{DimensionDomain, DimensionPOP, DimensionRegion}
	}
	for _, g := range q.GroupBy {
		if !contains(allowed, g) {
			return invalid("%s queries cannot group by %q: use any of %s, or none for the total", q.Type, g, strings.Join(allowed, ", "))
		}
	}
	return nil
}

var (
	popPattern  = regexp.MustCompile(`^[A-Za-z0-9]{3,8}$`)
	namePattern = regexp.MustCompile(`^[A-Za-z0-9._:\[\]*-]{1,253}$`)
)

func (q Inspector) validateFilters() error {
	if q.Type == TypeDomains && len(q.Hosts) > 0 {
		return invalid("domains queries filter by domains, not hosts")
	}
	if q.Type == TypeOrigins && len(q.Domains) > 0 {
		return invalid("origins queries filter by hosts, not domains")
	}
	for _, n := range q.Names() {
		if err := checkFilterValue(n, namePattern, "a host or domain name"); err != nil {
			return err
		}
	}
	for _, pop := range q.POPs {
		if err := checkFilterValue(pop, popPattern, "a POP code such as SJC"); err != nil {
			return err
		}
	}
	for _, r := range q.Regions {
		if err := checkFilterValue(r, regionPattern, "a stats region such as usa or europe"); err != nil {
			return err
		}
	}
	return nil
}

func checkFilterValue(v string, pattern *regexp.Regexp, what string) error {
	if strings.HasPrefix(v, "$") {
		return invalid("the template variable %s was not replaced; check the dashboard variable", v)
	}
	if !pattern.MatchString(v) {
		return invalid("%q is not %s", truncate(v, 60), what)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
