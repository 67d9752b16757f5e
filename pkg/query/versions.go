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
		if err := json.Unmarshal(raw, &q); err != nil {
			return q, invalid("the query is not valid JSON for a versions query: %v", err)
		}
	}
	services, err := ServiceIDs(q.Services)
	if err != nil {
		return q, err
	}
	q.Services = services
	return q, nil
}
