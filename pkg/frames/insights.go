package frames

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/logs"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// InsightsLinks is what a URL row's Explore link needs: this datasource's uid (no links when empty).
type InsightsLinks struct {
	DatasourceUID  string
	DatasourceName string
}

// insightsRow is one table row: the parent's dimension and attributes, and one item of its values.
type insightsRow map[string]any

// insightsColumn is one column of an insights table, with where its name came from.
type insightsColumn struct {
	name, key string
	attribute bool
}

// Insights builds the insights table: the dimension column(s), then dimension_attributes, then values, each
// flattened into typed columns; every item of a nested values list is a row carrying its parent's dimension.
func Insights(res *logs.Insights, links InsightsLinks) *data.Frame {
	rows, columns := flattenInsights(res)
	percent := sharesArePercent(rows, columns)
	fields := make([]*data.Field, 0, len(columns))
	for _, c := range columns {
		f := insightsField(c, rows)
		f.Config = &data.FieldConfig{Unit: insightsUnit(c.key, f.Type().Numeric(), percent)}
		if c.name == "url" && links.DatasourceUID != "" {
			f.Config.Links = []data.DataLink{exploreLogsLink(res, links)}
		}
		fields = append(fields, f)
	}
	frame := data.NewFrame("insights", fields...)
	frame.Meta = tableMeta(data.FrameTypeTable, res.Calls, res.Notices)
	return frame
}

// flattenInsights turns Fastly's rows into table rows and lists their columns in order of first appearance:
// dimensions, attributes, values. An attribute named like a value is prefixed with its dimension.
func flattenInsights(res *logs.Insights) ([]insightsRow, []insightsColumn) {
	var dims, attrs, vals []string
	seen := map[string]bool{}
	note := func(list *[]string, prefix, k string) {
		if !seen[prefix+k] {
			seen[prefix+k] = true
			*list = append(*list, k)
		}
	}
	for _, r := range res.Rows {
		for _, k := range slices.Sorted(maps.Keys(r.Dimensions)) {
			note(&dims, "d:", k)
		}
		for _, k := range slices.Sorted(maps.Keys(r.Attributes)) {
			note(&attrs, "a:", k)
		}
		for _, v := range r.Values {
			for _, k := range slices.Sorted(maps.Keys(v)) {
				note(&vals, "v:", k)
			}
		}
	}
	columns := make([]insightsColumn, 0, len(dims)+len(attrs)+len(vals))
	taken := map[string]bool{}
	for _, k := range append(append([]string{}, dims...), vals...) {
		taken[k] = true
	}
	for _, k := range dims {
		columns = append(columns, insightsColumn{name: k, key: k})
	}
	for _, k := range attrs {
		name := k
		if taken[k] && len(dims) > 0 {
			name = dims[0] + "_" + k
		}
		columns = append(columns, insightsColumn{name: name, key: k, attribute: true})
	}
	for _, k := range vals {
		columns = append(columns, insightsColumn{name: k, key: k})
	}
	return insightsRows(res), columns
}

// insightsRows is one row per values item (one row when there is none), keyed "a:" for attributes.
func insightsRows(res *logs.Insights) []insightsRow {
	var out []insightsRow
	for _, r := range res.Rows {
		parent := insightsRow{}
		for k, v := range r.Dimensions {
			parent[k] = v
		}
		for k, v := range r.Attributes {
			parent["a:"+k] = v
		}
		if len(r.Values) == 0 {
			out = append(out, parent)
			continue
		}
		for _, item := range r.Values {
			row := make(insightsRow, len(parent)+len(item))
			for k, v := range parent {
				row[k] = v
			}
			for k, v := range item {
				row[k] = v
			}
			out = append(out, row)
		}
	}
	return out
}

func (c insightsColumn) lookup(r insightsRow) any {
	if c.attribute {
		return r["a:"+c.key]
	}
	return r[c.key]
}

// insightsField is a column typed by its values: numbers, booleans, else text; null where a row has none.
func insightsField(c insightsColumn, rows []insightsRow) *data.Field {
	kind := ""
	for _, r := range rows {
		switch v := c.lookup(r); v.(type) {
		case nil:
		case float64:
			kind = mergeKind(kind, "number")
		case bool:
			kind = mergeKind(kind, "bool")
		default:
			kind = "text"
		}
	}
	switch kind {
	case "number":
		values := make([]*float64, len(rows))
		for i, r := range rows {
			if v, ok := c.lookup(r).(float64); ok {
				values[i] = &v
			}
		}
		return data.NewField(c.name, nil, values)
	case "bool":
		values := make([]*bool, len(rows))
		for i, r := range rows {
			if v, ok := c.lookup(r).(bool); ok {
				values[i] = &v
			}
		}
		return data.NewField(c.name, nil, values)
	}
	values := make([]*string, len(rows))
	for i, r := range rows {
		if v := c.lookup(r); v != nil {
			s := fmt.Sprint(v)
			values[i] = &s
		}
	}
	return data.NewField(c.name, nil, values)
}

func mergeKind(have, next string) string {
	if have == "" || have == next {
		return next
	}
	return "text"
}

// isShare tells whether a numeric column is a share or ratio (request_percentage, rate, cache_hit_ratio, chr).
func isShare(key string) bool {
	return strings.Contains(key, "percentage") || strings.Contains(key, "rate") || strings.Contains(key, "ratio") ||
		strings.HasSuffix(key, "chr")
}

// sharesArePercent decides from the answer whether Fastly wrote shares as percentages: any share above 1 is.
func sharesArePercent(rows []insightsRow, columns []insightsColumn) bool {
	for _, c := range columns {
		if !isShare(c.key) {
			continue
		}
		for _, r := range rows {
			if v, ok := c.lookup(r).(float64); ok && v > 1 {
				return true
			}
		}
	}
	return false
}

// insightsUnit is a numeric column's unit: shares as Fastly wrote them, times in seconds, sizes in bytes.
func insightsUnit(key string, numeric, percent bool) string {
	switch {
	case !numeric:
		return ""
	case isShare(key) && percent:
		return "percent"
	case isShare(key):
		return "percentunit"
	case strings.Contains(key, "response_time"):
		return "s"
	case strings.Contains(key, "bytes"):
		return "bytes"
	}
	return ""
}

// exploreLogsLink opens the row's path as a logs query of the same service and range in Explore.
func exploreLogsLink(res *logs.Insights, links InsightsLinks) data.DataLink {
	filters := []map[string]string{{"field": "request_path", "operator": "eq", "value": "${__data.fields.url}"}}
	filters = append(filters, statusFilters(res.Visualization.Value)...)
	return data.DataLink{Title: "Show the sampled requests of this page", Internal: &data.InternalDataLink{
		DatasourceUID: links.DatasourceUID, DatasourceName: links.DatasourceName,
		Query: map[string]any{"refId": "A", "queryType": "logs", "services": []string{res.Service.ID}, "filters": filters, "limit": 1000},
		Range: &data.TimeRange{From: res.From.UTC(), To: res.To.UTC()},
	}}
}

// statusFilters narrow a failing-pages link to the failures it ranked.
func statusFilters(visualization string) []map[string]string {
	between := func(lo, hi string) []map[string]string {
		return []map[string]string{
			{"field": "response_status", "operator": "gte", "value": lo},
			{"field": "response_status", "operator": "lt", "value": hi}}
	}
	switch visualization {
	case "top-4xx-urls":
		return between("400", "500")
	case "top-5xx-urls":
		return between("500", "600")
	case "top-503-responses":
		return []map[string]string{{"field": "response_status", "operator": "eq", "value": "503"}}
	case "response-status-codes":
		return []map[string]string{{"field": "response_status", "operator": "eq", "value": "${__data.fields.status_code}"}}
	}
	return nil
}
