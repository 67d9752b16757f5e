package frames

import (
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/usage"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// UsageFrame builds a usage table frame: region, or service_id and service_name (linked to Fastly and to the
// service dashboard), then bandwidth, requests and compute_requests.
func UsageFrame(t usage.Table) *data.Frame {
	n := len(t.Rows)
	bandwidth, requests, compute := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, r := range t.Rows {
		bandwidth[i], requests[i], compute[i] = r.Usage.Bandwidth, r.Usage.Requests, r.Usage.ComputeRequests
	}
	var fields []*data.Field
	if t.ByRegion {
		regions := make([]string, n)
		for i, r := range t.Rows {
			regions[i] = r.Region
		}
		fields = append(fields, data.NewField("region", nil, regions))
	} else {
		ids, names := make([]string, n), make([]string, n)
		for i, r := range t.Rows {
			ids[i], names[i] = r.ServiceID, r.ServiceName
		}
		name := data.NewField(series.LabelServiceName, nil, names)
		name.Config = &data.FieldConfig{Links: rowLinks(series.LabelServiceID)}
		fields = append(fields, data.NewField(series.LabelServiceID, nil, ids), name)
	}
	bw := data.NewField("bandwidth", nil, bandwidth)
	bw.Config = &data.FieldConfig{DisplayNameFromDS: "Bandwidth", Unit: "decbytes"}
	req := data.NewField("requests", nil, requests)
	req.Config = &data.FieldConfig{DisplayNameFromDS: "Requests", Unit: "short"}
	if t.BillableUnits {
		bw.Config.Unit = "suffix: GB"
		bw.Config.Description = "Billable bandwidth in GB, as Fastly reports it with billable_units"
		req.Config.DisplayNameFromDS = "Requests (×10,000)"
		req.Config.Description = "Billable requests in units of 10,000, as Fastly reports them with billable_units"
	}
	cr := data.NewField("compute_requests", nil, compute)
	cr.Config = &data.FieldConfig{DisplayNameFromDS: "Compute requests", Unit: "short"}
	fields = append(fields, bw, req, cr)

	frame := data.NewFrame(t.Name, fields...)
	frame.Meta = tableMeta(data.FrameTypeTable, t.Calls, t.Notices)
	return frame
}
