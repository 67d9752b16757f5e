package fastlyapi

import "time"

// Observer is told about every HTTP attempt and retry of a client, for the plugin's own metrics.
type Observer interface {
	// Request reports one attempt; status is 0 when no complete answer arrived, err is nil on a 2xx answer.
	Request(class string, status int, bytes int64, d time.Duration, err error)
	// Retry reports that an attempt that failed with status (0 for a transport error) is tried again.
	Retry(class string, status int)
}

// WithObserver makes the client report its attempts and retries to o.
func WithObserver(o Observer) Option {
	return func(c *Client) {
		if o != nil {
			c.obs = o
		}
	}
}

// noObserver ignores everything; it is the default.
type noObserver struct{}

var _ Observer = noObserver{}

func (noObserver) Request(string, int, int64, time.Duration, error) {}
func (noObserver) Retry(string, int)                                {}
