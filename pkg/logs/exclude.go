package logs

import (
	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"strconv"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/valyala/fastjson"
)

// dropExcluded keeps the records no neq filter matches; it returns them (a new slice when any is dropped) and how
// many were dropped. A record without the field, or whose JSON cannot be read, is kept.
func dropExcluded(records []fastlyapi.LogRecord, neq []query.LogFilter) ([]fastlyapi.LogRecord, int) {
	if len(neq) == 0 {
		return records, 0
	}
	var p fastjson.Parser
	kept := make([]fastlyapi.LogRecord, 0, len(records))
	for _, r := range records {
		if !excluded(&p, r.Raw, neq) {
			kept = append(kept, r)
		}
	}
	return kept, len(records) - len(kept)
}

func excluded(p *fastjson.Parser, raw []byte, neq []query.LogFilter) bool {
	v, err := p.ParseBytes(raw)
	if err != nil {
		return false
	}
	for _, f := range neq {
		if field := v.Get(f.Field); field != nil && equalsText(field, string(f.Value)) {
			return true
		}
	}
	return false
}

// equalsText compares a record value with a filter's text: numbers by value, booleans and strings as written.
func equalsText(v *fastjson.Value, text string) bool {
	switch v.Type() {
	case fastjson.TypeString:
		return string(v.GetStringBytes()) == text
	case fastjson.TypeNumber:
		want, err := strconv.ParseFloat(text, 64)
		return err == nil && v.GetFloat64() == want
	case fastjson.TypeTrue:
		return text == "true"
	case fastjson.TypeFalse:
		return text == "false"
	}
	return false
}
