package fastlyapi

import (
	"context"
	"encoding/json"
	"time"
)

// Version is one configuration version of a service, from GET /service/{id}/version.
type Version struct {
	Number    int       `json:"number"`
	Active    bool      `json:"active"`
	Deployed  bool      `json:"deployed"`
	Comment   string    `json:"comment"`
	ServiceID string    `json:"service_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// VersionsPath is the path listing a service's versions.
func VersionsPath(serviceID string) string { return "/service/" + pathEscape(serviceID) + "/version" }

// Versions lists every version of a service (a bare JSON array, no pagination).
func (c *Client) Versions(ctx context.Context, serviceID string) ([]Version, error) {
	path := VersionsPath(serviceID)
	body, _, err := c.get(ctx, path, nil)
	if err != nil {
		return nil, err
	}
	return DecodeVersions(body, path)
}

// DecodeVersions reads the answer of GET /service/{id}/version. Times are UTC; a null time stays zero.
func DecodeVersions(body []byte, path string) ([]Version, error) {
	var versions []Version
	if err := json.Unmarshal(body, &versions); err != nil {
		return nil, &DecodeError{Path: path, Reason: err.Error()}
	}
	for i := range versions {
		versions[i].CreatedAt = versions[i].CreatedAt.UTC()
		versions[i].UpdatedAt = versions[i].UpdatedAt.UTC()
	}
	return versions, nil
}
