package plugin

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// currentSchemaVersion is the dashboard schema of Grafana 12.x, which Grafana 13 also loads.
const currentSchemaVersion = 42

// datasourceVariable is how every panel, target and annotation names its data source.
const datasourceVariable = "${datasource}"

// rateUnits are the Grafana units of a per-second rate.
var rateUnits = []string{"reqps", "cps", "bps", "Bps"}

// dashboardVariables are the variable names each dashboard must keep: links and saved URLs use them.
var dashboardVariables = map[string][]string{
	"overview.json": {"datasource", "service"},
	"service.json":  {"datasource", "service", "region"},
	"realtime.json": {"datasource", "service"},
	"origins.json":  {"datasource", "service", "host"},
	"pages.json":    {"datasource", "service"},
}

// dashboardViolations lists where a dashboard breaks the rules of the bundled dashboards.
func dashboardViolations(t *testing.T, d bundledDashboard) []string {
	t.Helper()
	var out []string
	if d.SchemaVersion != currentSchemaVersion {
		out = append(out, fmt.Sprintf("schemaVersion %d, want %d", d.SchemaVersion, currentSchemaVersion))
	}
	out = append(out, variableViolations(d)...)
	out = append(out, annotationSourceViolations(t, d)...)
	for _, a := range d.annotationQueries() {
		out = append(out, annotationViolations(t, a)...)
	}
	for _, p := range d.allPanels() {
		for _, v := range panelViolations(t, d.file, p) {
			out = append(out, fmt.Sprintf("panel %q: %s", p.Title, v))
		}
	}
	return out
}

func variableViolations(d bundledDashboard) []string {
	var out []string
	for _, name := range dashboardVariables[d.file] {
		if !slices.ContainsFunc(d.Templating.List, func(v dashboardVariable) bool { return v.Name == name }) {
			out = append(out, "variable $"+name+" is missing")
		}
	}
	return out
}

// annotationSource is one annotation every bundled dashboard shows for its selected services.
type annotationSource struct {
	name, queryType string
	eventTypes      []string
}

// annotationSources answer "what changed?" on every graph: deploys, purges and Fastly's own alerts.
var annotationSources = []annotationSource{
	{name: "Deploys", queryType: "versions"},
	{name: "Purges", queryType: "events", eventTypes: []string{"service.purge_all"}},
	{name: "Fastly alerts", queryType: "alerts"},
}

// annotationSourceViolations checks the three annotation sources are there, on by default, listed among the
// dashboard's toggles (not hidden) and each in a colour of its own.
func annotationSourceViolations(t *testing.T, d bundledDashboard) []string {
	var out []string
	colours := map[string]string{}
	for _, want := range annotationSources {
		i := slices.IndexFunc(d.Annotations.List, func(a dashboardAnnotation) bool { return a.Name == want.name })
		if i < 0 {
			out = append(out, fmt.Sprintf("annotation source %q is missing", want.name))
			continue
		}
		a := d.Annotations.List[i]
		q := target(t, a.Target)
		if q.QueryType != want.queryType || !slices.Equal(q.EventTypes, want.eventTypes) {
			out = append(out, fmt.Sprintf("annotation %q: %s %v, want %s %v", a.Name, q.QueryType, q.EventTypes, want.queryType, want.eventTypes))
		}
		if !a.Enable || a.Hide {
			out = append(out, fmt.Sprintf("annotation %q: enable %t, hide %t, want a toggle that starts on", a.Name, a.Enable, a.Hide))
		}
		if other, taken := colours[a.IconColor]; taken || a.IconColor == "" {
			out = append(out, fmt.Sprintf("annotation %q: colour %q, already %q's", a.Name, a.IconColor, other))
		}
		colours[a.IconColor] = a.Name
	}
	return out
}

func annotationViolations(t *testing.T, a dashboardAnnotation) []string {
	var out []string
	if a.Datasource.UID != datasourceVariable {
		out = append(out, fmt.Sprintf("annotation %q: data source %q, want %s", a.Name, a.Datasource.UID, datasourceVariable))
	}
	if q := target(t, a.Target); !slices.Equal(q.Services, []string{"$service"}) {
		out = append(out, fmt.Sprintf("annotation %q: %s of %v, want the dashboard's $service", a.Name, q.QueryType, q.Services))
	}
	return out
}

func panelViolations(t *testing.T, file string, p dashboardPanel) []string {
	if p.Type == "row" {
		return nil
	}
	var out []string
	if p.Datasource == nil || p.Datasource.UID != datasourceVariable {
		out = append(out, "panel data source is not "+datasourceVariable)
	}
	for _, raw := range p.Targets {
		q := target(t, raw)
		if q.Datasource == nil || q.Datasource.UID != datasourceVariable {
			out = append(out, q.RefID+": data source is not "+datasourceVariable)
		}
		out = append(out, rateViolations(p, q)...)
		out = append(out, bandwidthViolations(p, q)...)
		if file == "overview.json" {
			out = append(out, topNViolations(p, q)...)
		}
	}
	return append(out, thresholdViolations(t, p)...)
}

// rateViolations: a time series of counters is drawn per second, in a rate unit.
func rateViolations(p dashboardPanel, q dashboardTarget) []string {
	if p.Type != "timeseries" || !hasRateMetric(q) || computesRatio(p) {
		return nil
	}
	var out []string
	if q.QueryType != "realtime" && !q.PerSecond {
		out = append(out, fmt.Sprintf("%s: counters %v per bucket: set perSecond", q.RefID, q.Metrics))
	}
	if !slices.Contains(rateUnits, p.FieldConfig.Defaults.Unit) {
		out = append(out, fmt.Sprintf("unit %q is not a rate (%v)", p.FieldConfig.Defaults.Unit, rateUnits))
	}
	return out
}

// bandwidthViolations: bandwidth is bits per second on every chart and stat.
func bandwidthViolations(p dashboardPanel, q dashboardTarget) []string {
	if p.Type != "timeseries" && p.Type != "stat" {
		return nil
	}
	var out []string
	if slices.Contains(q.Metrics, "bandwidth") {
		out = append(out, q.RefID+": bandwidth in bytes: chart bandwidth_bits")
	}
	if slices.Contains(q.Metrics, "bandwidth_bits") {
		if q.QueryType == "stats" && !q.PerSecond {
			out = append(out, q.RefID+": bandwidth_bits per bucket: set perSecond")
		}
		if p.FieldConfig.Defaults.Unit != "bps" {
			out = append(out, fmt.Sprintf("bandwidth in unit %q, want bps", p.FieldConfig.Defaults.Unit))
		}
	}
	return out
}

// topNViolations: the overview ranks services instead of drawing every one.
func topNViolations(p dashboardPanel, q dashboardTarget) []string {
	if p.Type != "timeseries" && p.Type != "table" {
		return nil
	}
	perService := (q.QueryType == "stats" && q.GroupBy == "service") || q.QueryType == "realtime"
	if perService && q.TopN == nil {
		return []string{q.RefID + ": one series per service without topN"}
	}
	return nil
}

// thresholdViolations: charts of status ratios (statusRatios) draw their thresholds as lines.
func thresholdViolations(t *testing.T, p dashboardPanel) []string {
	if p.Type != "timeseries" || !chartsOnlyStatusRatios(t, p) {
		return nil
	}
	d := p.FieldConfig.Defaults
	levels := 0
	for _, s := range d.Thresholds.Steps {
		if s.Value != nil {
			levels++
		}
	}
	if mode := d.Custom.ThresholdsStyle.Mode; mode == "" || mode == "off" || levels < 2 {
		return []string{fmt.Sprintf("error ratios without threshold lines (style %q, %d levels)", mode, levels)}
	}
	return nil
}

func chartsOnlyStatusRatios(t *testing.T, p dashboardPanel) bool {
	found := false
	for _, raw := range p.Targets {
		for _, m := range target(t, raw).Metrics {
			if _, ok := statusRatios[m]; !ok {
				return false
			}
			found = true
		}
	}
	return found
}

// hasRateMetric tells whether the query charts a counter; realtime queries answer per second already.
func hasRateMetric(q dashboardTarget) bool {
	for _, name := range q.Metrics {
		m, ok := metrics.Lookup(name)
		if q.QueryType == "origins" || q.QueryType == "domains" {
			m, ok = metrics.LookupInspector(q.QueryType, name)
		}
		if ok && m.IsRate() && m.Name != metrics.LatencyHistogram {
			return true
		}
	}
	return false
}

// computesRatio tells whether the panel divides one counter by another (an average per request is not a rate).
func computesRatio(p dashboardPanel) bool {
	for _, tr := range p.Transformations {
		var o struct {
			Binary struct {
				Operator string `json:"operator"`
			} `json:"binary"`
		}
		if tr.ID == "calculateField" && json.Unmarshal(tr.Options, &o) == nil && o.Binary.Operator == "/" {
			return true
		}
	}
	return false
}

func TestBundledDashboardsFollowTheRules(t *testing.T) {
	for _, d := range loadDashboards(t) {
		assert.Empty(t, dashboardViolations(t, d), d.file)
	}
}

func TestDashboardRulesCatchBrokenPanels(t *testing.T) {
	const broken = `{"schemaVersion": 41,
	  "templating": {"list": [{"name": "datasource"}]},
	  "annotations": {"list": [
	    {"name": "Deploys", "enable": true, "iconColor": "purple", "datasource": {"uid": "${datasource}"}, "target": {"queryType": "versions", "services": []}},
	    {"name": "Purges", "enable": true, "hide": true, "iconColor": "purple", "datasource": {"uid": "${datasource}"},
	     "target": {"queryType": "events", "services": ["$service"]}}]},
	  "panels": [
	    {"type": "timeseries", "title": "counts", "datasource": {"uid": "${datasource}"}, "fieldConfig": {"defaults": {"unit": "short"}},
	     "targets": [{"refId": "A", "datasource": {"uid": "${datasource}"}, "queryType": "stats", "metrics": ["requests"], "groupBy": "service"}]},
	    {"type": "stat", "title": "bytes", "datasource": {"uid": "fastly"}, "fieldConfig": {"defaults": {"unit": "Bps"}},
	     "targets": [{"refId": "A", "datasource": {"uid": "${datasource}"}, "queryType": "realtime", "metrics": ["bandwidth"]}]},
	    {"type": "timeseries", "title": "errors", "datasource": {"uid": "${datasource}"}, "fieldConfig": {"defaults": {"unit": "percentunit"}},
	     "targets": [{"refId": "A", "datasource": {"uid": "${datasource}"}, "queryType": "stats", "metrics": ["error_ratio"], "groupBy": "none"}]}
	  ]}`
	var d bundledDashboard
	require.NoError(t, json.Unmarshal([]byte(broken), &d))
	d.file = "overview.json"
	got := dashboardViolations(t, d)
	for _, want := range []string{
		"schemaVersion 41, want 42",
		"variable $service is missing",
		`annotation "Deploys": versions of [], want the dashboard's $service`,
		`annotation "Purges": events [], want events [service.purge_all]`,
		`annotation "Purges": enable true, hide true, want a toggle that starts on`,
		`annotation "Purges": colour "purple", already "Deploys"'s`,
		`annotation source "Fastly alerts" is missing`,
		`panel "counts": A: counters [requests] per bucket: set perSecond`,
		`panel "counts": unit "short" is not a rate`,
		`panel "counts": A: one series per service without topN`,
		`panel "bytes": panel data source is not ${datasource}`,
		`panel "bytes": A: bandwidth in bytes: chart bandwidth_bits`,
		`panel "errors": error ratios without threshold lines`,
	} {
		assert.True(t, slices.ContainsFunc(got, func(v string) bool { return len(v) >= len(want) && v[:len(want)] == want }),
			"%q not reported in %q", want, got)
	}
}
