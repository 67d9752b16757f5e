package series

import (
	"slices"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Subject is what a series is of, whatever its metric: a service (zero for the sum over services) and one
// combination of grouped dimension values, with the labels that describe it.
type Subject struct {
	Service    Service
	Dimensions []Label
	Details    []Label
}

// Fill sets the values (or histogram buckets) and unit of s, the series of s.Metric for subject number i.
type Fill func(s *Series, i int)

// Build makes the series of every metric for every subject, metric by metric, or subject by subject when
// bySubject (a real-time stream keeps a service's metrics together); fill computes each one.
func Build(ms []metrics.Metric, subjects []Subject, bySubject bool, fill Fill) []Series {
	out := make([]Series, 0, len(ms)*len(subjects))
	add := func(m metrics.Metric, i int) {
		sub := subjects[i]
		s := Series{Service: sub.Service, Dimensions: sub.Dimensions, Details: sub.Details, Metric: m, Unit: m.Unit}
		fill(&s, i)
		out = append(out, s)
	}
	if bySubject {
		for i := range subjects {
			for _, m := range ms {
				add(m, i)
			}
		}
		return out
	}
	for _, m := range ms {
		for i := range subjects {
			add(m, i)
		}
	}
	return out
}

// GridFill computes a metric on a grid from its input columns: columns[i][k] holds subject i's bucket values of
// fields[k]. perSecond divides counters by step; the latency histogram keeps its bucket counts.
func GridFill(fields []string, columns [][][]float64, perSecond bool, step time.Duration) Fill {
	return func(s *Series, i int) {
		inputs := make([][]float64, len(s.Metric.Inputs))
		for k, f := range s.Metric.Inputs {
			inputs[k] = columns[i][slices.Index(fields, f)]
		}
		if s.Metric.Name == metrics.LatencyHistogram {
			s.Buckets = inputs
			return
		}
		s.Values, s.Unit = Compute(s.Metric, inputs, perSecond, step)
	}
}
