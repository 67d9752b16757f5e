package plugin

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// Default Fastly endpoints.
const (
	DefaultAPIURL      = "https://api.fastly.com"
	DefaultRealtimeURL = "https://rt.fastly.com"
)

// Defaults of the tuning settings.
const (
	DefaultRealtimeIdleSeconds   = 300
	DefaultRealtimeBufferMinutes = 15
	DefaultInspectorMaxPages     = 50
	DefaultCacheSizeMB           = 64
	DefaultMaxConcurrentCalls    = 24
	DefaultMaxRetries            = 3
	DefaultRealtimeMaxServices   = 100
	DefaultStitchMaxServices     = 20
)

// Settings are a datasource's parsed settings; the token stays unexported so it cannot be serialised.
type Settings struct {
	APIURL      string `json:"apiUrl"`
	RealtimeURL string `json:"realtimeUrl"`
	// RealtimeIdleSeconds stops a real-time poller that has had no reader for this long.
	RealtimeIdleSeconds int `json:"realtimeIdleSeconds"`
	// RealtimeBufferMinutes is how much per-second real-time data each service keeps in memory.
	RealtimeBufferMinutes int `json:"realtimeBufferMinutes"`
	// InspectorMaxPages caps the pages read from one Origin/Domain Inspector query.
	InspectorMaxPages int `json:"inspectorMaxPages"`
	// CacheSizeMB bounds the cache of finished Historical Stats buckets.
	CacheSizeMB int `json:"cacheSizeMB"`
	// MaxConcurrentCalls bounds the concurrent Fastly calls of one datasource.
	MaxConcurrentCalls int `json:"maxConcurrentCalls"`
	// MaxRetries bounds the retries of one idempotent Fastly call after 429, 5xx or transport errors (-1: none).
	MaxRetries int `json:"maxRetries"`
	// StitchRealtime lets stats queries start real-time pollers to fill the minutes Fastly has not published yet.
	StitchRealtime bool `json:"stitchRealtime"`
	// StitchMaxServices is the most services a stats query may span and still be stitched (0: never stitched).
	StitchMaxServices int `json:"stitchMaxServices"`
	// RealtimeMaxServices bounds the real-time pollers of the datasource.
	RealtimeMaxServices int `json:"realtimeMaxServices"`
	apiToken            string
}

// LoadSettings parses and validates the instance settings.
func LoadSettings(s backend.DataSourceInstanceSettings) (Settings, error) {
	set := Settings{StitchRealtime: true, StitchMaxServices: DefaultStitchMaxServices}
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &set); err != nil {
			return set, fmt.Errorf("the datasource settings are not valid JSON: %w", err)
		}
	}
	set.APIURL = orDefault(set.APIURL, DefaultAPIURL)
	set.RealtimeURL = orDefault(set.RealtimeURL, DefaultRealtimeURL)
	set.applyTuningDefaults()
	set.apiToken = strings.TrimSpace(s.DecryptedSecureJSONData["apiToken"])
	return set, set.Validate()
}

// Validate checks that both URLs are http or https URLs with a host.
func (s Settings) Validate() error {
	for name, raw := range map[string]string{"API URL": s.APIURL, "Real-time URL": s.RealtimeURL} {
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("the %s %q is not valid: use an http:// or https:// URL such as %s", name, raw, DefaultAPIURL)
		}
	}
	return nil
}

// HasToken tells whether an API token is configured.
func (s Settings) HasToken() bool { return s.apiToken != "" }

// redact removes the token from a text that will leave the plugin.
func (s Settings) redact(text string) string {
	if len(s.apiToken) < 4 {
		return text
	}
	return strings.ReplaceAll(text, s.apiToken, "[redacted]")
}

func (s *Settings) applyTuningDefaults() {
	positiveOr(&s.RealtimeIdleSeconds, DefaultRealtimeIdleSeconds)
	positiveOr(&s.RealtimeBufferMinutes, DefaultRealtimeBufferMinutes)
	positiveOr(&s.RealtimeMaxServices, DefaultRealtimeMaxServices)
	s.StitchMaxServices = max(s.StitchMaxServices, 0)
	positiveOr(&s.InspectorMaxPages, DefaultInspectorMaxPages)
	positiveOr(&s.CacheSizeMB, DefaultCacheSizeMB)
	positiveOr(&s.MaxConcurrentCalls, DefaultMaxConcurrentCalls)
	if s.MaxRetries < 0 {
		s.MaxRetries = 0
	} else if s.MaxRetries == 0 {
		s.MaxRetries = DefaultMaxRetries
	}
}

// positiveOr replaces a missing or non-positive setting with its default.
func positiveOr(v *int, def int) {
	if *v <= 0 {
		*v = def
	}
}

func orDefault(v, def string) string {
	if v = strings.TrimRight(strings.TrimSpace(v), "/"); v != "" {
		return v
	}
	return def
}
