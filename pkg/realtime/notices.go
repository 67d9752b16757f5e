package realtime

import (
	"fmt"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Where older data than the buffers hold is found, for the notices and errors that point there.
const (
	OlderInStats      = "a stats query"
	OlderInHistorical = "source historical"
)

// StaleNotice warns that a service's real-time data stopped at its poller's first failure, for reason.
func StaleNotice(s StaleService, reason string) series.Notice {
	return series.Warn(fmt.Sprintf("real-time data of %s is stale: polling Fastly has failed since %s (%s)",
		s.Service.Name, s.Status.Since.UTC().Format(time.TimeOnly), reason))
}

// TooOldError says a range lies entirely before what the buffers keep (minutes each).
func TooOldError(minutes int, older string) error {
	return &query.InvalidError{Msg: fmt.Sprintf(
		"real-time data is kept in memory for the last %d minutes only (and since the plugin started following the service): use %s for older ranges",
		minutes, older)}
}

// StartsAtNotice says the answer starts at oldest, where the buffers' data starts.
func StartsAtNotice(oldest int64, minutes int, older string) series.Notice {
	return series.Inform(fmt.Sprintf(
		"real-time data starts at %s: the plugin keeps the last %d minutes from when it started following the service; use %s for older data",
		stamp(oldest), minutes, older))
}

// popDetailNotice says the answer starts at oldest, where the POP detail starts.
func popDetailNotice(oldest int64, minutes int) series.Notice {
	return series.Inform(fmt.Sprintf(
		"real-time POP detail starts at %s: the plugin keeps per-POP seconds from when a per-POP panel, stream or alert rule first asked for them (Fastly's last 120 s then), for %d minutes; use %s for older data",
		stamp(oldest), minutes, OlderInStats))
}

// trimmedNotice warns that the memory bound dropped seconds of the range.
var trimmedNotice = series.Warn("older real-time seconds were dropped to keep this datasource's real-time data within its memory bound (setting realtimeMemoryMB): raise it, or use a stats query for older data")

func stamp(unix int64) string { return time.Unix(unix, 0).UTC().Format(time.TimeOnly) }
