package logs

import (
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// dropExcluded keeps the records no neq filter matches; it returns them (a new slice when any is dropped) and how
// many were dropped. A record without the field, or whose JSON cannot be read, is kept.
func dropExcluded(records []fastlyapi.LogRecord, neq []query.LogFilter) ([]fastlyapi.LogRecord, int) {
	if len(neq) == 0 {
		return records, 0
	}
	var rd fastlyapi.LogRecordReader
	kept := make([]fastlyapi.LogRecord, 0, len(records))
	for _, r := range records {
		if !excluded(&rd, r, neq) {
			kept = append(kept, r)
		}
	}
	return kept, len(records) - len(kept)
}

// excluded tells whether any neq filter matches the record.
func excluded(rd *fastlyapi.LogRecordReader, r fastlyapi.LogRecord, neq []query.LogFilter) bool {
	if !rd.Load(r) {
		return false
	}
	for _, f := range neq {
		if rd.FieldEquals(f.Field, string(f.Value)) {
			return true
		}
	}
	return false
}
