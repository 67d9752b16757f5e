package changes

import (
	"context"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// eventListing is one paginated read of the event log: one event type for one service, or for every service.
type eventListing struct {
	eventType string
	service   series.Service // zero for every service
}

// Events marks every event of the given types in the range: time = created_at, title = the type's label and the
// service, text = Fastly's description and who made the change, tags = the type and the service.
func (e *Engine) Events(ctx context.Context, r Request, eventTypes []string) (*series.Annotations, error) {
	return e.eventAnnotations(ctx, r, series.Events, eventTypes, eventAnnotation)
}

// eventAnnotations reads the listings of the given types and marks each event in the range with mark.
func (e *Engine) eventAnnotations(ctx context.Context, r Request, kind series.AnnotationKind, eventTypes []string,
	mark func(fastlyapi.Event, serviceNames) series.Annotation) (*series.Annotations, error) {
	listings := planEventListings(r, eventTypes)
	outcomes, err := e.readEventListings(ctx, r, listings)
	if err != nil {
		return nil, err
	}
	names := r.names()
	res := &series.Annotations{Kind: kind}
	for i, o := range outcomes {
		res.Calls = append(res.Calls, o.calls...)
		if l := listings[i]; o.truncated {
			res.Notices = append(res.Notices, series.Warn(e.capNotice("event log", l.eventType+" events", l.service, fastlyapi.EventsPageSize, "the oldest")))
		}
		for _, ev := range o.items {
			if inRange(ev.CreatedAt, r.From, r.To) && r.selects(ev.ServiceID) {
				res.Items = append(res.Items, mark(ev, names))
			}
		}
	}
	return res, nil
}

func planEventListings(r Request, eventTypes []string) []eventListing {
	var out []eventListing
	for _, t := range eventTypes {
		for _, s := range r.scopes() {
			out = append(out, eventListing{eventType: t, service: s})
		}
	}
	return out
}

// readEventListings reads every listing, each up to the page bound, with the configured calls in flight.
func (e *Engine) readEventListings(ctx context.Context, r Request, listings []eventListing) ([]listing[fastlyapi.Event], error) {
	outcomes := make([]listing[fastlyapi.Event], len(listings))
	err := e.forEach(ctx, len(listings), func(ctx context.Context, i int) error {
		var err error
		outcomes[i], err = e.readEventListing(ctx, r, listings[i])
		return err
	})
	return outcomes, err
}

func (e *Engine) readEventListing(ctx context.Context, r Request, l eventListing) (listing[fastlyapi.Event], error) {
	return readListing(ctx, e.cfg.MaxPages, func(ctx context.Context, page int) (pageOf[fastlyapi.Event], error) {
		req := fastlyapi.EventsRequest{EventType: l.eventType, ServiceID: l.service.ID, From: r.From, To: r.To, Page: page}
		p, err := e.api.EventsPage(ctx, req)
		if err != nil {
			return pageOf[fastlyapi.Event]{}, err
		}
		return pageOf[fastlyapi.Event]{items: p.Events, call: req.Describe(), more: p.More}, nil
	})
}

func eventAnnotation(ev fastlyapi.Event, names serviceNames) series.Annotation {
	label := ev.EventType
	if t, ok := query.LookupEventType(ev.EventType); ok {
		label = t.Label
	}
	a := series.Annotation{Time: ev.CreatedAt, Title: label, Text: describe(ev), Tags: []string{ev.EventType}}
	if ev.ServiceID != "" {
		name := names.of(ev.ServiceID)
		a.Title += ": " + name
		a.Tags = append(a.Tags, name)
	}
	return a
}

// describe is Fastly's description of an event and who made it: the user id, or Fastly for its own staff.
func describe(ev fastlyapi.Event) string {
	text := strings.TrimSpace(ev.Description)
	if text == "" {
		text = "(no description)"
	}
	if who := actor(ev); who != "" {
		text += " (by " + who + ")"
	}
	return text
}

func actor(ev fastlyapi.Event) string {
	if ev.Admin {
		return "Fastly"
	}
	if ev.UserID != "" {
		return "user " + ev.UserID
	}
	return ""
}
