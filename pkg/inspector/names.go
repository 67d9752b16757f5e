package inspector

import (
	"context"
	"sort"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// namesWindow is how far back the names resource looks for hosts and domains.
const namesWindow = 24 * time.Hour

// Names is what the editor needs to offer hosts or domains of one service.
type Names struct {
	ServiceID string   `json:"serviceId"`
	Product   string   `json:"product"`
	Dimension string   `json:"dimension"`
	Enabled   bool     `json:"enabled"`
	Message   string   `json:"message,omitempty"`
	Values    []string `json:"values"`
}

// Names lists the hosts (origins) or domains (domains) seen for the service in the last day, sorted; when the
// add-on is not enabled it says so instead.
func (e *Engine) Names(ctx context.Context, p fastlyapi.Product, s series.Service, now time.Time) (*Names, error) {
	out := &Names{ServiceID: s.ID, Product: string(p), Dimension: p.Dimension(), Values: []string{}}
	ok, err := e.isEnabled(ctx, p, s.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		out.Message = (&NotEnabledError{Product: p, Service: s}).Error()
		return out, nil
	}
	out.Enabled = true
	o, err := e.readListing(ctx, namesRequest(p, s.ID, now, e.cfg.PageSize))
	if err != nil {
		return nil, err
	}
	out.Values = distinctDimension(o.series, p.Dimension())
	return out, nil
}

func namesRequest(p fastlyapi.Product, serviceID string, now time.Time, pageSize int) fastlyapi.InspectorRequest {
	metric := "all_responses"
	if p == fastlyapi.DomainInspector {
		metric = "edge_requests"
	}
	end := now.UTC().Truncate(time.Hour).Add(time.Hour)
	return fastlyapi.InspectorRequest{
		Product: p, ServiceID: serviceID, Start: end.Add(-namesWindow - time.Hour), End: end,
		Downsample: "hour", Metrics: []string{metric}, GroupBy: []string{p.Dimension()}, Limit: pageSize,
	}
}

func distinctDimension(series []fastlyapi.InspectorSeries, dim string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, s := range series {
		if v := s.Dimensions[dim]; v != "" && !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Strings(out)
	return out
}
