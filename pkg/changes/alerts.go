package changes

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Alerts marks every alert that fired in the range as a region from its start to its end (an active alert ends
// at the range's end): title = the definition's name, text = what it watches, tags = its status and service.
// status "" means both active and resolved.
func (e *Engine) Alerts(ctx context.Context, r Request, status string) (*series.Annotations, error) {
	scopes := r.scopes()
	outcomes := make([]listing[fastlyapi.AlertHistory], len(scopes))
	err := e.forEach(ctx, len(scopes), func(ctx context.Context, i int) error {
		var err error
		outcomes[i], err = e.readAlertListing(ctx, r, scopes[i], status)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := r.names()
	res := &series.Annotations{Kind: series.Alerts}
	for i, o := range outcomes {
		res.Calls = append(res.Calls, o.calls...)
		if o.truncated {
			res.Notices = append(res.Notices, series.Warn(e.capNotice("alert history", "alerts", scopes[i], fastlyapi.AlertHistoryPageSize, "the earliest")))
		}
		for _, h := range o.items {
			if r.selects(h.Definition.ServiceID) {
				res.Items = append(res.Items, alertAnnotation(h, r, names))
			}
		}
	}
	return res, nil
}

func (e *Engine) readAlertListing(ctx context.Context, r Request, s series.Service, status string) (listing[fastlyapi.AlertHistory], error) {
	req := fastlyapi.AlertHistoryRequest{ServiceID: s.ID, Status: status, From: r.From, To: r.To}
	return readListing(ctx, e.cfg.MaxPages, func(ctx context.Context, _ int) (pageOf[fastlyapi.AlertHistory], error) {
		call := req.Describe()
		p, err := e.api.AlertHistoryPage(ctx, req)
		if err != nil {
			return pageOf[fastlyapi.AlertHistory]{}, err
		}
		req.Cursor = p.NextCursor
		return pageOf[fastlyapi.AlertHistory]{items: p.Entries, call: call, more: p.NextCursor != ""}, nil
	})
}

// activeEnd is where a still-active alert's region ends: the range's end, or now when the range reaches past it.
func (r Request) activeEnd() time.Time {
	if !r.Now.IsZero() && r.Now.Before(r.To) {
		return r.Now
	}
	return r.To
}

func alertAnnotation(h fastlyapi.AlertHistory, r Request, names serviceNames) series.Annotation {
	d := h.Definition
	end := h.End
	if h.Status == fastlyapi.AlertActive || end.IsZero() {
		end = r.activeEnd()
	}
	title := d.Name
	if title == "" {
		title = "Alert " + h.DefinitionID
	}
	return series.Annotation{Time: h.Start, End: end, Title: title, Text: alertText(d),
		Tags: []string{h.Status, names.of(d.ServiceID)}}
}

// alertText says what an alert watches: metric, source, condition, period and dimensions.
func alertText(d fastlyapi.AlertDefinition) string {
	s := d.EvaluationStrategy
	text := fmt.Sprintf("%s from %s %s for %s", d.Metric, d.Source, condition(s), s.Period)
	if s.IgnoreBelow != nil {
		text += ", ignored below " + number(*s.IgnoreBelow)
	}
	for _, k := range slices.Sorted(maps.Keys(d.Dimensions)) {
		text += fmt.Sprintf("; %s: %s", k, strings.Join(d.Dimensions[k], ", "))
	}
	return text
}

// condition renders an evaluation strategy's type and threshold as words.
func condition(s fastlyapi.EvaluationStrategy) string {
	t := number(s.Threshold)
	switch s.Type {
	case "above_threshold":
		return "above " + t
	case "all_above_threshold":
		return "all above " + t
	case "below_threshold":
		return "below " + t
	case "percent_increase":
		return "up by more than " + t + "%"
	case "percent_decrease":
		return "down by more than " + t + "%"
	case "percent_absolute":
		return "changed by more than " + t + "%"
	}
	return strings.TrimSpace(s.Type + " " + t)
}

func number(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
