package query

import (
	"encoding/json"
	"regexp"
	"strings"
)

// TypeRealtime is a query of Fastly's per-second Real-time Analytics, answered from the plugin's in-memory buffer.
const TypeRealtime Type = "realtime"

// GroupByPOP splits a realtime query into one series per POP (saved dashboards say "datacenter", Fastly's word).
const GroupByPOP = "datacenter"

// MaxRealtimeServices bounds the services of one realtime query: each one is polled every second.
const MaxRealtimeServices = 20

// Realtime is a real-time query.
type Realtime struct {
	Services []string `json:"services"`
	Metrics  []string `json:"metrics"`
	GroupBy  string   `json:"groupBy"`
	POPs     []string `json:"datacenters,omitempty"` // POP codes; the key stays "datacenters" for saved dashboards
	// TopN keeps the series (services, or service × POP with groupBy datacenter) with the largest totals.
	TopN *TopN `json:"topN,omitempty"`
	// LegendFormat names each series from tokens such as {{service_name}}; empty keeps the default names.
	LegendFormat string `json:"legendFormat,omitempty"`
}

var popCodePattern = regexp.MustCompile(`^[A-Z0-9]{2,8}$`)

// ParseRealtime decodes and validates a realtime query.
func ParseRealtime(raw json.RawMessage) (Realtime, error) {
	var q Realtime
	if err := decodeModel(raw, "a realtime", &q); err != nil {
		return q, err
	}
	if err := normalizeServices(&q.Services); err != nil {
		return q, err
	}
	if q.GroupBy == "" {
		q.GroupBy = GroupByNone
	}
	pops, err := popCodes(q.POPs)
	if err != nil {
		return q, err
	}
	q.POPs = pops
	if q.TopN != nil {
		q.TopN.applyDefaults(q.Metrics)
	}
	return q, q.validate()
}

func (q Realtime) validate() error {
	switch {
	case len(q.Services) == 0:
		return invalid("choose at least one service: real-time data is polled per service, every second")
	case len(q.Services) > MaxRealtimeServices:
		return invalid("a realtime query can follow at most %d services (this one has %d)", MaxRealtimeServices, len(q.Services))
	case len(q.Metrics) == 0:
		return invalid("choose at least one metric")
	case q.GroupBy != GroupByNone && q.GroupBy != GroupByPOP:
		return invalid("unknown groupBy %q for a realtime query: use none or datacenter", q.GroupBy)
	}
	for _, name := range q.Metrics {
		if err := validateRealtimeMetric(name); err != nil {
			return err
		}
	}
	if q.TopN != nil {
		return q.TopN.validateFor(q.Metrics)
	}
	return nil
}

func validateRealtimeMetric(name string) error {
	m, err := lookupMetric(name)
	if err != nil {
		return err
	}
	if !m.SupportsRealtime() {
		return invalid("metric %q is not available in real time: Fastly's Real-time Analytics API does not serve it; use a stats query", name)
	}
	return nil
}

// popCodes splits comma-separated POP codes, upper-cases them and drops duplicates.
func popCodes(entries []string) ([]string, error) {
	upper := make([]string, len(entries))
	for i, e := range entries {
		upper[i] = strings.ToUpper(e)
	}
	codes := splitEntries(upper)
	for _, code := range codes {
		if !popCodePattern.MatchString(code) {
			return nil, invalid("%q is not a Fastly POP code (such as LHR or IAD)", truncate(code, 40))
		}
	}
	if len(codes) == 0 {
		return nil, nil
	}
	return codes, nil
}
