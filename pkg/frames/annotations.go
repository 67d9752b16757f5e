package frames

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// Deploy is one version activation shown as an annotation.
type Deploy struct {
	Time        time.Time
	ServiceID   string
	ServiceName string
	Version     int
	Comment     string
}

// DeployAnnotationsFrame builds one annotation frame (fields time, title, text, tags) with a row per deploy,
// sorted by time. tags is a comma-separated string: the service name and the service id.
func DeployAnnotationsFrame(deploys []Deploy, calls []string) *data.Frame {
	sorted := append([]Deploy(nil), deploys...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		if a.ServiceName != b.ServiceName {
			return a.ServiceName < b.ServiceName
		}
		return a.Version < b.Version
	})
	n := len(sorted)
	times, titles, texts, tags := make([]time.Time, n), make([]string, n), make([]string, n), make([]string, n)
	for i, d := range sorted {
		times[i] = d.Time.UTC()
		titles[i] = fmt.Sprintf("%s v%d activated", d.ServiceName, d.Version)
		texts[i] = strings.TrimSpace(d.Comment)
		if texts[i] == "" {
			texts[i] = "(no comment)"
		}
		tags[i] = d.ServiceName + "," + d.ServiceID
	}
	frame := data.NewFrame("deploys",
		data.NewField("time", nil, times),
		data.NewField("title", nil, titles),
		data.NewField("text", nil, texts),
		data.NewField("tags", nil, tags),
	)
	frame.Meta = tableMeta("", calls, nil)
	return frame
}
