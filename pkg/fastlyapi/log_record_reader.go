package fastlyapi

import (
	"strconv"

	"github.com/valyala/fastjson"
)

// LogRecordReader reads fields of log records' raw JSON with one reused parser; not safe for concurrent use.
type LogRecordReader struct {
	p   fastjson.Parser
	doc *fastjson.Value
}

// Load parses the record's raw JSON; false when it cannot be read.
func (r *LogRecordReader) Load(rec LogRecord) bool {
	doc, err := r.p.ParseBytes(rec.Raw)
	r.doc = doc
	return err == nil
}

// FieldEquals tells whether the loaded record's field equals text: numbers by value, booleans and strings as
// written; false when the field is absent or null.
func (r *LogRecordReader) FieldEquals(field, text string) bool {
	if r.doc == nil {
		return false
	}
	v := r.doc.Get(field)
	if v == nil {
		return false
	}
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
