package simulator

import (
	"strconv"
	"time"
	"unicode/utf8"
)

type logFieldKind uint8

const (
	logText logFieldKind = iota
	logInteger
	logDecimal
	logBool
)

// logField is one field of a log record: how to read it, and whether the API filters or groups by it.
type logField struct {
	name       string
	kind       logFieldKind
	text       func(*Simulator, *logRecord) string // logText
	number     func(*logRecord) float64            // logInteger, logDecimal
	flag       func(*logRecord) bool               // logBool
	filterable bool
	groupable  bool
}

const recordTimeLayout = "2006-01-02T15:04:05.000Z07:00"

func textField(name string, filterable, groupable bool, text func(*Simulator, *logRecord) string) logField {
	return logField{name: name, kind: logText, text: text, filterable: filterable, groupable: groupable}
}

func recordText(name string, filterable, groupable bool, text func(*logRecord) string) logField {
	return textField(name, filterable, groupable, func(_ *Simulator, rec *logRecord) string { return text(rec) })
}

func numberField(name string, kind logFieldKind, filterable, groupable bool, number func(*logRecord) float64) logField {
	return logField{name: name, kind: kind, number: number, filterable: filterable, groupable: groupable}
}

func boolField(name string, filterable, groupable bool, flag func(*logRecord) bool) logField {
	return logField{name: name, kind: logBool, flag: flag, filterable: filterable, groupable: groupable}
}

// logFields are the fields of a record in the order they are served: the spec's 28, then fields the live API
// sends beyond the spec.
var logFields = []logField{
	textField("customer_id", false, false, func(*Simulator, *logRecord) string { return customerID }),
	textField("service_id", false, false, func(s *Simulator, rec *logRecord) string { return s.services[rec.service].ID }),
	recordText("timestamp", false, false, func(rec *logRecord) string {
		return time.UnixMilli(rec.ms).UTC().Format(recordTimeLayout)
	}),
	numberField("client_as_number", logInteger, false, true, func(rec *logRecord) float64 { return float64(rec.as.number) }),
	recordText("client_region", false, true, func(rec *logRecord) string { return rec.subdivision }),
	recordText("client_country_code", true, true, func(rec *logRecord) string { return rec.country.code }),
	recordText("client_os_name", true, true, func(rec *logRecord) string { return rec.client.os }),
	recordText("client_device_type", true, true, func(rec *logRecord) string { return rec.client.device }),
	recordText("client_browser_name", true, true, func(rec *logRecord) string { return rec.client.browser }),
	recordText("client_browser_version", false, true, func(rec *logRecord) string { return rec.client.browserVersion }),
	recordText("fastly_pop", true, true, func(rec *logRecord) string { return rec.pop }),
	textField("origin_host", false, false, func(s *Simulator, rec *logRecord) string {
		if rec.origin < 0 {
			return ""
		}
		return s.logSites[rec.service].origins[rec.origin]
	}),
	recordText("request_protocol", false, false, func(rec *logRecord) string { return rec.protocol }),
	textField("request_host", true, true, func(s *Simulator, rec *logRecord) string { return rec.host(&s.logSites[rec.service]) }),
	recordText("request_path", true, true, func(rec *logRecord) string { return rec.page.path }),
	recordText("request_method", true, true, func(rec *logRecord) string { return rec.method }),
	numberField("response_bytes_body", logInteger, false, false, func(rec *logRecord) float64 { return float64(rec.bodyBytes) }),
	numberField("response_bytes_header", logInteger, false, false, func(rec *logRecord) float64 { return float64(rec.headerBytes) }),
	numberField("response_content_length", logInteger, false, false, func(rec *logRecord) float64 {
		return float64(rec.bodyBytes + rec.headerBytes)
	}),
	recordText("response_content_type", false, true, func(rec *logRecord) string { return contentType(rec) }),
	recordText("response_reason", false, true, func(rec *logRecord) string { return rec.reason }),
	recordText("response_state", false, true, func(rec *logRecord) string { return rec.state }),
	numberField("response_status", logInteger, true, false, func(rec *logRecord) float64 { return float64(rec.status) }),
	numberField("response_time", logDecimal, true, false, func(rec *logRecord) float64 { return float64(rec.rtMicros) / microsPerSecond }),
	recordText("response_x_cache", false, true, func(rec *logRecord) string { return xCache(rec) }),
	boolField("is_cache_hit", true, false, func(rec *logRecord) bool { return rec.cacheHit }),
	boolField("is_edge", true, false, func(rec *logRecord) bool { return !rec.shield }),
	boolField("is_shield", true, false, func(rec *logRecord) bool { return rec.shield }),
	recordText("client_os_version", false, false, func(rec *logRecord) string { return rec.client.osVersion }),
	recordText("client_as_name", false, true, func(rec *logRecord) string { return rec.as.name }),
	recordText("client_ip_prefix", false, true, func(rec *logRecord) string { return rec.ipPrefix() }),
	boolField("response_completed", false, true, func(rec *logRecord) bool { return rec.completed }),
	recordText("bot_name", true, false, func(rec *logRecord) string { return rec.client.botName }),
	recordText("bot_category", true, false, func(rec *logRecord) string { return rec.client.botCategory }),
}

var logFieldsByName = func() map[string]*logField {
	m := make(map[string]*logField, len(logFields))
	for i := range logFields {
		m[logFields[i].name] = &logFields[i]
	}
	return m
}()

// Log fields the handlers read directly.
var (
	logFieldStatus      = logFieldsByName["response_status"]
	logFieldContentType = logFieldsByName["response_content_type"]
	logFieldCountry     = logFieldsByName["client_country_code"]
)

func contentType(rec *logRecord) string {
	if rec.status >= 400 {
		return "text/html"
	}
	return rec.page.contentType
}

func xCache(rec *logRecord) string {
	if rec.cacheHit {
		return "HIT"
	}
	return "MISS"
}

// value is the field's value as a string: what filters compare and dimensions show.
func (f *logField) value(s *Simulator, rec *logRecord) string {
	switch f.kind {
	case logText:
		return f.text(s, rec)
	case logBool:
		return strconv.FormatBool(f.flag(rec))
	default:
		return formatNumber(f.number(rec))
	}
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// appendJSON appends the field's value as JSON.
func (f *logField) appendJSON(b []byte, s *Simulator, rec *logRecord) []byte {
	switch f.kind {
	case logText:
		return appendJSONString(b, f.text(s, rec))
	case logBool:
		return strconv.AppendBool(b, f.flag(rec))
	case logInteger:
		return strconv.AppendInt(b, int64(f.number(rec)), 10)
	default:
		return strconv.AppendFloat(b, f.number(rec), 'f', -1, 64)
	}
}

// appendRecordJSON appends the record as the JSON object Log Explorer serves.
func (s *Simulator) appendRecordJSON(b []byte, rec *logRecord) []byte {
	b = append(b, '{')
	for i := range logFields {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendKey(b, logFields[i].name)
		b = logFields[i].appendJSON(b, s, rec)
	}
	return append(b, '}')
}

// appendJSONString appends v as a JSON string.
func appendJSONString(b []byte, v string) []byte {
	b = append(b, '"')
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			r, size := utf8.DecodeRuneInString(v[i:])
			b = utf8.AppendRune(b, r)
			i += size
			continue
		}
		i++
	}
	return append(b, '"')
}
