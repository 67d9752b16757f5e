package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// requestInfo is what a query handler needs from the request beyond the query itself.
type requestInfo struct {
	uid, name string // the datasource's uid and name, for links back to it
	fromAlert bool
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, req *backend.QueryDataRequest) context.Context {
	info := requestInfo{fromAlert: req.Headers[backend.FromAlertHeaderName] != ""}
	if s := req.PluginContext.DataSourceInstanceSettings; s != nil {
		info.uid, info.name = s.UID, s.Name
	}
	return context.WithValue(ctx, requestInfoKey{}, info)
}

func requestInfoFrom(ctx context.Context) requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(requestInfo)
	return info
}
