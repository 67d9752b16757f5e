package plugin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/metrics"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/resource/httpadapter"
)

// CallResource serves the editor's and the template variables' dropdowns.
func (d *Datasource) CallResource(ctx context.Context, req *backend.CallResourceRequest, sender backend.CallResourceResponseSender) error {
	return d.resources.CallResource(ctx, req, sender)
}

func (d *Datasource) newResourceHandler() backend.CallResourceHandler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /services", d.resource(d.serviceOptions))
	mux.HandleFunc("GET /metrics", d.resource(d.metricOptions))
	mux.HandleFunc("GET /regions", d.resource(d.regionOptions))
	mux.HandleFunc("GET /datacenters", d.resource(d.popOptions))
	mux.HandleFunc("GET /origins", d.resource(d.inspectorNames(fastlyapi.OriginInspector)))
	mux.HandleFunc("GET /domains", d.resource(d.inspectorNames(fastlyapi.DomainInspector)))
	mux.HandleFunc("GET /event-types", d.resource(d.eventTypeOptions))
	mux.HandleFunc("GET /log-visualizations", d.resource(d.logVisualizationOptions))
	mux.HandleFunc("GET /log-fields", d.resource(d.logFieldOptions))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, resourceError{Error: "unknown resource " + r.URL.Path})
	})
	return httpadapter.New(mux)
}

// staticResources answer from the plugin's own catalogues, without a token or a Fastly call.
var staticResources = map[string]bool{"/metrics": true, "/event-types": true, "/log-visualizations": true, "/log-fields": true}

// resourceError is the body of a failed resource call.
type resourceError struct {
	Error string `json:"error"`
}

// serviceOption is one service in the services dropdown.
type serviceOption struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
}

// popOption is one POP in the datacenters dropdown.
type popOption struct {
	Code        string  `json:"code"`
	Name        string  `json:"name"`
	Group       string  `json:"group"`
	Region      string  `json:"region"`
	StatsRegion string  `json:"statsRegion"`
	Latitude    float64 `json:"latitude"`
	Longitude   float64 `json:"longitude"`
}

// resource wraps a loader into a handler that answers JSON, or a classified error without the token.
func (d *Datasource) resource(load func(ctx context.Context, r *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !d.settings.HasToken() && !staticResources[r.URL.Path] {
			writeJSON(w, http.StatusBadRequest, resourceError{Error: errNoToken.Error()})
			return
		}
		v, err := load(r.Context(), r)
		if err != nil {
			c := classify(err)
			backend.Logger.FromContext(r.Context()).Debug("Fastly resource failed", "path", r.URL.Path, "error", d.settings.redact(c.message))
			writeJSON(w, resourceStatus(c), resourceError{Error: d.settings.redact(c.message)})
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// resourceStatus avoids 401/403, which Grafana's frontend would take as the user's own session failing.
func resourceStatus(c classified) int {
	switch {
	case c.status == backend.StatusBadRequest && c.source == backend.ErrorSourcePlugin:
		return http.StatusBadRequest
	case c.source == backend.ErrorSourceDownstream:
		return http.StatusBadGateway
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (d *Datasource) serviceOptions(ctx context.Context, _ *http.Request) (any, error) {
	list, err := d.account.sortedServices(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]serviceOption, len(list))
	for i, s := range list {
		out[i] = serviceOption{ID: s.ID, Name: s.Name, Type: s.Type}
	}
	return out, nil
}

func (d *Datasource) metricOptions(_ context.Context, r *http.Request) (any, error) {
	all := metrics.All()
	queryType := r.URL.Query().Get("queryType")
	if queryType == "" {
		return all, nil
	}
	if _, ok := d.handlers[query.Type(queryType)]; !ok {
		return nil, &query.InvalidError{Msg: fmt.Sprintf("unknown queryType %.40q: use one of %s", queryType, strings.Join(d.queryTypes(), ", "))}
	}
	if queryType == string(query.TypeLogMetrics) {
		return query.LogMetricsCatalogue(), nil
	}
	if inspectorMetrics := metrics.Inspector(queryType); len(inspectorMetrics) > 0 {
		return inspectorMetrics, nil
	}
	out := []metrics.Metric{}
	for _, m := range all {
		if m.Serves(queryType) {
			out = append(out, m)
		}
	}
	return out, nil
}

func (d *Datasource) regionOptions(ctx context.Context, _ *http.Request) (any, error) {
	regions, err := d.account.regions.Get(ctx, false)
	if err != nil {
		return nil, err
	}
	out := append([]string{}, regions...)
	sort.Strings(out)
	return out, nil
}

func (d *Datasource) popOptions(ctx context.Context, _ *http.Request) (any, error) {
	pops, err := d.account.pops.Get(ctx, false)
	if err != nil {
		return nil, err
	}
	out := make([]popOption, len(pops))
	for i, pop := range pops {
		out[i] = toPOPOption(pop)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

func toPOPOption(pop fastlyapi.POP) popOption {
	return popOption{
		Code: pop.Code, Name: pop.Name, Group: pop.Group, Region: pop.Region, StatsRegion: pop.StatsRegion,
		Latitude: pop.Coordinates.Latitude, Longitude: pop.Coordinates.Longitude,
	}
}
