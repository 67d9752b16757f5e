package fastlyapi

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/internal/recorded"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeRecordedAlertHistory(t *testing.T) {
	page, err := DecodeAlertHistory(recorded.Body(t, "go-fastly-main-5141097/alerts/list_alert_history.yaml"), AlertHistoryPath)
	require.NoError(t, err)
	assert.Empty(t, page.Entries)
	assert.Equal(t, "", page.NextCursor)
	assert.Equal(t, 0, page.Total)
}

// historyWithRecordedDefinition is a history page whose definition snapshot is the recorded definition.
func historyWithRecordedDefinition(t *testing.T, start, end, status string) []byte {
	var defs struct {
		Data []json.RawMessage `json:"data"`
	}
	require.NoError(t, json.Unmarshal(recorded.Body(t, "go-fastly-main-5141097/alerts/list_alert_definitions.yaml"), &defs))
	require.Len(t, defs.Data, 1)
	return []byte(`{"data":[{"id":"H1","object":"history","definition_id":"5ihYWKFmUaRI5PVRNivo7Z","definition":` + string(defs.Data[0]) +
		`,"start":` + start + `,"end":` + end + `,"status":"` + status + `"}],"meta":{"next_cursor":"c2","limit":100,"sort":"start","total":7}}`)
}

func TestDecodeAlertHistoryWithARecordedDefinition(t *testing.T) {
	page, err := DecodeAlertHistory(historyWithRecordedDefinition(t, `"2026-11-26T10:05:00Z"`, `"2026-11-26T11:25:00+01:00"`, "resolved"), AlertHistoryPath)
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	h := page.Entries[0]
	assert.Equal(t, "H1", h.ID)
	assert.Equal(t, AlertResolved, h.Status)
	assert.Equal(t, time.Date(2026, 11, 26, 10, 5, 0, 0, time.UTC), h.Start)
	assert.Equal(t, time.Date(2026, 11, 26, 10, 25, 0, 0, time.UTC), h.End)
	assert.Equal(t, time.UTC, h.End.Location())
	d := h.Definition
	assert.Equal(t, "test name", d.Name)
	assert.Equal(t, "kKJb5bOFI47uHeBVluGfX1", d.ServiceID)
	assert.Equal(t, "status_5xx_rate", d.Metric)
	assert.Equal(t, "domains", d.Source)
	assert.Equal(t, map[string][]string{"domains": {"example.com", "fastly.com"}}, d.Dimensions)
	assert.Equal(t, EvaluationStrategy{Type: "above_threshold", Period: "5m", Threshold: 10}, d.EvaluationStrategy)
	assert.Equal(t, "c2", page.NextCursor)
	assert.Equal(t, 7, page.Total)
}

func TestDecodeActiveAlertWithoutEnd(t *testing.T) {
	for _, end := range []string{`null`, `""`} {
		page, err := DecodeAlertHistory(historyWithRecordedDefinition(t, `"2026-11-26T10:05:00Z"`, end, "active"), AlertHistoryPath)
		require.NoError(t, err, end)
		assert.True(t, page.Entries[0].End.IsZero(), end)
	}
	page, err := DecodeAlertHistory([]byte(`{"data":[{"id":"H","status":"active","start":"2026-11-26T10:05:00Z"}],"meta":{}}`), AlertHistoryPath)
	require.NoError(t, err)
	assert.True(t, page.Entries[0].End.IsZero(), "an absent end")

	_, err = DecodeAlertHistory([]byte(`{"data":[{"start":"yesterday"}]}`), AlertHistoryPath)
	var decodeErr *DecodeError
	assert.ErrorAs(t, err, &decodeErr)
}

func TestAlertHistoryPageSendsItsParameters(t *testing.T) {
	const body = `{"data":[],"meta":{"next_cursor":""}}`
	c, called := capturingClient(t, body)
	from := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	_, err := c.AlertHistoryPage(context.Background(), AlertHistoryRequest{ServiceID: "SU1Z0isxPaozGVKXdv0eY1", Status: AlertActive,
		From: from, To: from.Add(time.Hour), Cursor: "abc"})
	require.NoError(t, err)
	u := called()
	assert.Equal(t, AlertHistoryPath, u.Path)
	assert.Equal(t, url.Values{"after": {"2026-11-26T10:00:00Z"}, "before": {"2026-11-26T11:00:00Z"}, "limit": {"100"}, "sort": {"start"},
		"service_id": {"SU1Z0isxPaozGVKXdv0eY1"}, "status": {"active"}, "cursor": {"abc"}}, u.Query())

	c, called = capturingClient(t, body)
	_, err = c.AlertHistoryPage(context.Background(), AlertHistoryRequest{From: from, To: from})
	require.NoError(t, err)
	u = called()
	assert.Equal(t, AlertHistoryPath, u.Path)
	assert.Equal(t, url.Values{"after": {"2026-11-26T10:00:00Z"}, "before": {"2026-11-26T10:00:00Z"}, "limit": {"100"}, "sort": {"start"}}, u.Query(),
		"no empty service, status or cursor parameters")
}
