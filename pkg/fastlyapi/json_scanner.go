package fastlyapi

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// maxNesting is how deep objects and arrays may nest, the limit fastjson's parser sets.
const maxNesting = 300

// scanner walks a JSON document byte by byte; every value it moves past is checked against the JSON grammar.
type scanner struct {
	b   []byte
	pos int
}

func (s *scanner) more() bool { return s.pos < len(s.b) }
func (s *scanner) peek() byte { return s.b[s.pos] }

// at tells whether the next byte after spaces is c.
func (s *scanner) at(c byte) bool {
	s.skipSpace()
	return s.more() && s.peek() == c
}

func (s *scanner) errReason() string {
	if !s.more() {
		return "unexpected end"
	}
	return "unexpected " + string(s.b[s.pos])
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case ' ', '\n', '\r', '\t':
			s.pos++
		default:
			return
		}
	}
}

// next consumes ',' (done=false) or the closing byte (done=true) after a member or element.
func (s *scanner) next(closing byte) (done, ok bool) {
	if s.skipSpace(); !s.more() {
		return false, false
	}
	switch s.peek() {
	case ',':
		s.pos++
		return false, true
	case closing:
		s.pos++
		return true, true
	}
	return false, false
}

// nextKey moves to the next member's value of the object at the cursor (first: the cursor is on '{') and returns
// its raw key; done at the closing '}'.
func (s *scanner) nextKey(first bool) (key []byte, escaped, done, ok bool) {
	if first {
		s.pos++ // '{'
		if s.at('}') {
			s.pos++
			return nil, false, true, true
		}
	} else if done, ok = s.next('}'); done || !ok {
		return nil, false, done, ok
	}
	if !s.at('"') {
		return nil, false, false, false
	}
	if key, escaped, ok = s.str(); !ok || !s.at(':') {
		return nil, false, false, false
	}
	s.pos++
	return key, escaped, false, true
}

// nextElement moves to the next element of the array at the cursor (first: the cursor is on '['); done at ']'.
func (s *scanner) nextElement(first bool) (done, ok bool) {
	if !first {
		return s.next(']')
	}
	s.pos++ // '['
	if s.at(']') {
		s.pos++
		return true, true
	}
	return false, true
}

// str reads the string at the cursor and returns its raw contents; control characters and unknown escapes fail.
func (s *scanner) str() (raw []byte, escaped, ok bool) {
	start := s.pos + 1
	for i := start; i < len(s.b); i++ {
		switch c := s.b[i]; {
		case c == '"':
			s.pos = i + 1
			return s.b[start:i], escaped, true
		case c == '\\':
			n := escapeLen(s.b[i+1:])
			if n == 0 {
				s.pos = i
				return nil, false, false
			}
			escaped = true
			i += n
		case c < 0x20:
			s.pos = i
			return nil, false, false
		}
	}
	s.pos = len(s.b)
	return nil, false, false
}

// escapeLen is the length of the escape after a backslash, 0 when it is not one JSON allows.
func escapeLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	switch b[0] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 1
	case 'u':
		if len(b) < 5 {
			return 0
		}
		for _, c := range b[1:5] {
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return 0
			}
		}
		return 5
	}
	return 0
}

// number moves past the JSON number at the cursor and returns its bytes; ok is false when there is none.
func (s *scanner) number() (raw []byte, ok bool) {
	start := s.pos
	s.accept('-')
	if !s.accept('0') && !s.digits() {
		return nil, false
	}
	if s.accept('.') && !s.digits() {
		return nil, false
	}
	if s.accept('e') || s.accept('E') {
		_ = s.accept('+') || s.accept('-')
		if !s.digits() {
			return nil, false
		}
	}
	return s.b[start:s.pos], true
}

// accept consumes c if it is the next byte.
func (s *scanner) accept(c byte) bool {
	if s.more() && s.peek() == c {
		s.pos++
		return true
	}
	return false
}

// digits consumes a run of decimal digits and tells whether there was one.
func (s *scanner) digits() bool {
	start := s.pos
	for s.more() && s.peek() >= '0' && s.peek() <= '9' {
		s.pos++
	}
	return s.pos > start
}

func (s *scanner) literal(word string) bool {
	if !bytes.HasPrefix(s.b[s.pos:], []byte(word)) {
		return false
	}
	s.pos += len(word)
	return true
}

// skipValue moves past the value at the cursor.
func (s *scanner) skipValue() bool { return s.skipNested(0) }

func (s *scanner) skipNested(depth int) bool {
	if s.skipSpace(); !s.more() {
		return false
	}
	switch c := s.peek(); c {
	case '"':
		_, _, ok := s.str()
		return ok
	case '{', '[':
		return depth < maxNesting && s.skipContainer(c == '{', depth+1)
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	}
	_, ok := s.number()
	return ok
}

// skipContainer moves past the object or array at the cursor.
func (s *scanner) skipContainer(object bool, depth int) bool {
	for first := true; ; first = false {
		var done, ok bool
		if object {
			_, _, done, ok = s.nextKey(first)
		} else {
			done, ok = s.nextElement(first)
		}
		if done || !ok {
			return ok
		}
		if !s.skipNested(depth) {
			return false
		}
	}
}

// jsonReader reads one body with a scanner and reports what it cannot read against the request path.
type jsonReader struct {
	s    scanner
	path string
}

func (r *jsonReader) fail(reason string) error { return &DecodeError{Path: r.path, Reason: reason} }

func (r *jsonReader) invalid() error {
	return r.fail(fmt.Sprintf("invalid JSON: %s at offset %d", r.s.errReason(), r.s.pos))
}

func (r *jsonReader) skip() error {
	if !r.s.skipValue() {
		return r.invalid()
	}
	return nil
}

// end checks that only spaces follow the document.
func (r *jsonReader) end() error {
	if r.s.skipSpace(); r.s.more() {
		return r.invalid()
	}
	return nil
}

// key reads a string; escaped strings are unescaped, plain ones are returned without copying.
func (r *jsonReader) key() ([]byte, error) {
	raw, escaped, ok := r.s.str()
	if !ok {
		return nil, r.invalid()
	}
	return r.unescape(raw, escaped)
}

func (r *jsonReader) unescape(raw []byte, escaped bool) ([]byte, error) {
	if !escaped {
		return raw, nil
	}
	var out string
	if err := json.Unmarshal(append(append([]byte{'"'}, raw...), '"'), &out); err != nil {
		return nil, r.invalid()
	}
	return []byte(out), nil
}

// readText reads a string or null (as "") into dst; other values are skipped.
func (r *jsonReader) readText(dst *string) error {
	if r.s.at('"') {
		raw, err := r.key()
		*dst = string(raw)
		return err
	}
	return r.skip()
}

// eachMember calls fn for each key of the object at the cursor, with the cursor on the member's value.
func (r *jsonReader) eachMember(fn func(key []byte) error) error {
	for first := true; ; first = false {
		raw, escaped, done, ok := r.s.nextKey(first)
		if !ok {
			return r.invalid()
		}
		if done {
			return nil
		}
		key, err := r.unescape(raw, escaped)
		if err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
	}
}

// eachElement calls fn for each element of the array at the cursor, with the cursor on the element.
func (r *jsonReader) eachElement(fn func() error) error {
	for first := true; ; first = false {
		done, ok := r.s.nextElement(first)
		if !ok {
			return r.invalid()
		}
		if done {
			return nil
		}
		if err := fn(); err != nil {
			return err
		}
	}
}
