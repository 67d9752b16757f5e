package plugin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// expiryWarning is how close to its expiry a token makes the health check warn.
const expiryWarning = 14 * 24 * time.Hour

// CheckHealth reads /tokens/self and the service list and reports on the token in one message.
func (d *Datasource) CheckHealth(ctx context.Context, _ *backend.CheckHealthRequest) (*backend.CheckHealthResult, error) {
	if !d.settings.HasToken() {
		return healthError(errNoToken.Error()), nil
	}
	token, err := d.api.TokenSelf(ctx)
	if err != nil {
		return healthError(d.settings.redact(d.healthFailure(err))), nil
	}
	services, err := d.account.services.Get(ctx, true)
	if err != nil {
		return healthError(d.settings.redact("The token is valid but listing services failed: " + classify(err).message)), nil
	}
	return &backend.CheckHealthResult{
		Status:  backend.HealthStatusOk,
		Message: d.settings.redact(d.healthMessage(token, len(services))),
	}, nil
}

func healthError(msg string) *backend.CheckHealthResult {
	return &backend.CheckHealthResult{Status: backend.HealthStatusError, Message: msg}
}

func (d *Datasource) healthFailure(err error) string {
	var apiErr *fastlyapi.Error
	var transport *fastlyapi.TransportError
	switch {
	case errors.As(err, &apiErr) && apiErr.RejectsToken():
		return fmt.Sprintf("Fastly rejected the API token (%d %s: %s). It is invalid or has expired: create a token with the global:read scope and paste it in the settings.",
			apiErr.StatusCode, http.StatusText(apiErr.StatusCode), apiErr.Message)
	case errors.As(err, &apiErr):
		return fmt.Sprintf("Fastly answered an unexpected %d %s to %s: %s", apiErr.StatusCode, http.StatusText(apiErr.StatusCode), apiErr.Path, apiErr.Message)
	case errors.As(err, &transport):
		return strings.ToUpper(transportMessage(transport)[:1]) + transportMessage(transport)[1:] + "."
	}
	return classify(err).message
}

func (d *Datasource) healthMessage(t *fastlyapi.Token, services int) string {
	parts := []string{fmt.Sprintf("Connected to Fastly at %s. Token %q is valid", d.api.Host(), t.Name)}
	if t.Scope != "" {
		parts[0] += fmt.Sprintf(" (scope %s)", t.Scope)
	}
	parts = append(parts, expiryText(t.ExpiresAt, d.now()))
	parts = append(parts, fmt.Sprintf("It can see %d %s.", services, plural(services, "service", "services")))
	if w := scopeWarning(t.Scope); w != "" {
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

func expiryText(expires *time.Time, now time.Time) string {
	if expires == nil {
		return "and does not expire."
	}
	left := expires.Sub(now)
	when := expires.UTC().Format("2006-01-02 15:04 UTC")
	if left < expiryWarning {
		return fmt.Sprintf("but EXPIRES SOON: %s (in %s). Create a new token before then.", when, humanDays(left))
	}
	return fmt.Sprintf("and expires %s (in %s).", when, humanDays(left))
}

func scopeWarning(scope string) string {
	for _, s := range strings.Fields(scope) {
		if s == "global" || s == "global:read" {
			return ""
		}
	}
	if scope == "" {
		return ""
	}
	return "Warning: this scope cannot read stats; use a token with the global:read scope."
}

func humanDays(d time.Duration) string {
	days := int(d.Hours() / 24)
	if days < 1 {
		return fmt.Sprintf("%d hours", int(d.Hours()))
	}
	return fmt.Sprintf("%d %s", days, plural(days, "day", "days"))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
