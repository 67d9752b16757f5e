package changes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Deploys marks every version activation in the range from the event log: time = the activation's created_at,
// the version number from the event, who activated it. When the token cannot read the event log (401, 403 or
// 404), it marks versions by their updated_at instead, with a notice that the times are approximate.
func (e *Engine) Deploys(ctx context.Context, r Request) (*series.Annotations, error) {
	res, err := e.eventAnnotations(ctx, r, series.Deploys, []string{query.EventVersionActivate}, activationAnnotation)
	if cause, ok := eventLogUnreadable(err); ok {
		return e.deploysFromVersions(ctx, r, cause)
	}
	return res, err
}

// eventLogUnreadable tells whether err says the event log is closed to this token or absent on this API host.
func eventLogUnreadable(err error) (*fastlyapi.Error, bool) {
	var apiErr *fastlyapi.Error
	if errors.As(err, &apiErr) && (apiErr.RejectsToken() || apiErr.StatusCode == http.StatusNotFound) {
		return apiErr, true
	}
	return nil, false
}

func activationAnnotation(ev fastlyapi.Event, names serviceNames) series.Annotation {
	name := names.of(ev.ServiceID)
	a := series.Annotation{Time: ev.CreatedAt, Text: describe(ev), Tags: []string{name, ev.ServiceID}}
	if n, ok := ev.Version(); ok {
		a.Version = n
		a.Title = fmt.Sprintf("%s v%d activated", name, n)
	} else {
		a.Title = name + ": a version was activated"
	}
	return a
}

// deploysFromVersions marks the active or deployed versions whose updated_at lies in the range, one
// /service/{id}/version call per service for at most MaxListedServices services (the first ones of the request),
// so an "All" selection on a large account costs 10 calls, not one per service.
func (e *Engine) deploysFromVersions(ctx context.Context, r Request, cause *fastlyapi.Error) (*series.Annotations, error) {
	services := r.Services[:min(len(r.Services), MaxListedServices)]
	lists := make([][]fastlyapi.Version, len(services))
	err := e.forEach(ctx, len(services), func(ctx context.Context, i int) error {
		var err error
		lists[i], err = e.api.Versions(ctx, services[i].ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	res := &series.Annotations{Kind: series.Deploys, Notices: []series.Notice{series.Warn(approximateNotice(cause))}}
	if len(services) < len(r.Services) {
		res.Notices = append(res.Notices, series.Warn(fmt.Sprintf("Without the event log, deploys are read from each "+
			"service's versions: shown for the first %d of the %d selected services (%s to %s). Select fewer services, or "+
			"give the token access to the event log.", len(services), len(r.Services), services[0].Name, services[len(services)-1].Name)))
	}
	for i, s := range services {
		res.Calls = append(res.Calls, fastlyapi.DescribeCall(fastlyapi.VersionsPath(s.ID), nil))
		for _, v := range lists[i] {
			if (v.Active || v.Deployed) && inRange(v.UpdatedAt, r.From, r.To) {
				res.Items = append(res.Items, versionAnnotation(s, v))
			}
		}
	}
	return res, nil
}

func approximateNotice(cause *fastlyapi.Error) string {
	return fmt.Sprintf("Fastly's event log could not be read (%d %s: %s), so deploys are placed at each version's last update: "+
		"the times are approximate. A token that may read the account's event log gives the exact activation times.",
		cause.StatusCode, http.StatusText(cause.StatusCode), cause.Message)
}

func versionAnnotation(s series.Service, v fastlyapi.Version) series.Annotation {
	text := strings.TrimSpace(v.Comment)
	if text == "" {
		text = "(no comment)"
	}
	return series.Annotation{Time: v.UpdatedAt, Title: fmt.Sprintf("%s v%d activated", s.Name, v.Number), Text: text,
		Tags: []string{s.Name, s.ID}, Version: v.Number}
}
