package fastlyapi

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"time"
)

// LogExplorerPageLimit is the most records Fastly returns in one Log Explorer page.
const LogExplorerPageLimit = 100

// LogRecordsRequest is one page of /observability/log-explorer.
type LogRecordsRequest struct {
	ServiceID  string
	Start, End time.Time // start inclusive, end exclusive
	Filters    []LogFilter
	Limit      int    // records in the page, at most LogExplorerPageLimit; 0 = LogExplorerPageLimit
	Cursor     string // the previous page's NextCursor; "" = the first page
}

// Path is the API path the request calls.
func (r LogRecordsRequest) Path() string { return LogExplorerPath }

// Params are the query parameters the request sends; limit is always sent because the spec and the live API
// disagree on its default.
func (r LogRecordsRequest) Params() url.Values {
	p := url.Values{}
	p.Set("service_id", r.ServiceID)
	p.Set("start", wireTime(r.Start))
	p.Set("end", wireTime(r.End))
	p.Set("limit", strconv.Itoa(min(orDefault(r.Limit, LogExplorerPageLimit), LogExplorerPageLimit)))
	if r.Cursor != "" {
		p.Set("next_cursor", r.Cursor)
	}
	addLogFilters(p, r.Filters)
	return p
}

// String renders the call for ExecutedQueryString.
func (r LogRecordsRequest) String() string { return DescribeCall(r.Path(), r.Params()) }

// LogRecord is one sampled request: the fields the plugin reads, typed, and the whole record as Fastly sent it.
type LogRecord struct {
	Time                    time.Time // timestamp, UTC
	Status                  int       // response_status; 0 when absent
	Method, Host, Path, Pop string    // request_method, request_host, request_path, fastly_pop
	CacheState              string    // response_state, else response_x_cache
	ResponseTime            float64   // response_time in seconds; 0 when absent
	HasResponseTime         bool      // response_time was a number (a record without one is not a 0 s response)
	Raw                     []byte    // the record's JSON object as sent, every field kept; shares the page's body
}

// LogRecordsPage is one decoded Log Explorer page.
type LogRecordsPage struct {
	Records    []LogRecord // nil when Fastly sent data null
	NextCursor string      // "" when this was the last page
}

// LogRecords fetches and decodes one Log Explorer page.
func (c *Client) LogRecords(ctx context.Context, r LogRecordsRequest) (LogRecordsPage, error) {
	body, _, err := c.get(ctx, r.Path(), r.Params())
	if err != nil {
		return LogRecordsPage{}, err
	}
	return DecodeLogRecords(body, r.Path())
}

// logPageReader reads a Log Explorer body in one pass, slicing each record's bytes out of the body.
type logPageReader struct {
	jsonReader
	filtersCursor, metaCursor string // meta.filters.next_cursor (spec and live) and meta.next_cursor (go-fastly)
}

// DecodeLogRecords decodes a Log Explorer page: records from "data" (null = none), the cursor from
// meta.filters.next_cursor, else meta.next_cursor.
func DecodeLogRecords(body []byte, path string) (LogRecordsPage, error) {
	r := &logPageReader{jsonReader: jsonReader{s: scanner{b: body}, path: path}}
	var page LogRecordsPage
	if !r.s.at('{') {
		return page, r.fail("the response is not a JSON object")
	}
	sawData := false
	err := r.eachMember(func(key []byte) error {
		switch string(key) {
		case "data":
			if sawData {
				return r.skip() // the first of repeated keys counts
			}
			sawData = true
			return r.records(&page.Records)
		case "meta":
			return r.meta()
		}
		return r.skip()
	})
	if err == nil {
		err = r.end()
	}
	if err == nil && !sawData {
		err = r.fail(`no "data" in the answer`)
	}
	if err != nil {
		return LogRecordsPage{}, err
	}
	page.NextCursor = r.filtersCursor
	if page.NextCursor == "" {
		page.NextCursor = r.metaCursor
	}
	return page, nil
}

// records reads the data list; null is no records.
func (r *logPageReader) records(dst *[]LogRecord) error {
	if r.s.at('n') {
		return r.skip()
	}
	if !r.s.at('[') {
		return r.fail(`"data" is neither a list of log records nor null`)
	}
	return r.eachElement(func() error {
		if !r.s.at('{') {
			return r.fail("a log record is not a JSON object")
		}
		start := r.s.pos
		rec, err := r.record()
		if err != nil {
			return err
		}
		rec.Raw = r.s.b[start:r.s.pos:r.s.pos]
		*dst = append(*dst, rec)
		return nil
	})
}

// record reads the typed fields of the record at the cursor and moves past the others.
func (r *logPageReader) record() (LogRecord, error) {
	var rec LogRecord
	var stamp, xCache string
	err := r.eachMember(func(key []byte) error {
		switch string(key) {
		case "timestamp":
			return r.readText(&stamp)
		case "response_status":
			v, _, err := r.readLenientNumber()
			rec.Status = int(v)
			return err
		case "response_time":
			v, ok, err := r.readLenientNumber()
			rec.ResponseTime, rec.HasResponseTime = v, ok
			return err
		case "request_method":
			return r.readText(&rec.Method)
		case "request_host":
			return r.readText(&rec.Host)
		case "request_path":
			return r.readText(&rec.Path)
		case "fastly_pop":
			return r.readText(&rec.Pop)
		case "response_state":
			return r.readText(&rec.CacheState)
		case "response_x_cache":
			return r.readText(&xCache)
		}
		return r.skip()
	})
	if err != nil {
		return rec, err
	}
	if rec.CacheState == "" {
		rec.CacheState = xCache
	}
	if stamp == "" {
		return rec, r.fail(`a log record has no "timestamp"`)
	}
	t, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return rec, r.fail(fmt.Sprintf("a log record's timestamp %.40q is not an RFC 3339 time", stamp))
	}
	rec.Time = t.UTC()
	return rec, nil
}

// readLenientNumber reads a number, or a string holding one, and says whether there was one; unlike the strict
// jsonReader.readNumber of stats, null, other values and unreadable text are 0 and false, never an error.
func (r *logPageReader) readLenientNumber() (float64, bool, error) {
	var raw []byte
	switch {
	case r.s.at('"'):
		text, err := r.key()
		if err != nil {
			return 0, false, err
		}
		raw = text
	case r.s.more() && (r.s.peek() == '-' || r.s.peek() >= '0' && r.s.peek() <= '9'):
		num, ok := r.s.number()
		if !ok {
			return 0, false, r.invalid()
		}
		raw = num
	default:
		return 0, false, r.skip()
	}
	v, err := parseNumber(raw)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false, nil
	}
	return v, true, nil
}

// meta reads the cursor from meta.filters.next_cursor and meta.next_cursor; everything else is moved past.
func (r *logPageReader) meta() error {
	if !r.s.at('{') {
		return r.skip()
	}
	return r.eachMember(func(key []byte) error {
		switch string(key) {
		case "next_cursor":
			return r.readText(&r.metaCursor)
		case "filters":
			return r.filters()
		}
		return r.skip()
	})
}

func (r *logPageReader) filters() error {
	if !r.s.at('{') {
		return r.skip()
	}
	return r.eachMember(func(key []byte) error {
		if string(key) == "next_cursor" {
			return r.readText(&r.filtersCursor)
		}
		return r.skip()
	})
}
