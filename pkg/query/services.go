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
	var ids []string
	seen := map[string]bool{}
	for _, entry := range entries {
		for _, id := range strings.Split(entry, ",") {
			id = strings.Trim(strings.TrimSpace(id), "{}")
			if id == "" || seen[id] {
				continue
			}
			if err := checkServiceID(id); err != nil {
				return nil, err
			}
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
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
