package fastlyapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emptyAnswers are success envelopes without rows: Fastly answers a window with no published bucket with data null.
var emptyAnswers = map[string]string{
	"data null":    `{"data":null,"meta":{"by":"minute","region":"all"},"status":"success","msg":null}`,
	"data missing": `{"meta":{"next_cursor":""},"status":"success","msg":null}`,
	"no rows":      `{"data":[],"status":"success"}`,
}

func TestEmptySuccessEnvelopeIsAnEmptyAnswerForEveryDecoder(t *testing.T) {
	for name, body := range emptyAnswers {
		t.Run(name, func(t *testing.T) {
			stats, err := DecodeStats([]byte(body), "/stats/service/s/field/requests", []string{"requests"}, "s")
			require.NoError(t, err)
			assert.Empty(t, stats.ByService)

			page, err := DecodeInspectorPage([]byte(body), "/metrics/origins/services/s", []string{"responses"})
			require.NoError(t, err)
			assert.Empty(t, page.Series)
			assert.Empty(t, page.NextCursor)

			var byRegion map[string]Usage
			require.NoError(t, DecodeEnvelope([]byte(body), UsagePath, &byRegion))
			assert.Empty(t, byRegion)
		})
	}
	month, err := DecodeMonthUsage([]byte(emptyAnswers["data null"]), UsageByMonthPath)
	require.NoError(t, err)
	assert.Empty(t, month.Services)
}

func TestEnvelopeErrorCarriesFastlysMessageForEveryDecoder(t *testing.T) {
	body := []byte(`{"data":null,"status":"error","msg":"Invalid 'from' parameter"}`)
	decoders := map[string]func() error{
		"stats":     func() error { _, err := DecodeStats(body, "/stats", []string{"requests"}, ""); return err },
		"inspector": func() error { _, err := DecodeInspectorPage(body, "/metrics/origins", nil); return err },
		"usage":     func() error { var u map[string]Usage; return DecodeEnvelope(body, UsagePath, &u) },
	}
	for name, decode := range decoders {
		var envErr *EnvelopeError
		require.ErrorAs(t, decode(), &envErr, name)
		assert.Equal(t, "Invalid 'from' parameter", envErr.Message, name)
	}
}

func TestDecodeEnvelopeRefusesWhatIsNoEnvelope(t *testing.T) {
	for _, body := range []string{`{}`, `[]`, `null`, `{"data":[1]`, `{"status":"success","data":{"usa":"x"}}`} {
		var u map[string]Usage
		var decodeErr *DecodeError
		assert.ErrorAs(t, DecodeEnvelope([]byte(body), UsagePath, &u), &decodeErr, body)
	}
}
