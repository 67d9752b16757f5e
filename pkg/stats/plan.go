package stats

import (
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Byte estimates of the planner, measured on Fastly-shaped JSON: a full row carries ~150 fields of ~22 bytes;
// every row carries service_id and start_time (~62 bytes); a call costs headers and an envelope (~2 KB).
const (
	fullRowFields     = 150
	bytesPerField     = 22
	rowKeyBytes       = 62
	callOverheadBytes = 2048
)

// maxBucketsPerCall caps one call at a day of minute buckets (60 days of hours, ~4 years of days): Fastly serves
// no pagination and refuses "exceedingly large queries" without documenting a number, so longer ranges are split.
const maxBucketsPerCall = 1440

// fetchSet is a rectangle of series (services × fields) to fetch over the bucket starts [from, to).
type fetchSet struct {
	services []series.Service
	fields   []string
	from, to int64
	tail     bool // the unpublished tail of cached series: tiny, so one call beats the fewest bytes
}

// candidate is one way to fetch a fetchSet with its estimated cost in bytes.
type candidate struct {
	calls []fastlyapi.StatsRequest
	bytes int64
}

// plan chooses the calls for a set: the fewest estimated bytes for ranges, one call for tails.
func plan(r Request, set fetchSet) []fastlyapi.StatsRequest {
	step := int64(r.Granularity.Step() / time.Second)
	rows := (set.to - set.from) / step
	var best *candidate
	for _, c := range candidates(r, set, rows) {
		if set.tail && len(c.calls) > 1 {
			continue
		}
		if best == nil || c.bytes < best.bytes || c.bytes == best.bytes && len(c.calls) < len(best.calls) {
			best = &c
		}
	}
	return splitLongCalls(best.calls, step)
}

// candidates lists the endpoint choices for a set, each with its estimated bytes.
func candidates(r Request, set fetchSet, rows int64) []candidate {
	nServices, nFields := int64(len(set.services)), int64(len(set.fields))
	base := fastlyapi.StatsRequest{From: time.Unix(set.from, 0).UTC(), To: time.Unix(set.to, 0).UTC(),
		By: string(r.Granularity), Region: r.Query.Region}
	perServiceField := candidate{bytes: nServices * nFields * (rows*rowBytes(1) + callOverheadBytes)}
	for _, s := range set.services {
		for _, f := range set.fields {
			perServiceField.calls = append(perServiceField.calls, withField(base, s.ID, f))
		}
	}
	full := base
	full.Fields = set.fields
	if len(set.services) == 1 {
		full.ServiceID = set.services[0].ID
	} else if !r.AllServices {
		full.Services = serviceIDs(set.services)
	}
	out := []candidate{perServiceField, {calls: []fastlyapi.StatsRequest{full}, bytes: nServices*rows*rowBytes(fullRowFields) + callOverheadBytes}}
	if r.AllServices {
		perField := candidate{bytes: nFields * (nServices*rows*rowBytes(1) + callOverheadBytes)}
		for _, f := range set.fields {
			perField.calls = append(perField.calls, withField(base, "", f))
		}
		out = append(out, perField)
	}
	return out
}

func rowBytes(fields int64) int64 { return rowKeyBytes + fields*bytesPerField }

// splitLongCalls cuts calls spanning more than maxBucketsPerCall buckets into consecutive pieces.
func splitLongCalls(calls []fastlyapi.StatsRequest, step int64) []fastlyapi.StatsRequest {
	var out []fastlyapi.StatsRequest
	chunk := maxBucketsPerCall * step
	for _, c := range calls {
		from, to := c.From.Unix(), c.To.Unix()
		for start := from; start < to; start += chunk {
			piece := c
			piece.From, piece.To = time.Unix(start, 0).UTC(), time.Unix(min(start+chunk, to), 0).UTC()
			out = append(out, piece)
		}
	}
	return out
}

func withField(base fastlyapi.StatsRequest, serviceID, field string) fastlyapi.StatsRequest {
	base.ServiceID, base.Field, base.Fields = serviceID, field, []string{field}
	return base
}

func serviceIDs(services []series.Service) []string {
	ids := make([]string, len(services))
	for i, s := range services {
		ids[i] = s.ID
	}
	return ids
}
