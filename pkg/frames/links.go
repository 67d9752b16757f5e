package frames

import (
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Where a service's links lead; the service id follows.
const (
	fastlyServiceURL    = "https://manage.fastly.com/configure/services/"
	serviceDashboardURL = "/d/fastly-service?var-service="
)

// seriesLinks open a series' service in Fastly and in the bundled service dashboard; none for the sum.
func seriesLinks(s series.Series) []data.DataLink {
	if s.Service.ID == "" {
		return nil
	}
	return serviceLinks("Open "+s.Service.Name+" in Fastly", s.Service.ID)
}

// rowLinks open each table row's service, whose id is in field idField (Grafana interpolates it per row).
func rowLinks(idField string) []data.DataLink {
	return serviceLinks("Open in Fastly", "${__data.fields."+idField+"}")
}

func serviceLinks(title, id string) []data.DataLink {
	return []data.DataLink{
		{Title: title, URL: fastlyServiceURL + id, TargetBlank: true},
		{Title: "Fastly service dashboard", URL: serviceDashboardURL + id},
	}
}
