package logs

import (
	"context"
	"fmt"
	"strconv"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// RecordsQuery is a validated logs query over a service range.
type RecordsQuery struct {
	ServiceRange
	Filters []query.LogFilter
	Limit   int
}

// Records is the answer to a logs query: the range read (clipped to the retention) and its records, newest first
// as Fastly sends them.
type Records struct {
	ServiceRange
	Records []fastlyapi.LogRecord
	Calls   []string
	Notices []series.Notice
	// Truncated is set when the limit stopped the read: records older than the last one were not read.
	Truncated bool
}

// recordOverhead approximates what one record holds besides its raw JSON (its decoded fields).
const recordOverhead = 160

// pageRead is what reading pages gave: the records kept, how many were read, and whether Fastly had more.
type pageRead struct {
	records []fastlyapi.LogRecord
	read    int
	more    bool
	calls   []string
}

// Records follows the cursor in pages of PageSize until the limit, then drops what a neq filter excludes. The
// limit counts records read, so a query makes at most limit/PageSize calls.
func (e *Engine) Records(ctx context.Context, r RecordsQuery) (*Records, error) {
	w, notices, err := e.prepare(ctx, r.ServiceRange)
	if err != nil {
		return nil, err
	}
	r.ServiceRange = w
	read, err := cached(ctx, e.answers, recordsKey(r), e.finished(w), func(ctx context.Context) (*pageRead, int64, error) {
		p, err := e.readPages(ctx, r)
		return p, p.size(), err
	})
	if err != nil {
		return nil, err
	}
	kept, dropped := dropExcluded(read.records, query.LocalFilters(r.Filters))
	res := &Records{ServiceRange: w, Records: kept, Calls: read.calls, Notices: notices, Truncated: read.more}
	if read.more {
		res.Notices = append(res.Notices, series.Warn(fmt.Sprintf(
			"Stopped at the limit of %d records; Fastly has more in this range: narrow the range or filters, or raise the limit (at most %d)",
			r.Limit, query.LogsMaxLimit)))
	}
	if dropped > 0 {
		res.Notices = append(res.Notices, series.Inform(fmt.Sprintf(
			"%d of %d records read were dropped by the plugin for the != filters (Fastly has no negation)", dropped, read.read)))
	}
	return res, nil
}

func (e *Engine) readPages(ctx context.Context, r RecordsQuery) (*pageRead, error) {
	out := &pageRead{}
	req := firstPage(r)
	maxCalls := (r.Limit + PageSize - 1) / PageSize
	for call := 0; call < maxCalls; call++ {
		req.Limit = min(PageSize, r.Limit-out.read)
		out.calls = append(out.calls, req.String())
		page, err := e.api.LogRecords(ctx, req)
		if err != nil {
			return out, err
		}
		got := page.Records[:min(len(page.Records), req.Limit)]
		out.records, out.read = append(out.records, got...), out.read+len(got)
		out.more = page.NextCursor != ""
		if !out.more || out.read >= r.Limit {
			return out, nil
		}
		req.Cursor = page.NextCursor
	}
	return out, nil
}

func (p *pageRead) size() int64 {
	n := int64(len(p.records)) * recordOverhead
	for _, r := range p.records {
		n += int64(len(r.Raw))
	}
	return n
}

// firstPage is the call that reads the first page of r.
func firstPage(r RecordsQuery) fastlyapi.LogRecordsRequest {
	return fastlyapi.LogRecordsRequest{ServiceID: r.Service.ID, Start: r.From, End: r.To, Filters: wireFilters(r.Filters)}
}

// recordsKey identifies a records read, as the other log reads are: by the call it starts with, and its limit.
func recordsKey(r RecordsQuery) string {
	return firstPage(r).String() + " limit " + strconv.Itoa(r.Limit)
}
