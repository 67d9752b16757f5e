package fastlyapi

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// EnvelopeError is a 2xx answer whose JSON envelope reports a failure: {"status":"error","msg":...}.
type EnvelopeError struct {
	Path    string
	Message string
}

func (e *EnvelopeError) Error() string {
	return fmt.Sprintf("Fastly reported an error for %s: %s", e.Path, e.Message)
}

// envelopeReaders read the members of Fastly's status envelope {"data", "meta", "status", "msg"} at the cursor.
type envelopeReaders struct {
	data  func() error // reads "data"; never called for a null or missing "data", which is an empty answer
	other func(key []byte) error
}

// readEnvelope reads the status envelope of the stats, usage, inspector and observability endpoints. A status other than "success" is an EnvelopeError with Fastly's msg; "data" null or missing
// under a success status is an empty answer, not an error; neither status nor data is not an envelope.
func (r *jsonReader) readEnvelope(readers envelopeReaders) error {
	if !r.s.at('{') {
		if err := r.skip(); err != nil {
			return err
		}
		return r.fail("expected a JSON object")
	}
	var status, msg string
	var statusSeen, dataSeen bool
	err := r.eachMember(func(key []byte) error {
		switch string(key) {
		case "data":
			dataSeen = true
			if r.s.at('n') {
				return r.skip()
			}
			return readers.data()
		case "status":
			statusSeen = true
			return r.readText(&status)
		case "msg":
			return r.readText(&msg)
		}
		if readers.other != nil {
			return readers.other(key)
		}
		return r.skip()
	})
	if err == nil {
		err = r.end()
	}
	switch {
	case err != nil:
		return err
	case statusSeen && status != "success":
		return &EnvelopeError{Path: r.path, Message: orDefaultText(msg, "status "+strconv.Quote(status))}
	case !statusSeen && !dataSeen:
		return r.fail(`neither "status" nor "data" in the response`)
	}
	return nil
}

// DecodeEnvelope reads Fastly's status envelope and decodes its "data" into dst with encoding/json: the decoding
// for small bodies of any shape. A null, missing or [] "data" leaves dst untouched (an empty answer; [] also stands
// for an empty object).
func DecodeEnvelope(body []byte, path string, dst any) error {
	r := &jsonReader{s: scanner{b: body}, path: path}
	return r.readEnvelope(envelopeReaders{data: func() error {
		raw, err := r.rawValue()
		if err != nil || isEmptyArray(raw) {
			return err
		}
		if err := json.Unmarshal(raw, dst); err != nil {
			return r.fail("data: " + err.Error())
		}
		return nil
	}})
}

// rawValue moves past the value at the cursor and returns its bytes.
func (r *jsonReader) rawValue() ([]byte, error) {
	r.s.skipSpace()
	start := r.s.pos
	if err := r.skip(); err != nil {
		return nil, err
	}
	return r.s.b[start:r.s.pos], nil
}

// isEmptyArray tells whether raw is [] with any spaces inside.
func isEmptyArray(raw []byte) bool {
	s := scanner{b: raw}
	if !s.at('[') {
		return false
	}
	s.pos++
	return s.at(']')
}

func orDefaultText(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
