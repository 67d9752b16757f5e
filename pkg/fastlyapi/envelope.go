package fastlyapi

import (
	"fmt"

	"github.com/valyala/fastjson"
)

// EnvelopeError is a 2xx answer whose JSON envelope reports a failure: {"status":"error","msg":...}.
type EnvelopeError struct {
	Path    string
	Message string
}

func (e *EnvelopeError) Error() string {
	return fmt.Sprintf("Fastly reported an error for %s: %s", e.Path, e.Message)
}

// checkEnvelope turns {"status":"error","msg":...} into an EnvelopeError.
func checkEnvelope(doc *fastjson.Value, path string) error {
	if doc.Type() != fastjson.TypeObject {
		return &DecodeError{Path: path, Reason: fmt.Sprintf("expected a JSON object, got %s", doc.Type())}
	}
	status := doc.Get("status")
	if status == nil || string(status.GetStringBytes()) == "success" {
		return nil
	}
	msg := string(doc.GetStringBytes("msg"))
	if msg == "" {
		msg = "status " + status.String()
	}
	return &EnvelopeError{Path: path, Message: msg}
}
