package frames

import (
	"fmt"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// labels are a series' service_id and service_name (none for the sum over services), then its group and details.
func labels(s series.Series) data.Labels {
	if s.Service.ID == "" && len(s.Dimensions) == 0 {
		return nil
	}
	out := data.Labels{}
	if s.Service.ID != "" {
		out[series.LabelServiceID], out[series.LabelServiceName] = s.Service.ID, s.Service.Name
	}
	for _, l := range append(s.Dimensions, s.Details...) {
		out[l.Name] = l.Value
	}
	return out
}

// displayName names a series by its service and group values, with the metric when a result has several; the
// sum over services says how many it adds up.
func displayName(s series.Series, multiMetric bool, services int) string {
	if s.Service.ID == "" && len(s.Dimensions) == 0 {
		return fmt.Sprintf("%s (sum of %s)", s.Metric.Label, servicesText(services))
	}
	parts := []string{s.Service.Name}
	for _, l := range s.Dimensions {
		parts = append(parts, l.Value)
	}
	if multiMetric {
		parts = append(parts, s.Metric.Label)
	}
	return strings.Join(parts, " ")
}

func servicesText(n int) string {
	if n == 1 {
		return "1 service"
	}
	return fmt.Sprintf("%d services", n)
}
