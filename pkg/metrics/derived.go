package metrics

// derivedMetrics are computed from counters per bucket, after any summing across services, never by averaging ratios.
func derivedMetrics() []Metric {
	return []Metric{
		{
			Name: "hit_ratio", Label: "Hit ratio", Unit: UnitRatio,
			Description: "Cache hits / (hits + misses) per bucket, recomputed from the counters (also when summed across services). Empty when there were no hits or misses.",
			Inputs:      []string{"hits", "miss"},
			compute:     hitShare,
		},
		{
			Name: "error_ratio", Label: "Error ratio (5xx)", Unit: UnitRatio,
			Description: "Responses with a 5xx status / requests per bucket. Empty when there were no requests.",
			Inputs:      []string{"status_5xx", "requests"},
			compute:     func(in []float64) (float64, bool) { return ratio(in[0], in[1]) },
		},
		{
			Name: "client_error_ratio", Label: "Client error ratio (4xx)", Unit: UnitRatio,
			Description: "Responses with a 4xx status / requests per bucket, recomputed from the summed counters. Empty when there were no requests.",
			Inputs:      []string{"status_4xx", "requests"},
			compute:     func(in []float64) (float64, bool) { return ratio(in[0], in[1]) },
		},
		{
			Name: "rate_limited_ratio", Label: "Rate-limited ratio (429)", Unit: UnitRatio,
			Description: "Responses with status 429 (Too Many Requests) / requests per bucket, recomputed from the summed counters. Empty when there were no requests.",
			Inputs:      []string{"status_429", "requests"},
			compute:     func(in []float64) (float64, bool) { return ratio(in[0], in[1]) },
		},
		{
			Name: "bandwidth_bits", Label: "Bandwidth (bits)", Unit: UnitBits,
			Description: "Bandwidth in bits: Fastly's bandwidth field (bytes delivered) × 8.",
			Inputs:      []string{"bandwidth"},
			compute:     func(in []float64) (float64, bool) { return in[0] * 8, true },
		},
		originOffload(),
	}
}

// originOffload is the one definition of origin_offload, shared by the stats and Domain Inspector catalogues.
func originOffload() Metric {
	return Metric{
		Name: "origin_offload", Label: "Origin offload", Unit: UnitRatio,
		Description: "Share of bytes served to end users that did not come from origin: (edge response bytes − origin fetch response bytes) / edge response bytes, recomputed from the byte counters (also when summed across services or series). Empty when nothing was served.",
		Inputs:      []string{"edge_resp_body_bytes", "edge_resp_header_bytes", "origin_fetch_resp_body_bytes", "origin_fetch_resp_header_bytes"},
		compute: func(in []float64) (float64, bool) {
			edge := in[0] + in[1]
			return ratio(edge-(in[2]+in[3]), edge)
		},
	}
}

// hitShare is hits / (hits + misses) for the inputs [hits, misses].
func hitShare(in []float64) (float64, bool) { return ratio(in[0], in[0]+in[1]) }

// ratio divides, reporting no value when the denominator is zero (or not a number).
func ratio(num, den float64) (float64, bool) {
	if !(den > 0) {
		return 0, false
	}
	return num / den, true
}

// sum adds the inputs up; it always has a value.
func sum(in []float64) (float64, bool) {
	total := 0.0
	for _, v := range in {
		total += v
	}
	return total, true
}
