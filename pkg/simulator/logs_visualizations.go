package simulator

import (
	"cmp"
	"slices"
	"strings"
)

// insightsVisualization describes one visualization: its dimension, what it ranks by and what each row holds.
type insightsVisualization struct {
	dimension string                              // key under dimensions
	key       func(*Simulator, *logRecord) string // the dimension value of a record
	nested    func(*Simulator, *logRecord) string // the key of the values list's rows; nil: none
	only      func(*logRecord) bool               // records the dimension counts; nil: all
	times     bool                                // needs response time histograms
	rank      func(t *insightsTally) float64      // higher first
	keep      func(t *insightsTally) bool         // rows worth showing; nil: all
	attrs     func(v *insightsView, t *insightsTally) map[string]any
	values    func(v *insightsView, t *insightsTally) []map[string]any
	allRows   bool // ignores limit
}

func recordPath(_ *Simulator, rec *logRecord) string { return rec.page.path }

func fieldKey(f *logField) func(*Simulator, *logRecord) string {
	return func(s *Simulator, rec *logRecord) string { return f.value(s, rec) }
}

// fraction is part/whole, 0 when whole is 0.
func fraction(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

func urlVisualization(rank func(t *insightsTally) float64, values func(v *insightsView, t *insightsTally) map[string]any) insightsVisualization {
	return insightsVisualization{
		dimension: "url", key: recordPath, rank: rank,
		values: func(v *insightsView, t *insightsTally) []map[string]any {
			return []map[string]any{values(v, t)}
		},
	}
}

func hitRatio(t *insightsTally) float64 { return fraction(t.hits, t.requests) }

func rateAttrs(part func(*insightsTally) int64) func(v *insightsView, t *insightsTally) map[string]any {
	return func(v *insightsView, t *insightsTally) map[string]any {
		return map[string]any{"rate": fraction(part(t), part(&v.total))}
	}
}

func requestsOf(t *insightsTally) int64 { return t.requests }

// insightsVisualizations are the visualizations the live API answers; top-url-by-duration-sum (the spec's name)
// fails with a 500 there and here.
var insightsVisualizations = map[string]insightsVisualization{
	"top-url-by-requests": urlVisualization(func(t *insightsTally) float64 { return float64(t.requests) },
		func(v *insightsView, t *insightsTally) map[string]any {
			return map[string]any{"request_percentage": fraction(t.requests, v.total.requests)}
		}),
	"top-url-by-bandwidth": urlVisualization(func(t *insightsTally) float64 { return float64(t.bytes) },
		func(v *insightsView, t *insightsTally) map[string]any {
			return map[string]any{
				"average_bandwidth_bytes": float64(t.bytes) / float64(t.requests),
				"bandwidth_percentage":    fraction(t.bytes, v.total.bytes),
			}
		}),
	"top-url-by-duration":           durationVisualization(),
	"top-url-by-misses":             missesVisualization(),
	"top-url-by-cache-hit-ratio":    urlVisualization(hitRatio, hitRatioValues),
	"bottom-url-by-cache-hit-ratio": urlVisualization(func(t *insightsTally) float64 { return -hitRatio(t) }, hitRatioValues),
	"top-4xx-urls":                  classVisualization(func(t *insightsTally) int64 { return t.s4xx }),
	"top-5xx-urls":                  classVisualization(func(t *insightsTally) int64 { return t.s5xx }),
	"response-status-codes":         statusCodesVisualization(),
	"top-503-responses":             reasons503Visualization(),
	"country-statistics":            countryVisualization(),
	"top-browser-by-requests": {
		dimension: "browser", key: fieldKey(logFieldsByName["client_browser_name"]),
		nested: fieldKey(logFieldsByName["client_browser_version"]), rank: rankRequests, attrs: rateAttrs(requestsOf),
		values: func(_ *insightsView, t *insightsTally) []map[string]any {
			return nestedRows(t, len(t.nested), func(version string, n *insightsTally) map[string]any {
				return map[string]any{"browser_version": version, "rate": fraction(n.requests, t.requests)}
			})
		},
	},
	"top-content-type-by-requests": rateVisualization("content_type", logFieldContentType),
	"top-device-by-requests":       rateVisualization("device", logFieldsByName["client_device_type"]),
	"top-os-by-requests":           rateVisualization("os", logFieldsByName["client_os_name"]),
}

func rankRequests(t *insightsTally) float64 { return float64(t.requests) }

func hitRatioValues(_ *insightsView, t *insightsTally) map[string]any {
	return map[string]any{"cache_hit_ratio": hitRatio(t)}
}

func durationVisualization() insightsVisualization {
	v := urlVisualization(func(t *insightsTally) float64 { return float64(t.times.sum) },
		func(v *insightsView, t *insightsTally) map[string]any {
			return map[string]any{
				"average_response_time":    t.times.value("avg", microsPerSecond),
				"p95_response_time":        t.times.value("p95", microsPerSecond),
				"response_time_percentage": fraction(t.times.sum, v.total.times.sum),
			}
		})
	v.times = true
	return v
}

// missesVisualization ranks URLs by cache misses; miss_rate is the URL's misses per request.
func missesVisualization() insightsVisualization {
	v := urlVisualization(func(t *insightsTally) float64 { return float64(t.misses) },
		func(_ *insightsView, t *insightsTally) map[string]any {
			return map[string]any{"miss_rate": fraction(t.misses, t.requests)}
		})
	v.keep = func(t *insightsTally) bool { return t.misses > 0 }
	return v
}

// classVisualization ranks URLs by responses of one status class; rate is the URL's share of that class. Like the
// live API, its rows have no values.
func classVisualization(count func(*insightsTally) int64) insightsVisualization {
	return insightsVisualization{
		dimension: "url", key: recordPath, rank: func(t *insightsTally) float64 { return float64(count(t)) },
		keep: func(t *insightsTally) bool { return count(t) > 0 }, attrs: rateAttrs(count),
	}
}

func statusCodesVisualization() insightsVisualization {
	return insightsVisualization{
		dimension: "status_code", key: fieldKey(logFieldStatus), nested: recordPath, rank: rankRequests,
		attrs: rateAttrs(requestsOf), allRows: true,
		values: func(v *insightsView, t *insightsTally) []map[string]any {
			return nestedRows(t, insightsNestedRows, func(url string, n *insightsTally) map[string]any {
				return map[string]any{
					"url": url, "rate_per_status": fraction(n.requests, t.requests),
					"rate_per_url": fraction(n.requests, v.byPath[url].requests),
				}
			})
		},
	}
}

func reasons503Visualization() insightsVisualization {
	return insightsVisualization{
		dimension: "response", key: func(_ *Simulator, rec *logRecord) string { return rec.reason },
		nested: recordPath, only: func(rec *logRecord) bool { return rec.status == 503 }, rank: rankRequests,
		attrs: func(v *insightsView, t *insightsTally) map[string]any {
			return map[string]any{"rate": fraction(t.requests, v.total.s503)}
		},
		values: func(v *insightsView, t *insightsTally) []map[string]any {
			return nestedRows(t, insightsNestedRows, func(url string, n *insightsTally) map[string]any {
				page := v.byPath[url]
				return map[string]any{
					"url": url, "rate_per_url": fraction(n.requests, page.s503), "503_rate_per_url": fraction(page.s503, page.requests),
				}
			})
		},
	}
}

// countryVisualization: per country its cache hit ratio, error rate (5xx per request) and share of requests, with
// a row per ISO 3166-2 region.
func countryVisualization() insightsVisualization {
	return insightsVisualization{
		dimension: "country", key: fieldKey(logFieldCountry), nested: fieldKey(logFieldsByName["client_region"]),
		rank: rankRequests, allRows: true,
		attrs: func(v *insightsView, t *insightsTally) map[string]any {
			return map[string]any{
				"country_chr": hitRatio(t), "country_error_rate": fraction(t.s5xx, t.requests),
				"country_request_rate": fraction(t.requests, v.total.requests),
			}
		},
		values: func(_ *insightsView, t *insightsTally) []map[string]any {
			return nestedRows(t, len(t.nested), func(region string, n *insightsTally) map[string]any {
				return map[string]any{"region": region, "region_chr": hitRatio(n), "region_error_rate": fraction(n.s5xx, n.requests)}
			})
		},
	}
}

func rateVisualization(dimension string, f *logField) insightsVisualization {
	return insightsVisualization{
		dimension: dimension, key: fieldKey(f), rank: rankRequests, attrs: rateAttrs(requestsOf),
		values: func(v *insightsView, t *insightsTally) []map[string]any {
			return []map[string]any{{"rate": fraction(t.requests, v.total.requests)}}
		},
	}
}

// nestedRows are the most requested nested tallies of t, at most most of them, as row builds them.
func nestedRows(t *insightsTally, most int, row func(key string, n *insightsTally) map[string]any) []map[string]any {
	keys := rankedKeys(t.nested, rankRequests)
	out := make([]map[string]any, 0, min(len(keys), most))
	for _, key := range keys[:min(len(keys), most)] {
		out = append(out, row(key, t.nested[key]))
	}
	return out
}

// rankedKeys orders the keys of tallies by rank, highest first, then by key.
func rankedKeys(tallies map[string]*insightsTally, rank func(*insightsTally) float64) []string {
	keys := make([]string, 0, len(tallies))
	for k := range tallies {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(rank(tallies[b]), rank(tallies[a])); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}
