package frames

import "github.com/edgemetrics/fastly-datasource/pkg/stats"

// StatsCustomMeta is the Meta.Custom of stats frames whose tail was filled from real-time data.
type StatsCustomMeta struct {
	// ProvisionalFrom is the Unix second of the first provisional point; later points are provisional too.
	ProvisionalFrom int64 `json:"provisionalFrom"`
}

// statsCustom is the frame's custom meta, nil (no key at all) when every point is published.
func statsCustom(res *stats.Result) any {
	if res.Provisional == nil {
		return nil
	}
	return &StatsCustomMeta{ProvisionalFrom: res.Provisional.From.Unix()}
}
