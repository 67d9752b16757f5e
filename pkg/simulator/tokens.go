package simulator

import (
	"net/http"
	"time"
)

// tokenJSON is the body of GET /tokens/self.
type tokenJSON struct {
	ID            string   `json:"id"`
	UserID        string   `json:"user_id"`
	CustomerID    string   `json:"customer_id"`
	Name          string   `json:"name"`
	CreatedAt     string   `json:"created_at"`
	LastUsedAt    string   `json:"last_used_at"`
	ExpiresAt     *string  `json:"expires_at"`
	IP            string   `json:"ip"`
	UserAgent     string   `json:"user_agent"`
	SudoExpiresAt *string  `json:"sudo_expires_at"`
	Scopes        []string `json:"scopes"`
	Scope         string   `json:"scope"`
	Services      []string `json:"services"`
	ServiceID     *string  `json:"service_id"`
}

// serveTokenSelf answers 403 for an unknown token and 401 for an expired one, like the real endpoint.
func (s *Simulator) serveTokenSelf(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Fastly-Key") != s.token {
		writeJSON(w, http.StatusForbidden, messageError{Msg: "Provided credentials are missing or invalid"})
		return
	}
	if s.tokenExpired() {
		writeJSON(w, http.StatusUnauthorized, messageError{Msg: "Token expired"})
		return
	}
	writeJSON(w, http.StatusOK, s.tokenJSON(r.UserAgent()))
}

func (s *Simulator) tokenJSON(userAgent string) tokenJSON {
	now := s.now().UTC().Truncate(time.Second)
	token := tokenJSON{
		ID:         fastlyID("token:" + s.token),
		UserID:     fastlyID("user:simulator"),
		CustomerID: customerID,
		Name:       "Grafana read-only (simulator)",
		CreatedAt:  formatTime(now.AddDate(0, 0, -90).Truncate(time.Hour)),
		LastUsedAt: formatTime(now),
		IP:         "192.0.2.10",
		UserAgent:  userAgent,
		Scopes:     []string{"global:read"},
		Scope:      "global:read",
		Services:   []string{},
	}
	if s.expiresAt != nil {
		expires := formatTime(*s.expiresAt)
		token.ExpiresAt = &expires
	}
	return token
}
