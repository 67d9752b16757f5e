package realtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPerPOPAnswersSayWhereTheirPOPDetailStarts(t *testing.T) {
	buf := NewBuffer(3600)
	fastlySeconds(buf, 2000, 2300)
	now := time.Unix(2310, 0)
	from, _, notices, err := Buffers{Bufs: []*Buffer{buf}, POPs: true}.Clip(time.Unix(1000, 0), now, now, 60)
	require.NoError(t, err)
	assert.Equal(t, buf.Oldest(), from.Unix(), "the answer starts where the detail does")
	require.Len(t, notices, 1)
	assert.Contains(t, notices[0].Text, "real-time POP detail starts at "+time.Unix(buf.Oldest(), 0).UTC().Format(time.TimeOnly))
	_, _, notices, err = Buffers{Bufs: []*Buffer{buf}}.Clip(time.Unix(1000, 0), now, now, 60)
	require.NoError(t, err)
	assert.Contains(t, notices[0].Text, "real-time data starts at", "a summed answer says when the data starts")
}
