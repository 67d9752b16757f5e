package series

import (
	"math"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
)

// Compute is metric m of one group on a grid: inputs[k] is the column of m's k-th input field. perSecond divides
// counters (not ratios or percentiles) by the step; a point m cannot compute (a ratio of zero) has no value.
func Compute(m metrics.Metric, inputs [][]float64, perSecond bool, step time.Duration) (values []*float64, unit string) {
	divisor, unit := 1.0, m.Unit
	if perSecond {
		divisor, unit = m.PerSecond(step)
	}
	n := 0
	if len(inputs) > 0 {
		n = len(inputs[0])
	}
	values = make([]*float64, n)
	in := make([]float64, len(inputs))
	for j := range values {
		for k := range inputs {
			in[k] = inputs[k][j]
		}
		if v, ok := m.Compute(in); ok && !math.IsNaN(v) {
			v /= divisor
			values[j] = &v
		}
	}
	return values, unit
}
