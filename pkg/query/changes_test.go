package query

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEventsDefaultsToActivationsAndPurges(t *testing.T) {
	q, err := ParseEvents([]byte(`{"services":["SU1Z0isxPaozGVKXdv0eY1"]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"version.activate", "service.purge_all"}, q.EventTypes)
	assert.Equal(t, []string{"SU1Z0isxPaozGVKXdv0eY1"}, q.Services)

	q, err = ParseEvents([]byte(`{"eventTypes":["vcl.update, backend.update","vcl.update"]}`))
	require.NoError(t, err)
	assert.Equal(t, []string{"vcl.update", "backend.update"}, q.EventTypes, "comma-separated entries split, repeats dropped")
	assert.Empty(t, q.Services)
}

func TestParseEventsRejectsUnknownTypesNamingThem(t *testing.T) {
	_, err := ParseEvents([]byte(`{"eventTypes":["version.activate","version.activated"]}`))
	var invalidErr *InvalidError
	require.ErrorAs(t, err, &invalidErr)
	assert.Contains(t, invalidErr.Msg, `unknown event type "version.activated"`)

	many := `{"eventTypes":[`
	for i, et := range EventTypes()[:MaxEventTypes+1] {
		if i > 0 {
			many += ","
		}
		many += `"` + et.Value + `"`
	}
	_, err = ParseEvents([]byte(many + `]}`))
	require.ErrorAs(t, err, &invalidErr)
	assert.Contains(t, invalidErr.Msg, "choose at most 20")

	_, err = ParseEvents([]byte(`{"services":["$service"]}`))
	require.ErrorAs(t, err, &invalidErr)
}

func TestParseAlertsStatus(t *testing.T) {
	for _, s := range []string{"", "active", "resolved", " resolved "} {
		_, err := ParseAlerts([]byte(`{"status":"` + s + `"}`))
		assert.NoError(t, err, s)
	}
	_, err := ParseAlerts([]byte(`{"status":"firing"}`))
	var invalidErr *InvalidError
	require.ErrorAs(t, err, &invalidErr)
	assert.Contains(t, invalidErr.Msg, `unknown alert status "firing"`)
	q, err := ParseAlerts(nil)
	require.NoError(t, err)
	assert.Equal(t, Alerts{}, q)
}

func TestEventTypeCatalogue(t *testing.T) {
	all := EventTypes()
	require.Greater(t, len(all), 100)
	assert.Equal(t, "version.activate", all[0].Value, "activations first")
	seen := map[string]bool{}
	for i, et := range all {
		assert.False(t, seen[et.Value], "%s listed twice", et.Value)
		seen[et.Value] = true
		assert.NotEmpty(t, et.Label, et.Value)
		if et.Value == "service.purge_all" {
			assert.Less(t, i, 5, "purges near the top")
		}
	}
	got, ok := LookupEventType("tls.certificate.update")
	assert.True(t, ok)
	assert.Equal(t, "TLS certificate updated", got.Label)
	_, ok = LookupEventType("nope")
	assert.False(t, ok)
}
