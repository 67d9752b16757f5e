package plugin

import (
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/realtime"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/edgemetrics/fastly-datasource/pkg/stats"
)

// statsTail is the tail reader of a stats query over services ending at to, or nil and the notice that says why it
// has none. A tail that may start pollers starts them now, so their backfill runs alongside the Historical Stats
// calls. A range that ended before the real-time buffers reach back has nothing to stitch and starts no poller.
func (d *Datasource) statsTail(q query.Stats, services []series.Service, to, now time.Time) (stats.TailReader, string) {
	limit := d.settings.StitchMaxServices
	if limit == 0 || now.Sub(to) > time.Duration(d.realtime.BufferSeconds())*time.Second {
		return nil, ""
	}
	if len(services) > limit {
		return nil, fmt.Sprintf("Minutes Fastly has not published yet are left empty: this query spans %d services and "+
			"the unpublished tail is filled from real-time data for at most %d (setting stitchMaxServices). "+
			"Choose fewer services or raise the setting.", len(services), limit)
	}
	return realtime.NewTail(d.realtime, services, d.settings.StitchRealtime, q.Region), ""
}
