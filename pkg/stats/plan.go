package stats

import "github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"

// Thresholds of the call planner: with few fields, one-field endpoints move far fewer bytes than full rows
// (~150 fields each); with many services, one call for all services beats one call per service.
const (
	fewFieldsMax   = 3
	fewServicesMax = 4
)

// plan chooses the Fastly calls that fetch fields for the request's services.
func plan(r Request, fields []string) []fastlyapi.StatsRequest {
	base := fastlyapi.StatsRequest{From: r.From, To: r.To, By: string(r.Granularity), Region: r.Query.Region}
	manyServices := r.AllServices || len(r.Services) > fewServicesMax
	var calls []fastlyapi.StatsRequest
	switch {
	case len(fields) <= fewFieldsMax && manyServices:
		for _, f := range fields {
			calls = append(calls, withField(base, "", f))
		}
	case len(fields) <= fewFieldsMax:
		for _, s := range r.Services {
			for _, f := range fields {
				calls = append(calls, withField(base, s.ID, f))
			}
		}
	case manyServices:
		c := base
		c.Fields = fields
		if !r.AllServices {
			c.Services = serviceIDs(r.Services)
		}
		calls = append(calls, c)
	default:
		for _, s := range r.Services {
			c := base
			c.ServiceID, c.Fields = s.ID, fields
			calls = append(calls, c)
		}
	}
	return calls
}

func withField(base fastlyapi.StatsRequest, serviceID, field string) fastlyapi.StatsRequest {
	base.ServiceID, base.Field, base.Fields = serviceID, field, []string{field}
	return base
}

func serviceIDs(services []Service) []string {
	ids := make([]string, len(services))
	for i, s := range services {
		ids[i] = s.ID
	}
	return ids
}
