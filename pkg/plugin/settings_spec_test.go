package plugin

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loadTuning loads settings whose jsonData holds one key with the given raw JSON value ("" leaves it absent).
func loadTuning(key, raw string) (Settings, error) {
	jsonData := "{}"
	if raw != "" {
		jsonData = fmt.Sprintf(`{%q:%s}`, key, raw)
	}
	return LoadSettings(backend.DataSourceInstanceSettings{JSONData: []byte(jsonData)})
}

func rangeText(p settingSpec, got int) string {
	return fmt.Sprintf("%s must be a whole number from %d to %d (got %d)", p.Label, p.Min, p.Max, got)
}

// TestEverySettingAtEveryEdge loads each tuning setting absent, 0, negative, at min, max, min-1 and max+1,
// as a JSON number and as a numeric string.
func TestEverySettingAtEveryEdge(t *testing.T) {
	require.Len(t, tuningSpecs, 10)
	for _, p := range tuningSpecs {
		cases := []struct {
			name string
			in   int
		}{{"zero", 0}, {"negative", -7}, {"min", p.Min}, {"max", p.Max}, {"min-1", p.Min - 1}, {"max+1", p.Max + 1}}
		t.Run(p.Key+"/absent", func(t *testing.T) {
			s, err := loadTuning(p.Key, "")
			require.NoError(t, err)
			assert.Equal(t, p.Default, *p.field(&s))
		})
		for _, c := range cases {
			for _, form := range []string{strconv.Itoa(c.in), strconv.Quote(strconv.Itoa(c.in))} {
				t.Run(p.Key+"/"+c.name+"/"+form, func(t *testing.T) {
					s, err := loadTuning(p.Key, form)
					want, ok := c.in, c.in >= p.Min && c.in <= p.Max
					if p.MinusOneMeansZero && c.in == -1 {
						want, ok = 0, true
					}
					if !ok {
						assert.EqualError(t, err, rangeText(p, c.in))
						return
					}
					require.NoError(t, err)
					assert.Equal(t, want, *p.field(&s))
				})
			}
		}
	}
}

func TestSettingsZeroMeansOff(t *testing.T) {
	s, err := loadTuning("cacheSizeMB", "0")
	require.NoError(t, err)
	assert.Equal(t, 0, s.CacheSizeMB)
	s, err = loadTuning("maxRetries", `"0"`)
	require.NoError(t, err)
	assert.Equal(t, 0, s.MaxRetries)
	s, err = loadTuning("maxRetries", "-1")
	require.NoError(t, err)
	assert.Equal(t, 0, s.MaxRetries, "-1, the old 'none', is accepted as 0")
	s, err = loadTuning("stitchMaxServices", "0")
	require.NoError(t, err)
	assert.Equal(t, 0, s.StitchMaxServices)
	s, err = loadTuning("logsCacheSizeMB", "0")
	require.NoError(t, err)
	assert.Equal(t, 0, s.LogsCacheSizeMB)
	_, err = loadTuning("realtimeBufferMinutes", "0")
	assert.EqualError(t, err, "Real-time minutes kept per service must be a whole number from 1 to 120 (got 0)")
}

func TestSettingsEmptyMeansDefault(t *testing.T) {
	for _, raw := range []string{"null", `""`, `"  "`} {
		s, err := loadTuning("maxRetries", raw)
		require.NoError(t, err, raw)
		assert.Equal(t, DefaultMaxRetries, s.MaxRetries, raw)
	}
}

func TestSettingsRejectFractionsAndGarbage(t *testing.T) {
	for raw, got := range map[string]string{`2.5`: "2.5", `"2.5"`: "2.5", `"ten"`: "ten", `true`: "true", `[3]`: "[3]", `1e2`: "1e2"} {
		_, err := loadTuning("maxConcurrentCalls", raw)
		assert.EqualError(t, err, "Concurrent Fastly calls must be a whole number from 1 to 100 (got "+got+")", raw)
	}
}

func TestSettingsDefaultsMatchTheTable(t *testing.T) {
	s, err := LoadSettings(backend.DataSourceInstanceSettings{})
	require.NoError(t, err)
	out, _ := json.Marshal(s)
	var m map[string]any
	require.NoError(t, json.Unmarshal(out, &m))
	for _, p := range tuningSpecs {
		assert.EqualValues(t, p.Default, m[p.Key], "Settings' json key %s", p.Key)
	}
	assert.Equal(t, true, m["stitchRealtime"])
}

// TestREADMESettingsTableMatchesTheSpecs keeps README's Advanced settings table (label, key, default, range) equal to
// the one table the parser and the editor use.
func TestREADMESettingsTableMatchesTheSpecs(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	require.NoError(t, err)
	rows := map[string][]string{}
	for _, line := range strings.Split(string(readme), "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if len(cells) == 5 && strings.HasPrefix(cells[1], "`jsonData.") {
			rows[strings.Trim(cells[1], "`")] = cells
		}
	}
	for _, s := range tuningSpecs {
		row, ok := rows["jsonData."+s.Key]
		if !assert.True(t, ok, "README has no row for %s", s.Key) {
			continue
		}
		assert.Equal(t, s.Label, row[0], s.Key)
		assert.Equal(t, strconv.Itoa(s.Default), row[2], s.Key)
		assert.Equal(t, fmt.Sprintf("%d–%d", s.Min, s.Max), row[3], s.Key)
	}
}
