package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// requestInfo is what a query handler needs from the request beyond the query itself.
type requestInfo struct {
	uid       string
	fromAlert bool
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, req *backend.QueryDataRequest) context.Context {
	info := requestInfo{fromAlert: req.Headers[backend.FromAlertHeaderName] != ""}
	if s := req.PluginContext.DataSourceInstanceSettings; s != nil {
		info.uid = s.UID
	}
	return context.WithValue(ctx, requestInfoKey{}, info)
}

func requestInfoFrom(ctx context.Context) requestInfo {
	info, _ := ctx.Value(requestInfoKey{}).(requestInfo)
	return info
}
