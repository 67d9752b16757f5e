package plugin

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/backend/log"
)

// recordingLogger keeps every log line, with its arguments, for assertions.
type recordingLogger struct {
	mu    *sync.Mutex
	lines *[]string
	with  []any
}

// recordLogs makes the SDK's logger a recording one for the test, restored when it ends.
func recordLogs(t *testing.T) *recordingLogger {
	l := newRecordingLogger()
	previous := backend.Logger
	backend.Logger = l
	t.Cleanup(func() { backend.Logger = previous })
	return l
}

func newRecordingLogger() *recordingLogger {
	return &recordingLogger{mu: &sync.Mutex{}, lines: &[]string{}}
}

func (l *recordingLogger) record(level, msg string, args []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*l.lines = append(*l.lines, fmt.Sprint(level, " ", msg, " ", append(append([]any{}, l.with...), args...)))
}

func (l *recordingLogger) Debug(msg string, args ...any) { l.record("debug", msg, args) }
func (l *recordingLogger) Info(msg string, args ...any)  { l.record("info", msg, args) }
func (l *recordingLogger) Warn(msg string, args ...any)  { l.record("warn", msg, args) }
func (l *recordingLogger) Error(msg string, args ...any) { l.record("error", msg, args) }
func (l *recordingLogger) Level() log.Level              { return log.Debug }
func (l *recordingLogger) FromContext(context.Context) log.Logger {
	return l
}
func (l *recordingLogger) With(args ...any) log.Logger {
	return &recordingLogger{mu: l.mu, lines: l.lines, with: append(append([]any{}, l.with...), args...)}
}

func (l *recordingLogger) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(*l.lines, "\n")
}
