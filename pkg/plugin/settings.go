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
	DefaultRealtimeMemoryMB      = 256
	DefaultRealtimeMaxServices   = 100
	DefaultStitchMaxServices     = 20
	DefaultInspectorMaxPages     = 50
	DefaultCacheSizeMB           = 64
	DefaultLogsCacheSizeMB       = 32
	DefaultMaxConcurrentCalls    = 24
	DefaultMaxRetries            = 3
)

// Settings are a datasource's parsed settings; the token stays unexported so it cannot be serialised.
type Settings struct {
	APIURL      string `json:"apiUrl"`
	RealtimeURL string `json:"realtimeUrl"`
	// RealtimeIdleSeconds stops a real-time poller that has had no reader for this long.
	RealtimeIdleSeconds int `json:"realtimeIdleSeconds"`
	// RealtimeBufferMinutes is how much per-second real-time data each service keeps in memory.
	RealtimeBufferMinutes int `json:"realtimeBufferMinutes"`
	// RealtimeMemoryMB bounds the memory of the real-time data of the whole datasource.
	RealtimeMemoryMB int `json:"realtimeMemoryMB"`
	// RealtimeMaxServices bounds the services followed in real time at once.
	RealtimeMaxServices int `json:"realtimeMaxServices"`
	// StitchMaxServices bounds the services a stats query stitches from real-time data (0: stitching off).
	StitchMaxServices int `json:"stitchMaxServices"`
	// InspectorMaxPages caps the pages read from one Origin/Domain Inspector query.
	InspectorMaxPages int `json:"inspectorMaxPages"`
	// CacheSizeMB bounds the cache of finished Historical Stats buckets (0: no cache).
	CacheSizeMB int `json:"cacheSizeMB"`
	// LogsCacheSizeMB bounds the cache of finished-window Log Explorer & Insights answers (0: no cache).
	LogsCacheSizeMB int `json:"logsCacheSizeMB"`
	// MaxConcurrentCalls bounds the concurrent Fastly calls of one datasource.
	MaxConcurrentCalls int `json:"maxConcurrentCalls"`
	// MaxRetries bounds the retries of one idempotent Fastly call after 429, 5xx or transport errors (0: none).
	MaxRetries int `json:"maxRetries"`
	// StitchRealtime lets stats queries start real-time pollers to fill the minutes Fastly has not published yet.
	StitchRealtime bool `json:"stitchRealtime"`
	apiToken       string
}

// plainSettings are the settings that are not whole-number tuning settings.
type plainSettings struct {
	APIURL         string `json:"apiUrl"`
	RealtimeURL    string `json:"realtimeUrl"`
	StitchRealtime *bool  `json:"stitchRealtime"`
}

// LoadSettings parses and validates the instance settings.
func LoadSettings(s backend.DataSourceInstanceSettings) (Settings, error) {
	set := Settings{StitchRealtime: true}
	var plain plainSettings
	raw := map[string]json.RawMessage{}
	if len(s.JSONData) > 0 {
		if err := json.Unmarshal(s.JSONData, &raw); err != nil {
			return set, fmt.Errorf("the datasource settings are not valid JSON: %w", err)
		}
		if err := json.Unmarshal(s.JSONData, &plain); err != nil {
			return set, fmt.Errorf("the datasource settings are not valid: %w", err)
		}
	}
	set.APIURL = orDefault(plain.APIURL, DefaultAPIURL)
	set.RealtimeURL = orDefault(plain.RealtimeURL, DefaultRealtimeURL)
	if plain.StitchRealtime != nil {
		set.StitchRealtime = *plain.StitchRealtime
	}
	set.apiToken = strings.TrimSpace(s.DecryptedSecureJSONData["apiToken"])
	if err := set.applyTuning(raw); err != nil {
		return set, err
	}
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

// applyTuning sets every tuning setting from its raw value, or its default when the key is empty.
func (s *Settings) applyTuning(raw map[string]json.RawMessage) error {
	for _, spec := range tuningSpecs {
		v, err := spec.parse(raw[spec.Key])
		if err != nil {
			return err
		}
		*spec.field(s) = v
	}
	return nil
}

func orDefault(v, def string) string {
	if v = strings.TrimRight(strings.TrimSpace(v), "/"); v != "" {
		return v
	}
	return def
}
