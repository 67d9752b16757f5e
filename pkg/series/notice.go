package series

// Severity tells how much a notice matters.
type Severity int

const (
	// Info explains what the answer shows (an unfinished bucket left out, where real-time data starts).
	Info Severity = iota
	// Warning says data the user asked for is missing or stale (a page cap, a failing poller, a memory bound).
	Warning
)

// Notice is a message shown with a query's answer.
type Notice struct {
	Severity Severity
	Text     string
}

// Infos are texts as informational notices.
func Infos(texts ...string) []Notice {
	out := make([]Notice, len(texts))
	for i, t := range texts {
		out[i] = Inform(t)
	}
	return out
}

// Inform is an informational notice.
func Inform(text string) Notice { return Notice{Severity: Info, Text: text} }

// Warn is a warning notice.
func Warn(text string) Notice { return Notice{Severity: Warning, Text: text} }
