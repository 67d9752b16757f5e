package query

import (
	"regexp"
	"strings"
)

// serviceIDPattern matches Fastly service ids (base62, 22 characters today; a little slack either way).
var serviceIDPattern = regexp.MustCompile(`^[0-9A-Za-z]{16,32}$`)

// normalizeServices replaces a query's service entries by the ids they name.
func normalizeServices(services *[]string) error {
	ids, err := ServiceIDs(*services)
	if err == nil {
		*services = ids
	}
	return err
}

// ServiceIDs splits comma-separated entries, drops blanks and duplicates, and rejects anything that is not a
// Fastly service id (such as a template variable the frontend did not replace).
func ServiceIDs(entries []string) ([]string, error) {
	ids := splitEntries(entries)
	for _, id := range ids {
		if err := checkServiceID(id); err != nil {
			return nil, err
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return ids, nil
}

// splitEntries splits comma-separated entries (a multi-value template variable may arrive as "{a,b}"), trims
// them and drops blanks and repeats, keeping the first order.
func splitEntries(entries []string) List {
	out := List{}
	seen := map[string]bool{}
	for _, e := range entries {
		for _, v := range strings.Split(e, ",") {
			v = strings.Trim(strings.TrimSpace(v), "{}")
			if v != "" && !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func checkServiceID(id string) error {
	if strings.HasPrefix(id, "$") {
		return invalid("the template variable %s was not replaced by a service id; check the dashboard variable", id)
	}
	if !serviceIDPattern.MatchString(id) {
		return invalid("%q is not a Fastly service id (expected 16–32 letters and digits, e.g. SU1Z0isxPaozGVKXdv0eY)", truncate(id, 60))
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
