package plugin

import (
	"context"
	"net/http"

	"github.com/edgemetrics/fastly-datasource/pkg/changes"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// newChangesEngine builds the annotation engine with the datasource's concurrency setting.
func newChangesEngine(api changes.API, s Settings) *changes.Engine {
	return changes.NewEngine(api, changes.Config{MaxConcurrent: s.MaxConcurrentCalls})
}

// handleVersions answers a versions query: a deploy annotation per version activation in the range.
func (d *Datasource) handleVersions(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseVersions(dq.JSON)
	if err != nil {
		return nil, err
	}
	return d.annotate(ctx, q.Services, dq.TimeRange, d.changes.Deploys)
}

// handleEvents answers an events query: an annotation per event of the chosen types in the range.
func (d *Datasource) handleEvents(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseEvents(dq.JSON)
	if err != nil {
		return nil, err
	}
	return d.annotate(ctx, q.Services, dq.TimeRange, func(ctx context.Context, r changes.Request) (*series.Annotations, error) {
		return d.changes.Events(ctx, r, q.EventTypes)
	})
}

// handleAlerts answers an alerts query: a region annotation per alert that fired in the range.
func (d *Datasource) handleAlerts(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseAlerts(dq.JSON)
	if err != nil {
		return nil, err
	}
	return d.annotate(ctx, q.Services, dq.TimeRange, func(ctx context.Context, r changes.Request) (*series.Annotations, error) {
		return d.changes.Alerts(ctx, r, q.Status)
	})
}

// annotate resolves the selected services (none = every service), runs one engine call and builds its frame.
func (d *Datasource) annotate(ctx context.Context, ids []string, tr backend.TimeRange,
	run func(ctx context.Context, r changes.Request) (*series.Annotations, error)) (data.Frames, error) {
	services, err := d.account.resolveServices(ctx, ids)
	if err != nil {
		return nil, err
	}
	res, err := run(ctx, changes.Request{Services: services, AllServices: len(ids) == 0, From: tr.From, To: tr.To, Now: d.now()})
	if err != nil {
		return nil, err
	}
	return data.Frames{frames.Annotations(*res)}, nil
}

// eventTypeOptions serves the event-types resource: Fastly's event types, most useful first.
func (d *Datasource) eventTypeOptions(context.Context, *http.Request) (any, error) {
	return query.EventTypes(), nil
}
