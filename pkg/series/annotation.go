package series

import "time"

// AnnotationKind says what an annotation answer marks; it decides the frame's name and fields.
type AnnotationKind string

// Annotation kinds.
const (
	Deploys AnnotationKind = "deploys" // version activations: points with the version number
	Events  AnnotationKind = "events"  // event-log entries: points
	Alerts  AnnotationKind = "alerts"  // alert firings: regions from Time to End
)

// Annotation is one mark on a graph: a moment, or a region up to End.
type Annotation struct {
	Time    time.Time
	End     time.Time // the region's end; zero for a point
	Title   string
	Text    string
	Tags    []string
	Version int // a deploy's activated version; 0 when Fastly did not name it
}

// Annotations is the answer to an annotation query, with the Fastly calls made and what the user should know.
type Annotations struct {
	Kind    AnnotationKind
	Items   []Annotation
	Calls   []string
	Notices []Notice
}
