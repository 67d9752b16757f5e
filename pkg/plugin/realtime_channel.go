package plugin

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/grafana/grafana-plugin-sdk-go/live"
)

// maxChannelLength is Grafana Live's limit on a whole channel ("ds/<uid>/<path>").
const maxChannelLength = 160

// realtimePathPrefix versions the self-describing live path: rt/v1/<n|d>/<services>/<metrics>/<pops or ->.
const realtimePathPrefix = "rt/v1/"

var groupByCode = map[string]string{query.GroupByNone: "n", query.GroupByDatacenter: "d"}

// realtimeChannel is the live channel that streams q, or "" when the query does not fit Grafana's limit.
func realtimeChannel(uid string, q query.Realtime) string {
	pops := strings.Join(q.Datacenters, ".")
	if pops == "" {
		pops = "-"
	}
	path := realtimePathPrefix + groupByCode[q.GroupBy] + "/" + strings.Join(q.Services, ".") + "/" +
		strings.Join(q.Metrics, ".") + "/" + pops
	ch := live.Channel{Scope: live.ScopeDatasource, Namespace: uid, Path: path}.String()
	if len(ch) > maxChannelLength {
		return ""
	}
	return ch
}

// parseRealtimePath reads a live path back into the query it streams, validating it like a query.
func parseRealtimePath(path string) (query.Realtime, error) {
	rest, ok := strings.CutPrefix(path, realtimePathPrefix)
	parts := strings.Split(rest, "/")
	if !ok || len(parts) != 4 {
		return query.Realtime{}, &query.InvalidError{Msg: fmt.Sprintf("unknown live path %q", path)}
	}
	q := query.Realtime{Services: strings.Split(parts[1], "."), Metrics: strings.Split(parts[2], ".")}
	for name, code := range groupByCode {
		if code == parts[0] {
			q.GroupBy = name
		}
	}
	if q.GroupBy == "" {
		return q, &query.InvalidError{Msg: fmt.Sprintf("unknown grouping in live path %q", path)}
	}
	if parts[3] != "-" {
		q.Datacenters = strings.Split(parts[3], ".")
	}
	raw, err := json.Marshal(q)
	if err != nil {
		return q, err
	}
	return query.ParseRealtime(raw)
}
