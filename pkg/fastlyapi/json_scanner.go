package fastlyapi

import "bytes"

// scanner walks a JSON document byte by byte; it validates structure as it skips values.
type scanner struct {
	b   []byte
	pos int
}

func (s *scanner) more() bool { return s.pos < len(s.b) }
func (s *scanner) peek() byte { return s.b[s.pos] }

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

// str reads the string at the cursor and returns its raw contents.
func (s *scanner) str() (raw []byte, escaped, ok bool) {
	start := s.pos + 1
	if j := bytes.IndexByte(s.b[start:], '"'); j >= 0 && bytes.IndexByte(s.b[start:start+j], '\\') < 0 {
		s.pos = start + j + 1
		return s.b[start : start+j], false, true
	}
	for i := start; i < len(s.b); i++ {
		switch s.b[i] {
		case '\\':
			escaped = true
			i++
		case '"':
			s.pos = i + 1
			return s.b[start:i], escaped, true
		}
	}
	s.pos = len(s.b)
	return nil, false, false
}

// number returns the bytes of the number at the cursor.
func (s *scanner) number() []byte {
	start := s.pos
	for s.pos < len(s.b) {
		switch c := s.b[s.pos]; {
		case c >= '0' && c <= '9', c == '-', c == '+', c == '.', c == 'e', c == 'E':
			s.pos++
		default:
			return s.b[start:s.pos]
		}
	}
	return s.b[start:s.pos]
}

func (s *scanner) literal(word string) bool {
	if !bytes.HasPrefix(s.b[s.pos:], []byte(word)) {
		return false
	}
	s.pos += len(word)
	return true
}

// skipValue moves past the value at the cursor.
func (s *scanner) skipValue() bool {
	if s.skipSpace(); !s.more() {
		return false
	}
	switch c := s.peek(); {
	case c == '"':
		_, _, ok := s.str()
		return ok
	case c == '{' || c == '[':
		return s.skipContainer()
	case c == 't':
		return s.literal("true")
	case c == 'f':
		return s.literal("false")
	case c == 'n':
		return s.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return len(s.number()) > 0
	}
	return false
}

// skipContainer moves past a nested object or array, respecting strings.
func (s *scanner) skipContainer() bool {
	depth := 0
	for s.pos < len(s.b) {
		switch s.b[s.pos] {
		case '"':
			if _, _, ok := s.str(); !ok {
				return false
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.pos++
				return true
			}
		}
		s.pos++
	}
	return false
}
