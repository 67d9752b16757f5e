package query

import "encoding/json"

// Versions is a deploy-annotation query: the activations of the selected services (none = every service).
type Versions struct {
	Services []string `json:"services"`
}

// ParseVersions decodes and validates a versions query.
func ParseVersions(raw json.RawMessage) (Versions, error) {
	var q Versions
	if len(raw) > 0 {
		if err := decodeModel(raw, "a versions", &q); err != nil {
			return q, err
		}
	}
	return q, normalizeServices(&q.Services)
}
