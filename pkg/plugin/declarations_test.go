package plugin

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
)

// declarationsModule is the frontend's one module of the facts it shares with this backend, relative to the repo root.
const declarationsModule = "src/types/declarations.ts"

// printDeclarations transpiles the module given as argv[2] with the project's TypeScript and prints its exports.
const printDeclarations = `
const fs = require('fs');
const ts = require(process.argv[1]);
const source = fs.readFileSync(process.argv[2], 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS } });
const mod = { exports: {} };
new Function('module', 'exports', 'require', outputText)(mod, mod.exports, require);
process.stdout.write(JSON.stringify(mod.exports));
`

type limitDeclaration struct {
	DefaultValue *int `json:"defaultValue"`
	Max          int  `json:"max"`
}

type tsDeclarations struct {
	QueryTypes         []query.Type `json:"QUERY_TYPES"`
	DefaultAPIURL      string       `json:"DEFAULT_API_URL"`
	DefaultRealtimeURL string       `json:"DEFAULT_REALTIME_URL"`
	IntegerSettings    []struct {
		Key, Label        string
		Min, Max          int
		DefaultValue      int
		MinusOneMeansZero bool
	} `json:"INTEGER_SETTINGS"`
	QueryLimits            map[string]limitDeclaration `json:"QUERY_LIMITS"`
	MetricCategories       []string                    `json:"METRIC_CATEGORIES"`
	InsightsVisualizations []string                    `json:"INSIGHTS_VISUALIZATIONS"`
	LogFilterFields        []string                    `json:"LOG_FILTER_FIELDS"`
	LogGroupBys            []string                    `json:"LOG_GROUP_BYS"`
	LogFilterOperators     []string                    `json:"LOG_FILTER_OPERATORS"`
}

// readTSDeclarations runs node on the frontend's declarations; it skips when node or the typescript package is absent.
func readTSDeclarations(t *testing.T) tsDeclarations {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	require.NoError(t, err)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	typescript := filepath.Join(root, "node_modules", "typescript")
	if _, err := os.Stat(typescript); err != nil {
		t.Skip("node_modules/typescript is absent: run npm ci")
	}
	out, err := exec.Command(node, "-e", printDeclarations, typescript, filepath.Join(root, declarationsModule)).Output()
	require.NoError(t, err, "node could not read %s", declarationsModule)
	var d tsDeclarations
	require.NoError(t, json.Unmarshal(out, &d))
	return d
}

// logFieldNames lists the catalogue's log fields that pass keep, in its order.
func logFieldNames(keep func(query.LogField) bool) []string {
	var names []string
	for _, f := range query.LogFields() {
		if keep(f) {
			names = append(names, f.Value)
		}
	}
	return names
}

func limit(defaultValue, max int) limitDeclaration {
	return limitDeclaration{DefaultValue: &defaultValue, Max: max}
}

func TestDeclarations_FrontendAgreesWithBackend(t *testing.T) {
	ts := readTSDeclarations(t)

	t.Run("query types", func(t *testing.T) {
		d := newTestDatasource(t, "http://127.0.0.1:1", "token")
		dispatched := make([]query.Type, 0, len(d.handlers))
		for queryType := range d.handlers {
			dispatched = append(dispatched, queryType)
		}
		assert.ElementsMatch(t, query.Types, dispatched, "query.Types against the dispatch table")
		assert.Equal(t, query.Types, ts.QueryTypes, "query.Types against %s QUERY_TYPES", declarationsModule)
	})

	t.Run("default URLs", func(t *testing.T) {
		assert.Equal(t, DefaultAPIURL, ts.DefaultAPIURL, "the config editor's placeholder is the URL the backend calls")
		assert.Equal(t, DefaultRealtimeURL, ts.DefaultRealtimeURL, "the config editor's placeholder is the URL the backend calls")
	})

	t.Run("integer settings", func(t *testing.T) {
		require.Len(t, ts.IntegerSettings, len(tuningSpecs), "INTEGER_SETTINGS against tuningSpecs")
		for i, spec := range tuningSpecs {
			got := ts.IntegerSettings[i]
			assert.Equal(t, spec.Key, got.Key, "setting %d", i)
			assert.Equal(t, spec.Label, got.Label, spec.Key)
			assert.Equal(t, spec.Default, got.DefaultValue, spec.Key)
			assert.Equal(t, spec.Min, got.Min, spec.Key)
			assert.Equal(t, spec.Max, got.Max, spec.Key)
			assert.Equal(t, spec.MinusOneMeansZero, got.MinusOneMeansZero, spec.Key)
		}
	})

	t.Run("query limits", func(t *testing.T) {
		want := map[string]limitDeclaration{
			"realtimeServices": {Max: query.MaxRealtimeServices},
			"topN":             limit(query.TopNDefaultLimit, query.TopNMaxLimit),
			"insights":         limit(query.InsightsDefaultLimit, query.InsightsMaxLimit),
			"logs":             limit(query.LogsDefaultLimit, query.LogsMaxLimit),
			"logMetrics":       limit(query.LogMetricsDefaultLimit, query.LogMetricsMaxLimit),
		}
		assert.Equal(t, want, ts.QueryLimits)
	})

	t.Run("metric categories", func(t *testing.T) {
		assert.Equal(t, metrics.Categories, ts.MetricCategories, "metrics.Categories against METRIC_CATEGORIES")
	})

	t.Run("log catalogue", func(t *testing.T) {
		var visualizations, operators []string
		for _, v := range query.LogVisualizations() {
			visualizations = append(visualizations, v.Value)
		}
		for _, o := range query.LogOperators() {
			operators = append(operators, o.Value)
		}
		filterable := logFieldNames(func(f query.LogField) bool { return f.Filterable })
		groupable := logFieldNames(func(f query.LogField) bool { return f.Groupable })
		assert.Equal(t, visualizations, ts.InsightsVisualizations, "query.LogVisualizations against INSIGHTS_VISUALIZATIONS")
		assert.Equal(t, filterable, ts.LogFilterFields, "filterable query.LogFields against LOG_FILTER_FIELDS")
		assert.Equal(t, groupable, ts.LogGroupBys, "groupable query.LogFields against LOG_GROUP_BYS")
		assert.Equal(t, operators, ts.LogFilterOperators, "query.LogOperators against LOG_FILTER_OPERATORS")
	})
}
