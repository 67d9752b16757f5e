package plugin

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/simulator"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dashboardsDir holds the dashboards the plugin bundles.
const dashboardsDir = "../../src/dashboards"

// bundledDashboard is the part of a bundled dashboard's JSON these tests read.
type bundledDashboard struct {
	file          string
	SchemaVersion int `json:"schemaVersion"`
	Time          struct {
		From string `json:"from"`
	} `json:"time"`
	Templating struct {
		List []dashboardVariable `json:"list"`
	} `json:"templating"`
	Annotations struct {
		List []dashboardAnnotation `json:"list"`
	} `json:"annotations"`
	Panels []dashboardPanel `json:"panels"`
}

// dashboardVariable is a template variable: its name and what All stands for.
type dashboardVariable struct {
	Name       string `json:"name"`
	IncludeAll bool   `json:"includeAll"`
	AllValue   string `json:"allValue"`
	Current    struct {
		Value any `json:"value"`
	} `json:"current"`
}

// dashboardAnnotation is an annotation query; built-in ones have no target.
type dashboardAnnotation struct {
	Name       string          `json:"name"`
	BuiltIn    int             `json:"builtIn"`
	Enable     bool            `json:"enable"`
	Hide       bool            `json:"hide"`
	IconColor  string          `json:"iconColor"`
	Datasource datasourceRef   `json:"datasource"`
	Target     json.RawMessage `json:"target"`
}

// datasourceRef names a panel's, target's or annotation's data source.
type datasourceRef struct {
	Type string `json:"type"`
	UID  string `json:"uid"`
}

// dashboardPanel is a panel with its queries and the field config the rules read; rows nest panels.
type dashboardPanel struct {
	ID          int               `json:"id"`
	Type        string            `json:"type"`
	Title       string            `json:"title"`
	TimeFrom    string            `json:"timeFrom"`
	Repeat      string            `json:"repeat"`
	Datasource  *datasourceRef    `json:"datasource"`
	Targets     []json.RawMessage `json:"targets"`
	FieldConfig struct {
		Defaults struct {
			Unit   string `json:"unit"`
			Custom struct {
				ThresholdsStyle struct {
					Mode string `json:"mode"`
				} `json:"thresholdsStyle"`
			} `json:"custom"`
			Thresholds struct {
				Steps []struct {
					Value *float64 `json:"value"`
				} `json:"steps"`
			} `json:"thresholds"`
		} `json:"defaults"`
	} `json:"fieldConfig"`
	Transformations []struct {
		ID      string          `json:"id"`
		Options json.RawMessage `json:"options"`
	} `json:"transformations"`
	Panels []dashboardPanel `json:"panels"`
}

// dashboardTarget is the part of a panel target or annotation query the rules read.
type dashboardTarget struct {
	RefID      string         `json:"refId"`
	QueryType  string         `json:"queryType"`
	Datasource *datasourceRef `json:"datasource"`
	Services   []string       `json:"services"`
	EventTypes []string       `json:"eventTypes"`
	Metrics    []string       `json:"metrics"`
	GroupBy    any            `json:"groupBy"`
	PerSecond  bool           `json:"perSecond"`
	TopN       *struct {
		Metric string `json:"metric"`
	} `json:"topN"`
}

// loadDashboards reads every bundled dashboard.
func loadDashboards(t *testing.T) []bundledDashboard {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dashboardsDir, "*.json"))
	require.NoError(t, err)
	require.Len(t, files, 5, "overview, service, realtime, origins and pages")
	var out []bundledDashboard
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		var d bundledDashboard
		require.NoError(t, json.Unmarshal(raw, &d), f)
		d.file = filepath.Base(f)
		out = append(out, d)
	}
	return out
}

// allPanels lists the dashboard's panels, those inside rows included.
func (d bundledDashboard) allPanels() []dashboardPanel {
	var out []dashboardPanel
	var walk func([]dashboardPanel)
	walk = func(ps []dashboardPanel) {
		for _, p := range ps {
			out = append(out, p)
			walk(p.Panels)
		}
	}
	walk(d.Panels)
	return out
}

// annotationQueries are the dashboard's annotation targets, built-in annotations left out.
func (d bundledDashboard) annotationQueries() []dashboardAnnotation {
	var out []dashboardAnnotation
	for _, a := range d.Annotations.List {
		if a.BuiltIn == 0 {
			out = append(out, a)
		}
	}
	return out
}

// target decodes a raw target for the rules.
func target(t *testing.T, raw json.RawMessage) dashboardTarget {
	t.Helper()
	var q dashboardTarget
	require.NoError(t, json.Unmarshal(raw, &q))
	return q
}

// rangeOf is how far back a panel looks: its own timeFrom, else the dashboard's "now-…".
func (d bundledDashboard) rangeOf(t *testing.T, p dashboardPanel) time.Duration {
	t.Helper()
	spec := strings.TrimPrefix(d.Time.From, "now-")
	if p.TimeFrom != "" {
		spec = p.TimeFrom
	}
	r, err := time.ParseDuration(spec)
	require.NoError(t, err, "%s: time range %q", d.file, spec)
	return r
}

// variableValues are the simulator's values of each variable, with All resolved the way Grafana resolves it.
func variableValues(d bundledDashboard, sim *simulator.Simulator) map[string][]string {
	www := realtimeServiceID(sim, "www.example.com")
	options := map[string][]string{
		"datasource": {"fastly"},
		"service":    serviceIDs(sim),
		"region":     sim.Regions(),
		"host":       sim.InspectorNames("origin_inspector", www),
	}
	out := map[string][]string{}
	for _, v := range d.Templating.List {
		opts := options[v.Name]
		switch {
		case !isAll(v.Current.Value) && v.Name == "service":
			out[v.Name] = []string{www}
		case !isAll(v.Current.Value) && len(opts) > 0:
			out[v.Name] = opts[:1]
		case v.AllValue != "":
			out[v.Name] = []string{v.AllValue}
		default:
			out[v.Name] = opts
		}
	}
	return out
}

func isAll(current any) bool {
	raw, _ := json.Marshal(current)
	return strings.Contains(string(raw), "$__all")
}

func realtimeServiceID(sim *simulator.Simulator, name string) string {
	for _, s := range sim.Services() {
		if s.Name == name {
			return s.ID
		}
	}
	return ""
}

func serviceIDs(sim *simulator.Simulator) []string {
	var out []string
	for _, s := range sim.Services() {
		out = append(out, s.ID)
	}
	return out
}

// interpolate replaces $var and ${var} in every string and splits list entries at commas, as the editor does.
func interpolate(v any, vars map[string][]string) any {
	switch x := v.(type) {
	case string:
		for name, values := range vars {
			csv := strings.Join(values, ",")
			x = strings.ReplaceAll(strings.ReplaceAll(x, "${"+name+"}", csv), "$"+name, csv)
		}
		return x
	case []any:
		out := []any{}
		for _, e := range x {
			s, ok := interpolate(e, vars).(string)
			if !ok {
				out = append(out, interpolate(e, vars))
				continue
			}
			for _, part := range strings.Split(s, ",") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
		return out
	case map[string]any:
		for k, e := range x {
			x[k] = interpolate(e, vars)
		}
		return x
	}
	return v
}

// dashboardQuery turns a target into the query Grafana sends for it over the last r.
func dashboardQuery(t *testing.T, raw json.RawMessage, vars map[string][]string, r time.Duration) backend.DataQuery {
	t.Helper()
	var model map[string]any
	require.NoError(t, json.Unmarshal(raw, &model))
	model = interpolate(model, vars).(map[string]any)
	body, err := json.Marshal(model)
	require.NoError(t, err)
	refID, _ := model["refId"].(string)
	queryType, _ := model["queryType"].(string)
	const maxDataPoints = 1000
	return backend.DataQuery{RefID: refID, QueryType: queryType, JSON: body, MaxDataPoints: maxDataPoints,
		Interval: max(time.Second, r/maxDataPoints), TimeRange: backend.TimeRange{From: testNow.Add(-r), To: testNow}}
}

// queryDashboard sends one query the way a dashboard does and requires an answer without error.
func queryDashboard(t *testing.T, d *Datasource, q backend.DataQuery, where string) (backend.DataResponse, bool) {
	t.Helper()
	pc := backend.PluginContext{DataSourceInstanceSettings: &backend.DataSourceInstanceSettings{UID: "fastly"}}
	resp, err := d.QueryData(context.Background(), &backend.QueryDataRequest{PluginContext: pc, Queries: []backend.DataQuery{q}})
	require.NoError(t, err, where)
	res := resp.Responses[q.RefID]
	return res, assert.NoError(t, res.Error, "%s: %s", where, q.JSON)
}

// runDashboardQuery sends one query the way a dashboard panel does and requires frames with data.
func runDashboardQuery(t *testing.T, d *Datasource, q backend.DataQuery, where string) {
	t.Helper()
	res, ok := queryDashboard(t, d, q, where)
	if !ok {
		return
	}
	rows := 0
	for _, f := range res.Frames {
		rows += f.Rows()
	}
	assert.NotEmpty(t, res.Frames, "%s: no frames", where)
	assert.Positive(t, rows, "%s: frames without rows: %s", where, q.JSON)
}

// annotationRange is the shortest range annotation queries are run over: one that holds simulated deploys.
const annotationRange = 6 * time.Hour

// runAnnotationQuery sends an annotation query: deploys must mark the range; purges and alerts may be none in it.
func runAnnotationQuery(t *testing.T, d *Datasource, a dashboardAnnotation, q backend.DataQuery, where string) {
	t.Helper()
	if target(t, a.Target).QueryType == "versions" {
		runDashboardQuery(t, d, q, where)
		return
	}
	queryDashboard(t, d, q, where)
}

// repeated lists the variables of each copy of a panel: one per value of the variable it repeats by.
func repeated(p dashboardPanel, vars map[string][]string) []map[string][]string {
	if p.Repeat == "" {
		return []map[string][]string{vars}
	}
	var out []map[string][]string
	for _, v := range vars[p.Repeat] {
		copyVars := map[string][]string{}
		for k, vs := range vars {
			copyVars[k] = vs
		}
		copyVars[p.Repeat] = []string{v}
		out = append(out, copyVars)
	}
	return out
}

func TestEveryBundledDashboardQueryRunsAgainstTheSimulator(t *testing.T) {
	sim, srv := newSim(t, simulator.Config{})
	sim.SetLongPoll(0)
	d := newTestDatasource(t, srv.URL, simToken)
	for _, dash := range loadDashboards(t) {
		vars := variableValues(dash, sim)
		for _, p := range dash.allPanels() {
			for _, pv := range repeated(p, vars) {
				for _, raw := range p.Targets {
					runDashboardQuery(t, d, dashboardQuery(t, raw, pv, dash.rangeOf(t, p)), dash.file+" panel "+p.Title)
				}
			}
		}
		for _, a := range dash.annotationQueries() {
			r := max(dash.rangeOf(t, dashboardPanel{}), annotationRange)
			runAnnotationQuery(t, d, a, dashboardQuery(t, a.Target, vars, r), dash.file+" annotation "+a.Name)
		}
	}
}
