package fastlyapi

import "github.com/valyala/fastjson"

// realtimeBody holds the raw bytes of the top-level members of a validated real-time body, so each record of
// "Data" can be parsed on its own: a 120-second history then never exists as one parse tree.
type realtimeBody struct {
	timestamp, aggregateDelay, errorText, data []byte
	isObject                                   bool
}

// splitRealtimeBody finds the members a real-time answer uses (the first of repeated keys, like fastjson's Get).
func splitRealtimeBody(body []byte) realtimeBody {
	var out realtimeBody
	s := scanner{b: body}
	if s.skipSpace(); !s.more() || s.peek() != '{' {
		return out
	}
	out.isObject = true
	s.pos++
	members := map[string]*[]byte{"Timestamp": &out.timestamp, "AggregateDelay": &out.aggregateDelay, "Error": &out.errorText, "Data": &out.data}
	for {
		if s.skipSpace(); !s.more() || s.peek() != '"' {
			return out
		}
		key, escaped, ok := s.str()
		if s.skipSpace(); !ok || !s.more() || s.peek() != ':' {
			return out
		}
		s.pos++
		s.skipSpace()
		start := s.pos
		if !s.skipValue() {
			return out
		}
		if dst := members[string(key)]; !escaped && dst != nil && *dst == nil {
			*dst = body[start:s.pos]
		}
		if done, ok := s.next('}'); done || !ok {
			return out
		}
	}
}

// arrayElements are the raw elements of a validated JSON array; nil for anything else.
func arrayElements(raw []byte) [][]byte {
	s := scanner{b: raw}
	if !s.more() || s.peek() != '[' {
		return nil
	}
	s.pos++
	var out [][]byte
	for {
		if s.skipSpace(); !s.more() || s.peek() == ']' {
			return out
		}
		start := s.pos
		if !s.skipValue() {
			return out
		}
		out = append(out, raw[start:s.pos])
		if done, ok := s.next(']'); done || !ok {
			return out
		}
	}
}

// parseMember parses one raw member with p (valid until p's next parse); nil when the member is absent.
func parseMember(p *fastjson.Parser, raw []byte) *fastjson.Value {
	if raw == nil {
		return nil
	}
	v, err := p.ParseBytes(raw)
	if err != nil {
		return nil
	}
	return v
}
