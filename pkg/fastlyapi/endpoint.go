package fastlyapi

import "strings"

// Endpoint classes: the kinds of Fastly endpoint the client calls, a fixed set safe to use as metric labels.
const (
	ClassStats             = "stats"              // /stats, /stats/service/…, /stats/field/…
	ClassUsage             = "usage"              // /stats/usage, /stats/usage_by_service, /stats/usage_by_month
	ClassRealtime          = "realtime"           // rt.fastly.com /v1/channel/…
	ClassInspector         = "inspector"          // /metrics/{origins,domains}/…
	ClassInspectorRealtime = "inspector_realtime" // rt.fastly.com /v1/{origins,domains}/…
	ClassVersions          = "versions"           // /service/{id}/version
	ClassTokens            = "tokens"             // /tokens/self
	ClassEvents            = "events"             // /events (the account event log)
	ClassAlerts            = "alerts"             // /alerts/history
	ClassLogs              = "logs"               // /observability/… (Log Explorer & Insights)
	ClassAccount           = "account"            // /service, /datacenters, /stats/regions, /enabled-products/…
	ClassOther             = "other"              // a path none of the above matches
)

// EndpointClasses lists every class EndpointClass returns.
var EndpointClasses = []string{ClassStats, ClassUsage, ClassRealtime, ClassInspector, ClassInspectorRealtime,
	ClassVersions, ClassTokens, ClassEvents, ClassAlerts, ClassLogs, ClassAccount, ClassOther}

// EndpointClass is the class of the endpoint a request path calls; it never reveals the path's ids.
func EndpointClass(path string) string {
	switch {
	case strings.HasPrefix(path, "/stats/usage"):
		return ClassUsage
	case path == "/stats/regions":
		return ClassAccount
	case path == "/stats" || strings.HasPrefix(path, "/stats/"):
		return ClassStats
	case strings.HasPrefix(path, "/v1/channel/"):
		return ClassRealtime
	case strings.HasPrefix(path, "/v1/"):
		return ClassInspectorRealtime
	case strings.HasPrefix(path, "/metrics/"):
		return ClassInspector
	case strings.HasPrefix(path, "/service/") && strings.HasSuffix(path, "/version"):
		return ClassVersions
	case strings.HasPrefix(path, "/tokens/"):
		return ClassTokens
	case path == EventsPath:
		return ClassEvents
	case strings.HasPrefix(path, "/alerts/"):
		return ClassAlerts
	case strings.HasPrefix(path, "/observability/"):
		return ClassLogs
	case path == ServicesPath || path == "/datacenters" || strings.HasPrefix(path, "/enabled-products/"):
		return ClassAccount
	default:
		return ClassOther
	}
}
