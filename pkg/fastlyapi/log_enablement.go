package fastlyapi

import "context"

// logExplorerInsights is the Log Explorer & Insights product as the enablement API names it.
const logExplorerInsights = "log_explorer_insights"

// LogExplorerInsightsEnabled tells whether Log Explorer & Insights is enabled for the service; without it the
// logs endpoints answer data null, which must not be read as no traffic.
func (c *Client) LogExplorerInsightsEnabled(ctx context.Context, serviceID string) (bool, error) {
	return c.productEnabled(ctx, logExplorerInsights, serviceID)
}
