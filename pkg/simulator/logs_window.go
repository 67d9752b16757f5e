package simulator

// logWindow is the part of [start, end) that holds records at now, in Unix milliseconds: none older than the
// retention, none newer than the arrival delay. ok is false when nothing is left, or the service has no product.
func (s *Simulator) logWindow(q *logRequest) (from, to int64, ok bool) {
	now := s.now().UnixMilli()
	from = max(q.start.UnixMilli(), now-logRetentionMillis)
	to = min(q.end.UnixMilli(), now-logArrivalMillis)
	return from, to, from < to && s.logSites[q.service].enabled
}

// logPosition is a record's place in a window read newest first: its minute and index in that minute.
type logPosition struct {
	minute int64 // Unix seconds
	index  int
}

// eachLogRecord calls fn with the records of q's window that pass its filters, newest first, from position at
// (the newest when at.minute is 0), until fn returns false.
func (s *Simulator) eachLogRecord(q *logRequest, at logPosition, fn func(rec *logRecord, pos logPosition) bool) {
	from, to, ok := s.logWindow(q)
	if !ok {
		return
	}
	now := s.now().Unix()
	first := floorTo(to-1, 1000*secondsPerMinute) / 1000
	if at.minute != 0 {
		first = min(first, at.minute)
	}
	var buf []logRecord
	for minute := first; minute*1000+1000*secondsPerMinute > from; minute -= secondsPerMinute {
		buf = s.minuteLogRecords(buf, q.service, minute, now)
		for i := range buf {
			rec := &buf[i]
			if minute == at.minute && i < at.index || rec.ms < from || rec.ms >= to || !q.matches(s, rec) {
				continue
			}
			if !fn(rec, logPosition{minute, i}) {
				return
			}
		}
	}
}
