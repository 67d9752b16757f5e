package simulator

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// logOperators are the filter operators the live API accepts; gt, gte, lt and lte compare numbers.
var logOperators = map[string]bool{
	"eq": true, "in": true, "contains": true, "ends-with": true, "gt": true, "gte": true, "lt": true, "lte": true,
}

// logFieldAliases are other names the API accepts for a filter field.
var logFieldAliases = map[string]string{"domain": "request_host"}

// logFilter is one filter[<field>][<op>]=<value> (or filter[<field>]=<value>, op eq) test.
type logFilter struct {
	name   string // the field as sent
	field  *logField
	op     string
	raw    string
	values []string // eq and in: normalised like logField.value, one or the comma-separated list of in
	number float64  // gt, gte, lt, lte
}

// parseLogFilters reads every filter[...] parameter, sorted by key.
func parseLogFilters(params url.Values) ([]logFilter, *badParam) {
	keys := make([]string, 0, len(params))
	for key := range params {
		if strings.HasPrefix(key, "filter[") {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	var filters []logFilter
	for _, key := range keys {
		name, op, ok := splitFilterKey(key)
		if !ok {
			return nil, &badParam{key, "a filter is written filter[<field>][<operator>]"}
		}
		for _, value := range params[key] {
			f, bad := newLogFilter(key, name, op, value)
			if bad != nil {
				return nil, bad
			}
			filters = append(filters, f)
		}
	}
	return filters, nil
}

// splitFilterKey splits filter[<field>] or filter[<field>][<op>].
func splitFilterKey(key string) (name, op string, ok bool) {
	rest := strings.TrimPrefix(key, "filter[")
	name, rest, ok = strings.Cut(rest, "]")
	switch {
	case !ok || name == "":
		return "", "", false
	case rest == "":
		return name, "eq", true
	case strings.HasPrefix(rest, "[") && strings.HasSuffix(rest, "]"):
		return name, rest[1 : len(rest)-1], true
	}
	return "", "", false
}

func newLogFilter(key, name, op, raw string) (logFilter, *badParam) {
	f := logFilter{name: name, op: op, raw: raw}
	canonical := name
	if alias, ok := logFieldAliases[name]; ok {
		canonical = alias
	}
	field, known := logFieldsByName[canonical]
	switch {
	case strings.HasPrefix(name, "fastly_is_"):
		return f, &badParam{key, "filter field '" + name + "' is not supported; use '" + strings.TrimPrefix(name, "fastly_") + "'"}
	case !known:
		return f, &badParam{key, "unknown filter field '" + name + "'"}
	case !field.filterable:
		return f, &badParam{key, "field '" + name + "' cannot be filtered on"}
	case !logOperators[op]:
		return f, &badParam{key, "unknown filter operator '" + op + "'"}
	}
	f.field = field
	return f, f.parseValue(key)
}

// parseValue normalises the value for the field's kind and checks the operator fits it.
func (f *logFilter) parseValue(key string) *badParam {
	switch f.op {
	case "gt", "gte", "lt", "lte":
		if f.field.kind != logInteger && f.field.kind != logDecimal {
			return &badParam{key, "operator '" + f.op + "' needs a numeric field, not '" + f.name + "'"}
		}
		n, err := strconv.ParseFloat(f.raw, 64)
		if err != nil {
			return &badParam{key, "'" + f.raw + "' is not a number"}
		}
		f.number = n
		return nil
	case "contains", "ends-with":
		return nil
	}
	list := []string{f.raw}
	if f.op == "in" {
		list = strings.Split(f.raw, ",")
	}
	for _, v := range list {
		normal, bad := normaliseValue(f.field, key, v)
		if bad != nil {
			return bad
		}
		f.values = append(f.values, normal)
	}
	return nil
}

func normaliseValue(field *logField, key, v string) (string, *badParam) {
	switch field.kind {
	case logInteger, logDecimal:
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return "", &badParam{key, "'" + v + "' is not a number"}
		}
		return formatNumber(n), nil
	case logBool:
		b, err := strconv.ParseBool(v)
		if err != nil {
			return "", &badParam{key, "'" + v + "' is not a boolean"}
		}
		return strconv.FormatBool(b), nil
	}
	return v, nil
}

// match reports whether rec passes the filter.
func (f *logFilter) match(s *Simulator, rec *logRecord) bool {
	switch f.op {
	case "gt":
		return f.field.number(rec) > f.number
	case "gte":
		return f.field.number(rec) >= f.number
	case "lt":
		return f.field.number(rec) < f.number
	case "lte":
		return f.field.number(rec) <= f.number
	}
	value := f.field.value(s, rec)
	switch f.op {
	case "contains":
		return strings.Contains(value, f.raw)
	case "ends-with":
		return strings.HasSuffix(value, f.raw)
	}
	for _, v := range f.values {
		if value == v {
			return true
		}
	}
	return false
}

// echo is the filter as the response's field_filters show it: the value typed as the API parsed it.
func (f *logFilter) echo() map[string]any {
	var value any = f.raw
	switch {
	case f.op == "gt" || f.op == "gte" || f.op == "lt" || f.op == "lte":
		value = f.number
	case f.op == "eq" && (f.field.kind == logInteger || f.field.kind == logDecimal):
		value, _ = strconv.ParseFloat(f.values[0], 64)
	case f.op == "eq" && f.field.kind == logBool:
		value = f.values[0] == "true"
	}
	return map[string]any{"field": f.name, "operator": f.op, "value": value}
}

func echoFilters(filters []logFilter) []map[string]any {
	out := make([]map[string]any, 0, len(filters))
	for i := range filters {
		out = append(out, filters[i].echo())
	}
	return out
}

// matches reports whether rec passes every filter (they combine with AND).
func (q *logRequest) matches(s *Simulator, rec *logRecord) bool {
	for i := range q.filters {
		if !q.filters[i].match(s, rec) {
			return false
		}
	}
	return true
}
