package simulator

import (
	"encoding/json"
	"net/http"
)

// legacyError is the classic Fastly API error body.
type legacyError struct {
	Msg    string `json:"msg"`
	Detail string `json:"detail"`
}

// statsError is the historical stats error envelope.
type statsError struct {
	Status string `json:"status"`
	Msg    string `json:"msg"`
}

// messageError is the bare body /tokens/self answers with.
type messageError struct {
	Msg string `json:"msg"`
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	writeJSONAs(w, "application/json", status, body)
}

// writeJSONAs writes body as JSON under contentType: JSON:API and problem+json answers are JSON too.
func writeJSONAs(w http.ResponseWriter, contentType string, status int, body any) {
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func writeUnauthorized(w http.ResponseWriter) {
	writeJSON(w, http.StatusUnauthorized, legacyError{Msg: "Provided credentials are missing or invalid"})
}

func writeMethodNotAllowed(w http.ResponseWriter) {
	w.Header().Set("Allow", "GET, HEAD")
	writeJSON(w, http.StatusMethodNotAllowed, legacyError{
		Msg:    "Method not allowed",
		Detail: "The simulator serves read-only GET and HEAD requests",
	})
}

func serveUnknownPath(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusNotFound, legacyError{Msg: "Record not found", Detail: "Unknown path"})
}

func writeServiceNotFound(w http.ResponseWriter, id string) {
	writeJSON(w, http.StatusNotFound, legacyError{Msg: "Record not found", Detail: "Couldn't find Service '" + id + "'"})
}

func writeStatsError(w http.ResponseWriter, msg string) {
	writeJSON(w, http.StatusBadRequest, statsError{Status: "error", Msg: msg})
}
