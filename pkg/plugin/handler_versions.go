package plugin

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"golang.org/x/sync/errgroup"
)

// versionCallsInFlight bounds the concurrent /service/{id}/version calls of one query.
const versionCallsInFlight = 4

// handleVersions answers a versions query: one annotation per version that is active or deployed and whose
// updated_at lies in the time range (Fastly records no activation time).
func (d *Datasource) handleVersions(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseVersions(dq.JSON)
	if err != nil {
		return nil, err
	}
	services, err := d.account.resolveServices(ctx, q.Services)
	if err != nil {
		return nil, err
	}
	lists := make([][]fastlyapi.Version, len(services))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(versionCallsInFlight)
	for i, s := range services {
		g.Go(func() error {
			v, err := d.api.Versions(gctx, s.ID)
			lists[i] = v
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	from, to := dq.TimeRange.From, dq.TimeRange.To
	var deploys []frames.Deploy
	calls := make([]string, len(services))
	for i, s := range services {
		calls[i] = fastlyapi.DescribeCall(fastlyapi.VersionsPath(s.ID), nil)
		for _, v := range lists[i] {
			if (v.Active || v.Deployed) && inRange(v.UpdatedAt, from, to) {
				deploys = append(deploys, frames.Deploy{Time: v.UpdatedAt, ServiceID: s.ID, ServiceName: s.Name, Version: v.Number, Comment: v.Comment})
			}
		}
	}
	return data.Frames{frames.DeployAnnotationsFrame(deploys, calls)}, nil
}

// inRange reports whether t lies in [from, to]; a zero time never does.
func inRange(t, from, to time.Time) bool {
	return !t.IsZero() && !t.Before(from) && !t.After(to)
}
