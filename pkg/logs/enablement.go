package logs

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/ttlcache"
)

// enablementTTL is how long an enablement answer is reused: enabling the product shows within this time.
const enablementTTL = 5 * time.Minute

// enablementKeys bounds the enablement cache: 1,000 services.
const enablementKeys = 1000

// newEnablementCache remembers, per service, whether Log Explorer & Insights is enabled.
func newEnablementCache(api API, now func() time.Time) *ttlcache.Cache[string, bool] {
	return ttlcache.New(enablementTTL, enablementKeys, now, api.LogExplorerInsightsEnabled)
}
