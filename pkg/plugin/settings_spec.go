package plugin

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// settingSpec is one whole-number tuning setting: its jsonData key, editor label, default and range.
type settingSpec struct {
	Key, Label        string
	Default, Min, Max int
	MinusOneMeansZero bool // -1, documented as "none" by earlier versions, is accepted as 0
	field             func(*Settings) *int
}

// tuningSpecs is the table of the whole-number tuning settings, used by the parser and its error text; the editor
// declares the same table in src/types/declarations.ts, and declarations_test.go fails when they differ.
var tuningSpecs = []settingSpec{
	{Key: "realtimeBufferMinutes", Label: "Real-time minutes kept per service", Default: DefaultRealtimeBufferMinutes, Min: 1, Max: 120,
		field: func(s *Settings) *int { return &s.RealtimeBufferMinutes }},
	{Key: "realtimeIdleSeconds", Label: "Stop an unread real-time poller after (seconds)", Default: DefaultRealtimeIdleSeconds, Min: 30, Max: 86400,
		field: func(s *Settings) *int { return &s.RealtimeIdleSeconds }},
	{Key: "realtimeMemoryMB", Label: "Memory for real-time data (MB, whole datasource)", Default: DefaultRealtimeMemoryMB, Min: 16, Max: 65536,
		field: func(s *Settings) *int { return &s.RealtimeMemoryMB }},
	{Key: "realtimeMaxServices", Label: "Services followed in real time at most", Default: DefaultRealtimeMaxServices, Min: 1, Max: 1000,
		field: func(s *Settings) *int { return &s.RealtimeMaxServices }},
	{Key: "stitchMaxServices", Label: "Stitch stats queries over at most N services", Default: DefaultStitchMaxServices, Min: 0, Max: 1000,
		field: func(s *Settings) *int { return &s.StitchMaxServices }},
	{Key: "cacheSizeMB", Label: "Cache of finished Historical Stats buckets (MB)", Default: DefaultCacheSizeMB, Min: 0, Max: 4096,
		field: func(s *Settings) *int { return &s.CacheSizeMB }},
	{Key: "logsCacheSizeMB", Label: "Cache of finished Log Explorer & Insights answers (MB)", Default: DefaultLogsCacheSizeMB, Min: 0, Max: 1024,
		field: func(s *Settings) *int { return &s.LogsCacheSizeMB }},
	{Key: "maxConcurrentCalls", Label: "Concurrent Fastly calls", Default: DefaultMaxConcurrentCalls, Min: 1, Max: 100,
		field: func(s *Settings) *int { return &s.MaxConcurrentCalls }},
	{Key: "maxRetries", Label: "Retries of a failed read (429, 5xx, network)", Default: DefaultMaxRetries, Min: 0, Max: 10, MinusOneMeansZero: true,
		field: func(s *Settings) *int { return &s.MaxRetries }},
	{Key: "inspectorMaxPages", Label: "Pages read per Origin/Domain Inspector query", Default: DefaultInspectorMaxPages, Min: 1, Max: 1000,
		field: func(s *Settings) *int { return &s.InspectorMaxPages }},
}

// parse reads a JSON number or numeric string; absent, null and "" give the default.
func (p settingSpec) parse(raw json.RawMessage) (int, error) {
	text := strings.TrimSpace(string(raw))
	if strings.HasPrefix(text, `"`) {
		var str string
		if err := json.Unmarshal(raw, &str); err != nil {
			return 0, p.rangeError(text)
		}
		text = strings.TrimSpace(str)
	}
	if text == "" || text == "null" {
		return p.Default, nil
	}
	v, err := strconv.Atoi(text)
	if err != nil {
		return 0, p.rangeError(text)
	}
	if v == -1 && p.MinusOneMeansZero {
		return 0, nil
	}
	if v < p.Min || v > p.Max {
		return 0, p.rangeError(text)
	}
	return v, nil
}

// rangeError names the setting's label and range, and the rejected value.
func (p settingSpec) rangeError(got string) error {
	const maxShown = 40
	if len(got) > maxShown {
		got = got[:maxShown] + "…"
	}
	return fmt.Errorf("%s must be a whole number from %d to %d (got %s)", p.Label, p.Min, p.Max, got)
}
