package frames

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Field names of the services table.
const (
	FieldID            = "id"
	FieldName          = "name"
	FieldType          = "type"
	FieldActiveVersion = "active_version"
	FieldLastUpdated   = "last_updated"
)

// ServicesFrame builds the services table: one row per service in the given order. A service without an active
// version or update time has null there.
func ServicesFrame(services []fastlyapi.Service) *data.Frame {
	n := len(services)
	ids, names, types := make([]string, n), make([]string, n), make([]string, n)
	versions, updated := make([]*int64, n), make([]*time.Time, n)
	for i, s := range services {
		ids[i], names[i], types[i] = s.ID, s.Name, s.Type
		if s.ActiveVersion > 0 {
			v := int64(s.ActiveVersion)
			versions[i] = &v
		}
		if !s.UpdatedAt.IsZero() {
			t := s.UpdatedAt.UTC()
			updated[i] = &t
		}
	}
	id := data.NewField(FieldID, nil, ids)
	name := data.NewField(FieldName, nil, names)
	name.Config = &data.FieldConfig{Links: rowLinks(FieldID)}
	typ := data.NewField(FieldType, nil, types)
	typ.Config = &data.FieldConfig{DisplayNameFromDS: "Type", Description: "vcl (Delivery) or wasm (Compute)"}
	version := data.NewField(FieldActiveVersion, nil, versions)
	version.Config = &data.FieldConfig{DisplayNameFromDS: "Active version", Unit: "none"}
	last := data.NewField(FieldLastUpdated, nil, updated)
	last.Config = &data.FieldConfig{DisplayNameFromDS: "Last updated"}

	frame := data.NewFrame("services", id, name, typ, version, last)
	frame.Meta = tableMeta(data.FrameTypeTable, []string{fastlyapi.DescribeCachedServiceList()}, nil)
	return frame
}
