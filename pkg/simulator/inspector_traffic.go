package simulator

// nameWeights share a service's inspector traffic between its first, second and third origin host or domain.
var nameWeights = []float64{0.6, 0.3, 0.1}

// inspectorCellValues are every field of one cell (host or domain at a POP) in one bucket; a bucket without
// traffic is empty. Origin fields come in the unprefixed (VCL), waf_ and compute_ families and all_ (their sum).
func (s *Simulator) inspectorCellValues(product string, service int, cell inspectorCell, g granularity, t int64) map[string]int64 {
	p := &s.model.profiles[service]
	r := rng{state: hash3(p.seed^hashString(product), uint64(cell.name*1000+cell.pop), uint64(t))}
	if r.next()%5 == 0 {
		return nil
	}
	cold := coldShare(p, t, t+g.step)
	perMinute := p.peakPerMinute / 50 * nameWeights[cell.name%len(nameWeights)]
	if product == productOrigins {
		perMinute *= originLoad(p, cold)
	}
	n := stochasticRound(perMinute*float64(g.step/secondsPerMinute)*(0.5+r.float()), r.float())
	if n == 0 {
		return nil
	}
	if product == productDomains {
		return domainCellValues(p, n, cold, &r)
	}
	return originCellValues(p, n, &r)
}

func originCellValues(p *serviceProfile, n int64, r *rng) map[string]int64 {
	waf := portion(n, 0.1, r)
	shares := []int64{n - waf, waf, 0}
	if p.compute {
		waf = portion(n, 0.05, r)
		shares = []int64{0, waf, n - waf}
	}
	out := map[string]int64{}
	for i, prefix := range inspectorFamilies {
		for k, v := range originFamilyValues(shares[i], p, r) {
			out[prefix+k] = v
			out["all_"+k] += v
		}
	}
	return out
}

func originFamilyValues(n int64, p *serviceProfile, r *rng) map[string]int64 {
	v := map[string]int64{"responses": n}
	addStatusClasses(v, "", n, r)
	v["resp_body_bytes"] = perUnit(n, p.bodyBytes*0.8, p.bodyBytes*0.4, r)
	v["resp_header_bytes"] = perUnit(n, 380, 60, r)
	left := n
	for _, b := range latencyShares[1:] {
		c := min(portion(n, b.share, r), left)
		v[b.field] = c
		left -= c
	}
	v[latencyShares[0].field] = left
	return v
}

// addStatusClasses splits n responses into status classes and one code per class, with prefix before each field.
func addStatusClasses(v map[string]int64, prefix string, n int64, r *rng) {
	s5 := portion(n, 0.002, r)
	s4 := portion(n-s5, 0.01, r)
	s3 := portion(n-s5-s4, 0.05, r)
	s2 := n - s5 - s4 - s3
	for class, count := range map[string]int64{"2xx": s2, "3xx": s3, "4xx": s4, "5xx": s5} {
		v[prefix+"status_"+class] = count
	}
	v[prefix+"status_200"], v[prefix+"status_304"], v[prefix+"status_404"], v[prefix+"status_503"] = s2, s3, s4, s5
}

// domainCellValues are a domain cell's n requests; cold is the share of would-be hits a purge turned into misses.
func domainCellValues(p *serviceProfile, n int64, cold float64, r *rng) map[string]int64 {
	hits := portion(n, p.hitRatio*(1-cold), r)
	miss := n - hits
	v := map[string]int64{
		"edge_requests": n, "requests": n, "edge_hit_requests": hits, "edge_miss_requests": miss, "origin_fetches": miss,
		"edge_resp_body_bytes": perUnit(n, p.bodyBytes*0.8, p.bodyBytes*0.4, r), "edge_resp_header_bytes": perUnit(n, 300, 50, r),
		"origin_fetch_resp_body_bytes": perUnit(miss, p.bodyBytes*0.8, p.bodyBytes*0.4, r), "origin_fetch_resp_header_bytes": perUnit(miss, 380, 60, r),
		"bereq_header_bytes": perUnit(miss, 500, 80, r),
	}
	v["resp_body_bytes"], v["resp_header_bytes"] = v["edge_resp_body_bytes"], v["edge_resp_header_bytes"]
	v["bandwidth"] = v["resp_body_bytes"] + v["resp_header_bytes"] + v["bereq_header_bytes"]
	addStatusClasses(v, "", n, r)
	addStatusClasses(v, "origin_", miss, r)
	return v
}
