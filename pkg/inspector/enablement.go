package inspector

import (
	"context"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/internal/ttlcache"
)

// enablementTTL is how long an enablement answer is reused: enabling an add-on shows within this time.
const enablementTTL = 5 * time.Minute

// enablementKeys bounds the enablement cache: both add-ons of 1,000 services.
const enablementKeys = 2000

// enablementKey is one add-on of one service.
type enablementKey struct {
	product   fastlyapi.Product
	serviceID string
}

// newEnablementCache remembers, per product and service, whether the add-on is enabled.
func newEnablementCache(api API, now func() time.Time) *ttlcache.Cache[enablementKey, bool] {
	return ttlcache.New(enablementTTL, enablementKeys, now, func(ctx context.Context, k enablementKey) (bool, error) {
		return api.InspectorEnabled(ctx, k.product, k.serviceID)
	})
}
