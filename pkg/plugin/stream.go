package plugin

import (
	"context"
	"errors"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// SubscribeStream admits a live path only when it is a valid realtime query over services the token can see.
func (d *Datasource) SubscribeStream(ctx context.Context, req *backend.SubscribeStreamRequest) (*backend.SubscribeStreamResponse, error) {
	q, err := parseRealtimePath(req.Path)
	if err != nil {
		return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusNotFound}, nil
	}
	if !d.settings.HasToken() {
		return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusPermissionDenied}, nil
	}
	if _, err := d.account.resolveServices(ctx, q.Services); err != nil {
		var notVisible *serviceNotVisibleError
		if errors.As(err, &notVisible) {
			return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusPermissionDenied}, nil
		}
		return nil, d.streamError(err)
	}
	return &backend.SubscribeStreamResponse{Status: backend.SubscribeStreamStatusOK}, nil
}

// PublishStream is denied: real-time channels are read-only.
func (d *Datasource) PublishStream(context.Context, *backend.PublishStreamRequest) (*backend.PublishStreamResponse, error) {
	return &backend.PublishStreamResponse{Status: backend.PublishStreamStatusPermissionDenied}, nil
}

// frameSender is the part of backend.StreamSender RunStream uses.
type frameSender interface {
	SendFrame(frame *data.Frame, include data.FrameInclude) error
}

// RunStream follows the channel's services through the shared pollers and sends each new second as frame rows.
func (d *Datasource) RunStream(ctx context.Context, req *backend.RunStreamRequest, sender *backend.StreamSender) error {
	return d.streamError(d.runStream(ctx, req.Path, sender))
}

// streamError is err as Grafana shows it for a stream: classified, without the token.
func (d *Datasource) streamError(err error) error {
	if err == nil {
		return nil
	}
	return errors.New(d.settings.redact(classify(err).message))
}

func (d *Datasource) runStream(ctx context.Context, path string, sender frameSender) error {
	q, err := parseRealtimePath(path)
	if err != nil {
		return err
	}
	v, err := d.resolveRealtime(ctx, q)
	if err != nil {
		return err
	}
	notify := make(chan struct{}, 1)
	subs := make([]*realtime.Subscription, 0, len(v.Services))
	defer func() {
		for _, s := range subs {
			s.Close()
		}
	}()
	subscribe := d.realtime.Subscribe
	if v.NeedsPOPs() {
		subscribe = d.realtime.SubscribePOPs
	}
	for _, svc := range v.Services {
		sub, err := subscribe(svc.ID, notify)
		if err != nil {
			return err
		}
		subs = append(subs, sub)
	}
	return d.streamLoop(ctx, v, subs, notify, sender)
}

func (d *Datasource) streamLoop(ctx context.Context, v realtime.View, subs []*realtime.Subscription, notify chan struct{}, sender frameSender) error {
	sent := int64(0)
	wasStale := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-notify:
		}
		bufs, newest := make([]*realtime.Buffer, len(subs)), int64(0)
		var stale []realtime.StaleService
		for i, s := range subs {
			bufs[i], newest = s.Buffer, max(newest, s.Buffer.Newest())
			if st := s.Status(); st.Err != nil {
				stale = append(stale, realtime.StaleService{Service: v.Services[i], Status: st})
			}
		}
		notices := d.staleNotices(stale)
		if sent == 0 {
			sent = newest - 1
			v.PinPOPs(bufs, 0, newest)
		}
		v.PinPOPs(bufs, sent+1, newest)
		if newest <= sent && (len(notices) > 0) == wasStale {
			continue
		}
		wasStale = len(notices) > 0
		from := sent + 1
		res := v.Result(bufs, time.Unix(from, 0), time.Unix(newest, 0))
		res.Notices, res.Calls = notices, nil // the panel's first answer lists the calls; a push each second need not
		frame := frames.Wide("", res, v.Query.LegendFormat)
		if err := sender.SendFrame(frame, data.IncludeAll); err != nil {
			return err
		}
		sent = max(sent, newest)
	}
}
