package plugin

import (
	"context"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// handleServices answers a services query: the table of every service the token can see, sorted by name.
func (d *Datasource) handleServices(ctx context.Context, _ backend.DataQuery) (data.Frames, error) {
	services, err := d.account.sortedServices(ctx)
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.ServicesFrame(services)}, nil
}
