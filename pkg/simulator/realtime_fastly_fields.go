package simulator

import "strconv"

// fastlyField is one of the 39 fields of every POP record in Fastly's recorded real-time answer, in its order.
type fastlyField int

const (
	fRequests fastlyField = iota
	fTLS
	fRespHeaderBytes
	fHeaderSize
	fRespBodyBytes
	fBodySize
	fReqHeaderBytes
	fReqBodyBytes
	fStatus2xx
	fStatus200
	fHits
	fMiss
	fPass
	fSynth
	fErrors
	fHitsTime
	fMissTime
	fMissHistogram
	fTLSv12
	fObjectSize100k
	fRecvSubTime
	fRecvSubCount
	fHashSubTime
	fHashSubCount
	fMissSubTime
	fMissSubCount
	fDeliverSubTime
	fDeliverSubCount
	fPrehashSubTime
	fPrehashSubCount
	fPredeliverSubTime
	fPredeliverSubCount
	fHitRespBodyBytes
	fEdgeRequests
	fEdgeRespHeaderBytes
	fEdgeRespBodyBytes
	fComputeExecutionTimeMs
	fComputeRequestTimeBilledMs
	fComputeRequestTimeMs
	fastlyFieldCount
)

var fastlyFieldNames = [fastlyFieldCount]string{
	fRequests: "requests", fTLS: "tls", fRespHeaderBytes: "resp_header_bytes", fHeaderSize: "header_size",
	fRespBodyBytes: "resp_body_bytes", fBodySize: "body_size", fReqHeaderBytes: "req_header_bytes",
	fReqBodyBytes: "req_body_bytes", fStatus2xx: "status_2xx", fStatus200: "status_200", fHits: "hits",
	fMiss: "miss", fPass: "pass", fSynth: "synth", fErrors: "errors", fHitsTime: "hits_time",
	fMissTime: "miss_time", fMissHistogram: "miss_histogram", fTLSv12: "tls_v12",
	fObjectSize100k: "object_size_100k", fRecvSubTime: "recv_sub_time", fRecvSubCount: "recv_sub_count",
	fHashSubTime: "hash_sub_time", fHashSubCount: "hash_sub_count", fMissSubTime: "miss_sub_time",
	fMissSubCount: "miss_sub_count", fDeliverSubTime: "deliver_sub_time", fDeliverSubCount: "deliver_sub_count",
	fPrehashSubTime: "prehash_sub_time", fPrehashSubCount: "prehash_sub_count",
	fPredeliverSubTime: "predeliver_sub_time", fPredeliverSubCount: "predeliver_sub_count",
	fHitRespBodyBytes: "hit_resp_body_bytes", fEdgeRequests: "edge_requests",
	fEdgeRespHeaderBytes: "edge_resp_header_bytes", fEdgeRespBodyBytes: "edge_resp_body_bytes",
	fComputeExecutionTimeMs: "compute_execution_time_ms", fComputeRequestTimeBilledMs: "compute_request_time_billed_ms",
	fComputeRequestTimeMs: "compute_request_time_ms",
}

// fastlyFieldKeys are the fields' JSON keys with their colon, ready to append.
var fastlyFieldKeys = func() (keys [fastlyFieldCount][]byte) {
	for f, name := range fastlyFieldNames {
		keys[f] = []byte(`"` + name + `":`)
	}
	return keys
}()

func fastlyFieldNamed(name string) (fastlyField, bool) {
	for f, n := range fastlyFieldNames {
		if n == name {
			return fastlyField(f), true
		}
	}
	return 0, false
}

// modelCumulative is how much of each field that is a model counter the first j of a region minute's total requests
// carry (hits_time and miss_time in microseconds, compute times in whole milliseconds). Every field follows the one
// it belongs to, so any slice of the requests is coherent: hits + miss + pass + synth + errors = requests, misses
// carry the miss time, status_200 lies within status_2xx, and so on.
func modelCumulative(c *counters, j, total int64) (v [fastlyFieldCount]int64) {
	requests := within(c[cRequests], j, total)
	v[fRequests], v[fEdgeRequests] = requests, requests
	rest, restTotal := requests, c[cRequests]
	for _, k := range []struct {
		field fastlyField
		src   counter
	}{{fHits, cHits}, {fMiss, cMiss}, {fPass, cPass}, {fSynth, cSynth}} {
		v[k.field] = within(c[k.src], rest, restTotal)
		rest, restTotal = rest-v[k.field], restTotal-c[k.src]
	}
	v[fErrors] = rest
	v[fHitsTime] = within(c[cHitsTimeMicros], v[fHits], c[cHits])
	v[fMissTime] = within(c[cMissTimeMicros], v[fMiss], c[cMiss])
	v[fStatus2xx] = within(c[cStatus2xx], requests, c[cRequests])
	v[fStatus200] = within(c[cStatus200], v[fStatus2xx], c[cStatus2xx])
	v[fTLS] = within(c[cTLS], requests, c[cRequests])
	v[fTLSv12] = within(c[cTLSv12], v[fTLS], c[cTLS])
	v[fRespHeaderBytes] = within(c[cRespHeaderBytes], requests, c[cRequests])
	v[fHeaderSize], v[fEdgeRespHeaderBytes] = v[fRespHeaderBytes], v[fRespHeaderBytes]
	v[fRespBodyBytes] = within(c[cRespBodyBytes], requests, c[cRequests])
	v[fBodySize], v[fEdgeRespBodyBytes] = v[fRespBodyBytes], v[fRespBodyBytes]
	v[fReqHeaderBytes] = within(c[cReqHeaderBytes], requests, c[cRequests])
	v[fReqBodyBytes] = within(c[cReqBodyBytes], requests, c[cRequests])
	v[fRecvSubCount] = within(c[cRecvSubCount], requests, c[cRequests])
	v[fRecvSubTime] = within(c[cRecvSubTimeNanos], v[fRecvSubCount], c[cRecvSubCount])
	v[fDeliverSubCount] = within(c[cDeliverSubCount], requests, c[cRequests])
	v[fDeliverSubTime] = within(c[cDeliverSubTimeNanos], v[fDeliverSubCount], c[cDeliverSubCount])
	compute := within(c[cComputeRequests], j, total)
	v[fComputeExecutionTimeMs] = within(c[cComputeExecutionMicros]/microsPerMilli, compute, c[cComputeRequests])
	v[fComputeRequestTimeMs] = within(c[cComputeRequestMicros]/microsPerMilli, compute, c[cComputeRequests])
	return v
}

// modelFields are the fields modelCumulative fills; derive fills the others.
var modelFields = []fastlyField{
	fRequests, fTLS, fRespHeaderBytes, fHeaderSize, fRespBodyBytes, fBodySize, fReqHeaderBytes, fReqBodyBytes,
	fStatus2xx, fStatus200, fHits, fMiss, fPass, fSynth, fErrors, fHitsTime, fMissTime, fTLSv12, fRecvSubTime,
	fRecvSubCount, fDeliverSubTime, fDeliverSubCount, fEdgeRequests, fEdgeRespHeaderBytes, fEdgeRespBodyBytes,
	fComputeExecutionTimeMs, fComputeRequestTimeMs,
}

// within is v's share of the first part of a whole (part <= whole), rounded down; 0 when whole is 0.
func within(v, part, whole int64) int64 {
	if whole == 0 {
		return 0
	}
	return mulDiv(v, part, whole)
}

// fastlyMeasurements are one record's 39 fields (hits_time and miss_time in microseconds) and miss histogram.
type fastlyMeasurements struct {
	v    [fastlyFieldCount]int64
	hist missHistogram
}

func (m *fastlyMeasurements) add(o *fastlyMeasurements) {
	for i := range m.v {
		m.v[i] += o.v[i]
	}
	if o.v[fMiss] > 0 {
		m.hist.add(&o.hist)
	}
}

// fill sets m to the slice (from, to] of a region minute's total requests: the model fields the slice carries, then
// the derived ones, drawn from r.
func (m *fastlyMeasurements) fill(c *counters, from, to, total int64, r rng) {
	lo, hi := modelCumulative(c, from, total), modelCumulative(c, to, total)
	for _, f := range modelFields {
		m.v[f] = hi[f] - lo[f]
	}
	m.hist = missHistogram{}
	m.derive(&r)
}

// derive fills the fields that are not model counters from the model ones, with draws from r.
func (m *fastlyMeasurements) derive(r *rng) {
	v := &m.v
	v[fObjectSize100k] = portion(v[fRequests], 0.2+0.4*r.float(), r)
	v[fHashSubCount] = v[fRecvSubCount]
	v[fHashSubTime] = perUnit(v[fHashSubCount], 1500, 1000, r)
	v[fMissSubCount] = v[fMiss]
	v[fMissSubTime] = perUnit(v[fMissSubCount], 600, 400, r)
	v[fPrehashSubCount] = v[fRecvSubCount]
	v[fPrehashSubTime] = perUnit(v[fPrehashSubCount], 600, 300, r)
	v[fPredeliverSubCount] = v[fDeliverSubCount]
	v[fPredeliverSubTime] = perUnit(v[fPredeliverSubCount], 600, 300, r)
	v[fHitRespBodyBytes] = 0
	if v[fRequests] > 0 {
		v[fHitRespBodyBytes] = mulDiv(v[fRespBodyBytes], min(v[fHits], v[fRequests]), v[fRequests])
	}
	v[fComputeRequestTimeBilledMs] = -floorTo(-v[fComputeRequestTimeMs], computeBillingStepMs)
	m.hist.fill(v[fMiss], v[fMissTime], r)
}

// computeBillingStepMs is the step Compute request time is billed in.
const computeBillingStepMs = 50

// appendFastlyMeasurements appends m as a JSON object with all 39 keys, zeros included, in the recorded order.
func appendFastlyMeasurements(b []byte, m *fastlyMeasurements) []byte {
	b = append(b, '{')
	for f := range fastlyFieldCount {
		if f > 0 {
			b = append(b, ',')
		}
		b = append(b, fastlyFieldKeys[f]...)
		switch f {
		case fMissHistogram:
			b = m.hist.appendJSON(b)
		case fHitsTime, fMissTime:
			b = strconv.AppendFloat(b, float64(m.v[f])/microsPerSecond, 'f', -1, 64)
		default:
			b = strconv.AppendInt(b, m.v[f], 10)
		}
	}
	return append(b, '}')
}
