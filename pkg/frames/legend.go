package frames

import (
	"regexp"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// legendToken matches one {{token}}, spaces inside the braces allowed.
var legendToken = regexp.MustCompile(`\{\{\s*([A-Za-z_]+)\s*\}\}`)

// legendAliases are the legend tokens that name a series label by another name; every label is also its own token.
var legendAliases = map[string]string{"origin": query.DimensionHost}

// Legend fills format's tokens from the series' values; unknown tokens and tokens without a value stay as written.
func Legend(format string, values map[string]string) string {
	return legendToken.ReplaceAllStringFunc(format, func(tok string) string {
		if v, ok := values[legendToken.FindStringSubmatch(tok)[1]]; ok && v != "" {
			return v
		}
		return tok
	})
}

// applyLegend sets the display name of every value field of timeseries frames from format; "" changes nothing.
func applyLegend(frames data.Frames, format string) {
	if strings.TrimSpace(format) == "" {
		return
	}
	for _, f := range frames {
		if f.Meta != nil && f.Meta.Type == frameTypeHeatmapRows {
			continue
		}
		for _, field := range f.Fields {
			if field.Type().Time() {
				continue
			}
			if field.Config == nil {
				field.Config = &data.FieldConfig{}
			}
			field.Config.DisplayNameFromDS = Legend(format, legendValues(field))
		}
	}
}

// legendValues are the token values of one field: its labels (by their names, so a log metric's group-by field
// such as {{fastly_pop}} works, and by their aliases) and its metric.
func legendValues(field *data.Field) map[string]string {
	values := map[string]string{"metric": field.Name}
	for name, v := range field.Labels {
		values[name] = v
	}
	for token, label := range legendAliases {
		if v, ok := field.Labels[label]; ok {
			values[token] = v
		}
	}
	return values
}
