package frames

import (
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/stretchr/testify/assert"
)

func TestLegendFillsKnownTokens(t *testing.T) {
	values := map[string]string{"service_name": "shop", "service_id": "SU1", "metric": "requests", "datacenter": "LHR", "origin": ""}
	cases := map[string]string{
		"{{service_name}}":                         "shop",
		"{{ service_name }} {{metric}}":            "shop requests",
		"{{service_id}}/{{datacenter}}":            "SU1/LHR",
		"{{nope}} {{service_name}}":                "{{nope}} shop",
		"{{origin}} on {{service_name}}":           "{{origin}} on shop",
		"{{region}}":                               "{{region}}",
		"5xx of {{service_name}} ({{  metric  }})": "5xx of shop (requests)",
		"{service_name} {{service_name":            "{service_name} {{service_name",
		"plain":                                    "plain",
	}
	for format, want := range cases {
		assert.Equal(t, want, Legend(format, values), format)
	}
}

func TestLegendSetsValueFieldsOnly(t *testing.T) {
	value := data.NewField("status_5xx", data.Labels{series.LabelServiceName: "shop", series.LabelServiceID: "SU1", series.LabelPOPName: "London",
		query.DimensionRegion: "Europe", "host": "origin.example.com", "domain": "www.example.com"}, []*float64{nil})
	value.Config = &data.FieldConfig{DisplayNameFromDS: "shop", Unit: "short"}
	frame := data.NewFrame("x", data.NewField("time", nil, []time.Time{{}}), value)
	applyLegend(data.Frames{frame}, "{{service_name}} {{metric}} {{pop_name}} {{region}} {{origin}} {{domain}}")
	assert.Equal(t, "shop status_5xx London Europe origin.example.com www.example.com", value.Config.DisplayNameFromDS)
	assert.Equal(t, "short", value.Config.Unit, "the rest of the config stays")
	assert.Nil(t, frame.Fields[0].Config, "the time field keeps no display name")
}

func TestLegendEmptyChangesNothing(t *testing.T) {
	value := data.NewField("requests", nil, []*float64{nil})
	value.Config = &data.FieldConfig{DisplayNameFromDS: "shop"}
	applyLegend(data.Frames{data.NewFrame("x", value)}, "  ")
	assert.Equal(t, "shop", value.Config.DisplayNameFromDS)
}
