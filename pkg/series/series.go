// Package series is the one result shape every engine returns and pkg/frames draws: metric values per group on a
// time grid, with the Fastly calls made and notices for the user.
package series

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Service is a selected service with its display name.
type Service struct {
	ID   string
	Name string
}

// Label is one label of a series.
type Label struct {
	Name, Value string
}

// Series is one metric of one group (a service, or the sum over services, with its grouped dimensions) on the
// result's time grid.
type Series struct {
	Service    Service // zero for the sum over services
	Dimensions []Label // the grouped dimensions, in display order: they name the series with the service
	Details    []Label // labels that describe the group without naming it (a POP's name, region, coordinates)
	Metric     metrics.Metric
	Unit       string
	Values     []*float64  // nil = no value; empty for a histogram
	Buckets    [][]float64 // histogram only: Buckets[k][j] counts in metrics.LatencyBuckets[k] at point j
}

// Key identifies the series' group: the service and the grouped dimensions' values.
func (s Series) Key() string {
	key := s.Service.ID
	for _, l := range s.Dimensions {
		key += "\x00" + l.Value
	}
	return key
}

// Label is the value of the series' label name among its dimensions and details, "" when it has none.
func (s Series) Label(name string) string {
	for _, l := range s.Dimensions {
		if l.Name == name {
			return l.Value
		}
	}
	for _, l := range s.Details {
		if l.Name == name {
			return l.Value
		}
	}
	return ""
}

// Result is the answer to one query: its series on one time grid, the calls behind it and what the user should know.
type Result struct {
	Times    []time.Time
	Series   []Series
	Calls    []string // the Fastly calls made, as ExecutedQueryString shows them
	Notices  []Notice
	Services int // how many services a sum over services adds up
	// ProvisionalFrom is the first point filled from real-time data (later points are provisional too); zero when
	// every point is published.
	ProvisionalFrom time.Time
}

// Label names besides the grouped dimensions, which are named by query.Dimension*.
const (
	LabelServiceID   = "service_id"
	LabelServiceName = "service_name"
	LabelPOPName     = "pop_name"
	LabelPOPGroup    = "pop_group" // Fastly's area of a POP (EU-West, US-East); region is always the stats region
	LabelLatitude    = "latitude"
	LabelLongitude   = "longitude"
)
