package stats

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// TailReader reads buckets Fastly has not published yet from real-time data.
type TailReader interface {
	// Buckets returns, per service in order, the field values of the consecutive buckets of length step from
	// `from` that it holds completely, stopping before `to` or at the first bucket it does not hold. Values are in
	// Historical Stats units; NaN marks a field real-time data cannot supply. skip is StitchDisabled or
	// StitchNoPoller when some service's real-time data could not be read at all, "" otherwise.
	Buckets(ctx context.Context, services []series.Service, fields []string, from, to, step int64) (buckets [][][]float64, skip StitchOutcome)
}

// StitchOutcome is what stitching did for one query: Stitched, or why it did not; a small fixed set.
type StitchOutcome string

// Stitch outcomes.
const (
	Stitched         StitchOutcome = "stitched"          // buckets after the newest published one were filled
	StitchPublished  StitchOutcome = "published"         // Fastly has published every finished bucket of the range
	StitchNoData     StitchOutcome = "no_data"           // Fastly published no bucket of the range to stitch after
	StitchDisabled   StitchOutcome = "disabled"          // stitching is off: no tail reader, or no poller follows a service
	StitchNoPoller   StitchOutcome = "no_poller"         // a service's real-time poller could not give its data
	StitchIncomplete StitchOutcome = "incomplete"        // real-time data holds no complete bucket after the newest published one
	StitchTooMany    StitchOutcome = "too_many_services" // the query spans more services than stitching may follow
)

// StitchOutcomes lists every outcome, Stitched first.
var StitchOutcomes = []StitchOutcome{Stitched, StitchPublished, StitchNoData, StitchDisabled, StitchNoPoller, StitchIncomplete, StitchTooMany}

// Needed tells whether the query had finished, unpublished buckets to fill: false for StitchPublished and StitchNoData.
func (o StitchOutcome) Needed() bool { return o != StitchPublished && o != StitchNoData }

// Provisional describes the buckets filled from real-time data after the newest published one.
type Provisional struct {
	From     time.Time // start of the first provisional bucket
	Buckets  int
	Services []series.Service
}

// stitch fills the buckets after the publication frontier that every service's real-time data holds completely,
// and moves the frontier to the last of them. Published buckets are never touched.
func stitch(ctx context.Context, r Request, fields []string, t *rowTable, w bucketRange) (*Provisional, StitchOutcome) {
	if t.frontier == noFrontier || len(r.Services) == 0 {
		return nil, StitchNoData
	}
	from, to := t.frontier+w.step, min(w.end, w.finished)
	if from >= to {
		return nil, StitchPublished
	}
	if r.Tail == nil && r.StitchDeclined != "" {
		return nil, StitchTooMany
	}
	if r.Tail == nil {
		return nil, StitchDisabled
	}
	perService, skip := r.Tail.Buckets(ctx, r.Services, fields, from, to, w.step)
	n := commonBuckets(perService, len(r.Services))
	if n == 0 {
		return nil, cmp.Or(skip, StitchIncomplete)
	}
	for i, s := range r.Services {
		for k := range n {
			copy(t.row(t.byService[s.ID], from+int64(k)*w.step), perService[i][k])
		}
	}
	t.frontier = from + int64(n-1)*w.step
	return &Provisional{From: time.Unix(from, 0).UTC(), Buckets: n, Services: r.Services}, Stitched
}

// commonBuckets is how many leading buckets every service has: a sum over services never mixes in a gap.
func commonBuckets(perService [][][]float64, services int) int {
	if len(perService) != services {
		return 0
	}
	n := math.MaxInt
	for _, buckets := range perService {
		n = min(n, len(buckets))
	}
	return n
}

// describe adds the user-visible notice and the ExecutedQueryString line of the provisional buckets.
func (p *Provisional) describe(res *Result, g query.Granularity) {
	if p == nil {
		return
	}
	last := p.From.Add(time.Duration(p.Buckets-1) * res.Step)
	res.ProvisionalFrom = p.From
	res.Notices = append(res.Notices, series.Infos(fmt.Sprintf(
		"%s after %s UTC are provisional, from Fastly's real-time API; they are replaced when Fastly publishes them.",
		unitPlural(g), stamp(p.From, g)))...)
	res.Calls = append(res.Calls, fmt.Sprintf("stitched %d %s %s–%s UTC from real-time for %s",
		p.Buckets, unitWord(g, p.Buckets), stamp(p.From, g), stamp(last, g), serviceNames(p.Services)))
}

func unitPlural(g query.Granularity) string {
	word := unitWord(g, 2)
	return strings.ToUpper(word[:1]) + word[1:]
}

func unitWord(g query.Granularity, n int) string {
	if n == 1 {
		return string(g)
	}
	return string(g) + "s"
}

func stamp(t time.Time, g query.Granularity) string {
	if g == query.GranularityDay {
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format("15:04")
}

// maxNamedServices is how many service names the stitched line spells out before counting instead.
const maxNamedServices = 3

func serviceNames(services []series.Service) string {
	if len(services) > maxNamedServices {
		return fmt.Sprintf("%d services", len(services))
	}
	names := make([]string, len(services))
	for i, s := range services {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
