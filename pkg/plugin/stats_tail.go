package plugin

import (
	"fmt"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// statsTail is the tail source of a stats query over services, or nil and the notice that says why it has none.
// A tail that may start pollers starts them now, so their backfill runs alongside the Historical Stats calls.
func (d *Datasource) statsTail(q query.Stats, services []series.Service) (stats.TailSource, string) {
	limit := d.settings.StitchMaxServices
	if limit == 0 {
		return nil, ""
	}
	if len(services) > limit {
		return nil, fmt.Sprintf("Minutes Fastly has not published yet are left empty: this query spans %d services and "+
			"the unpublished tail is filled from real-time data for at most %d (setting stitchMaxServices). "+
			"Choose fewer services or raise the setting.", len(services), limit)
	}
	return realtime.NewTail(d.realtime, services, d.settings.StitchRealtime, q.Region), ""
}
