package simulator

import (
	"sort"
	"strconv"
)

// counter indexes one integer quantity of the traffic model; every served field derives from counters.
type counter int

const (
	cRequests counter = iota
	cHits
	cMiss
	cPass
	cSynth
	cErrors
	cRestarts
	cUncacheable
	cHitsTimeMicros
	cMissTimeMicros
	cPassTimeMicros
	cBandwidth
	cRespHeaderBytes
	cRespBodyBytes
	cReqHeaderBytes
	cReqBodyBytes
	cBereqHeaderBytes
	cBereqBodyBytes
	cStatus1xx
	cStatus2xx
	cStatus3xx
	cStatus4xx
	cStatus5xx
	cStatus200
	cStatus204
	cStatus206
	cStatus301
	cStatus302
	cStatus304
	cStatus400
	cStatus401
	cStatus403
	cStatus404
	cStatus416
	cStatus429
	cStatus500
	cStatus501
	cStatus502
	cStatus503
	cStatus504
	cStatus505
	cOriginFetches
	cOriginFetchRespHeaderBytes
	cOriginFetchRespBodyBytes
	cShield
	cShieldFetches
	cTLS
	cTLSv12
	cTLSv13
	cHTTP2
	cHTTP3
	cIPv6
	cRecvSubCount
	cRecvSubTimeNanos
	cDeliverSubCount
	cDeliverSubTimeNanos
	cComputeRequests
	cComputeExecutionMicros
	cComputeRequestMicros
	cComputeRespStatus1xx
	cComputeRespStatus2xx
	cComputeRespStatus3xx
	cComputeRespStatus4xx
	cComputeRespStatus5xx
	cComputeRespHeaderBytes
	cComputeRespBodyBytes
	cComputeBereqHeaderBytes
	cComputeBereqBodyBytes
	cComputeBereqs
	cAllStatus1xx
	cAllStatus2xx
	cAllStatus3xx
	cAllStatus4xx
	cAllStatus5xx
	cZero
	counterCount
)

// counters holds every counter of one bucket; buckets add up exactly.
type counters [counterCount]int64

func (c *counters) add(o *counters) {
	for i := range c {
		c[i] += o[i]
	}
}

// hasTraffic reports whether the bucket would appear in an API response.
func (c *counters) hasTraffic() bool {
	return c[cRequests]+c[cComputeRequests] > 0
}

type fieldKind uint8

const (
	integerField fieldKind = iota
	scaledField
	hitRatioField
	originOffloadField
)

// field is one served historical stats field and how it is derived from counters.
type field struct {
	name    string
	kind    fieldKind
	src     counter
	divisor float64
}

func intField(name string, src counter) field { return field{name: name, src: src} }

func floatField(name string, src counter, divisor float64) field {
	return field{name: name, kind: scaledField, src: src, divisor: divisor}
}

const (
	microsPerSecond = 1e6
	nanosPerSecond  = 1e9
	microsPerMilli  = 1e3
)

// fields lists every served field, sorted by name like the real API sorts row keys.
var fields = sortedFields([]field{
	intField("requests", cRequests),
	intField("hits", cHits),
	intField("miss", cMiss),
	intField("pass", cPass),
	intField("synth", cSynth),
	intField("errors", cErrors),
	intField("restarts", cRestarts),
	intField("uncacheable", cUncacheable),
	floatField("hits_time", cHitsTimeMicros, microsPerSecond),
	floatField("miss_time", cMissTimeMicros, microsPerSecond),
	floatField("pass_time", cPassTimeMicros, microsPerSecond),
	{name: "hit_ratio", kind: hitRatioField},
	intField("bandwidth", cBandwidth),
	intField("resp_header_bytes", cRespHeaderBytes),
	intField("resp_body_bytes", cRespBodyBytes),
	intField("header_size", cRespHeaderBytes),
	intField("body_size", cRespBodyBytes),
	intField("req_header_bytes", cReqHeaderBytes),
	intField("req_body_bytes", cReqBodyBytes),
	intField("bereq_header_bytes", cBereqHeaderBytes),
	intField("bereq_body_bytes", cBereqBodyBytes),
	intField("status_1xx", cStatus1xx),
	intField("status_2xx", cStatus2xx),
	intField("status_3xx", cStatus3xx),
	intField("status_4xx", cStatus4xx),
	intField("status_5xx", cStatus5xx),
	intField("status_200", cStatus200),
	intField("status_204", cStatus204),
	intField("status_206", cStatus206),
	intField("status_301", cStatus301),
	intField("status_302", cStatus302),
	intField("status_304", cStatus304),
	intField("status_400", cStatus400),
	intField("status_401", cStatus401),
	intField("status_403", cStatus403),
	intField("status_404", cStatus404),
	intField("status_416", cStatus416),
	intField("status_429", cStatus429),
	intField("status_500", cStatus500),
	intField("status_501", cStatus501),
	intField("status_502", cStatus502),
	intField("status_503", cStatus503),
	intField("status_504", cStatus504),
	intField("status_505", cStatus505),
	intField("edge_requests", cRequests),
	intField("edge_hit_requests", cHits),
	intField("edge_miss_requests", cMiss),
	intField("edge_resp_header_bytes", cRespHeaderBytes),
	intField("edge_resp_body_bytes", cRespBodyBytes),
	intField("origin_fetches", cOriginFetches),
	intField("origin_fetch_header_bytes", cBereqHeaderBytes),
	intField("origin_fetch_body_bytes", cBereqBodyBytes),
	intField("origin_fetch_resp_header_bytes", cOriginFetchRespHeaderBytes),
	intField("origin_fetch_resp_body_bytes", cOriginFetchRespBodyBytes),
	{name: "origin_offload", kind: originOffloadField},
	intField("shield", cShield),
	intField("shield_fetches", cShieldFetches),
	intField("tls", cTLS),
	intField("tls_v12", cTLSv12),
	intField("tls_v13", cTLSv13),
	intField("http2", cHTTP2),
	intField("http3", cHTTP3),
	intField("ipv6", cIPv6),
	intField("recv_sub_count", cRecvSubCount),
	floatField("recv_sub_time", cRecvSubTimeNanos, nanosPerSecond),
	intField("deliver_sub_count", cDeliverSubCount),
	floatField("deliver_sub_time", cDeliverSubTimeNanos, nanosPerSecond),
	intField("compute_requests", cComputeRequests),
	floatField("compute_execution_time_ms", cComputeExecutionMicros, microsPerMilli),
	floatField("compute_request_time_ms", cComputeRequestMicros, microsPerMilli),
	intField("compute_resp_status_1xx", cComputeRespStatus1xx),
	intField("compute_resp_status_2xx", cComputeRespStatus2xx),
	intField("compute_resp_status_3xx", cComputeRespStatus3xx),
	intField("compute_resp_status_4xx", cComputeRespStatus4xx),
	intField("compute_resp_status_5xx", cComputeRespStatus5xx),
	intField("compute_resp_header_bytes", cComputeRespHeaderBytes),
	intField("compute_resp_body_bytes", cComputeRespBodyBytes),
	intField("compute_bereq_header_bytes", cComputeBereqHeaderBytes),
	intField("compute_bereq_body_bytes", cComputeBereqBodyBytes),
	intField("compute_bereqs", cComputeBereqs),
	intField("all_status_1xx", cAllStatus1xx),
	intField("all_status_2xx", cAllStatus2xx),
	intField("all_status_3xx", cAllStatus3xx),
	intField("all_status_4xx", cAllStatus4xx),
	intField("all_status_5xx", cAllStatus5xx),
	intField("blacklist", cZero),
	intField("orig_req_header_size", cBereqHeaderBytes),
})

var fieldsByName = indexFields(fields)

func sortedFields(list []field) []field {
	sort.Slice(list, func(i, j int) bool { return list[i].name < list[j].name })
	return list
}

func indexFields(list []field) map[string]field {
	byName := make(map[string]field, len(list))
	for _, f := range list {
		byName[f.name] = f
	}
	return byName
}

// value returns the field's value in c; ok is false when the value is null (a ratio with nothing to divide).
func (f field) value(c *counters) (v float64, ok bool) {
	switch f.kind {
	case scaledField:
		return float64(c[f.src]) / f.divisor, true
	case hitRatioField:
		return ratio(c[cHits], c[cHits]+c[cMiss])
	case originOffloadField:
		edge := c[cRespHeaderBytes] + c[cRespBodyBytes]
		origin := c[cOriginFetchRespHeaderBytes] + c[cOriginFetchRespBodyBytes]
		return ratio(edge-origin, edge)
	default:
		return float64(c[f.src]), true
	}
}

func ratio(numerator, denominator int64) (float64, bool) {
	if denominator == 0 {
		return 0, false
	}
	return float64(numerator) / float64(denominator), true
}

// appendJSON appends the field's JSON value: integers as integers, floats as floats, null ratios as null.
func (f field) appendJSON(b []byte, c *counters) []byte {
	if f.kind == integerField {
		return strconv.AppendInt(b, c[f.src], 10)
	}
	v, ok := f.value(c)
	if !ok {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'f', -1, 64)
}
