package simulator

import "time"

// LogSampleOneIn is the simulator's Log Explorer sampling: one request in this many becomes a record.
const LogSampleOneIn = logSampleOneIn

// LogExplorerEnabled tells whether the service has the Log Explorer & Insights product.
func (s *Simulator) LogExplorerEnabled(serviceID string) bool {
	service, ok := s.byID[serviceID]
	return ok && s.logSites[service].enabled
}

// EachLogRecord calls fn with every record of the service in [start, end) that Log Explorer serves at the
// simulator's now, newest first, as its JSON object (valid only during the call), until fn returns false. It is
// the ground truth of the logs endpoints; nothing is called for a service without the product.
func (s *Simulator) EachLogRecord(serviceID string, start, end time.Time, fn func(record []byte) bool) {
	service, ok := s.byID[serviceID]
	if !ok {
		return
	}
	q := logRequest{service: service, start: start, end: end}
	var buf []byte
	s.eachLogRecord(&q, logPosition{}, func(rec *logRecord, _ logPosition) bool {
		buf = s.appendRecordJSON(buf[:0], rec)
		return fn(buf)
	})
}
