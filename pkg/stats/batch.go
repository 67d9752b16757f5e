package stats

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Outcome is the answer to one query of a batch: a result or the error that stopped it.
type Outcome struct {
	Result *Result
	Err    error
}

// RunAll answers the queries of one request together: every query is planned against the cache first, the fetch
// sets of all queries over the same services, buckets and filters are merged and planned once, and every call of
// the request runs at once within the datasource's bound; each query is then assembled from the answers it needs.
func (e *Engine) RunAll(ctx context.Context, rs []Request) []Outcome {
	pending := make([]*pendingQuery, len(rs))
	groups := map[string]*callGroup{}
	var order []*callGroup
	for i, r := range rs {
		pending[i] = e.prepare(r)
		for _, set := range pending[i].sets {
			key := groupKey(r, set)
			g, ok := groups[key]
			if !ok {
				g = &callGroup{r: r, set: set}
				groups[key], order = g, append(order, g)
			}
			g.set.fields = unionFields(g.set.fields, set.fields)
			pending[i].groups = append(pending[i].groups, g)
		}
	}
	e.fetchGroups(ctx, order)
	out := make([]Outcome, len(rs))
	for i, p := range pending {
		res, err := e.assemble(ctx, p)
		out[i] = Outcome{Result: res, Err: err}
	}
	return out
}

// pendingQuery is a query planned against the cache, waiting for its calls.
type pendingQuery struct {
	r      Request
	fields []string
	w      bucketRange
	known  knownBuckets
	sets   []fetchSet
	groups []*callGroup // groups[i] fetches sets[i]
}

// callGroup is the merged fetch set of the queries asking for the same services and buckets, with its calls.
type callGroup struct {
	r       Request // the first query of the group: granularity, region and service selection
	set     fetchSet
	calls   []fastlyapi.StatsRequest
	results []*fastlyapi.StatsResult
	errs    []error
}

func (e *Engine) prepare(r Request) *pendingQuery {
	p := &pendingQuery{r: r, fields: inputFields(r.Query.Metrics), w: newBucketRange(r)}
	p.known = e.readCache(r, p.fields, p.w)
	p.sets = p.known.missing(r, p.fields, p.w)
	return p
}

// groupKey is what queries must share for one call to serve them: granularity, region, service selection and range.
func groupKey(r Request, set fetchSet) string {
	return strings.Join([]string{string(r.Granularity), r.Query.Region, strconv.FormatBool(r.AllServices),
		strconv.FormatInt(set.from, 10), strconv.FormatInt(set.to, 10), strconv.FormatBool(set.tail),
		strings.Join(serviceIDs(set.services), ",")}, "|")
}

func unionFields(have, more []string) []string {
	out := slices.Clone(have)
	for _, f := range more {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// fetchGroups plans every group and makes all their calls concurrently; a failed call fails only the queries
// that need it.
func (e *Engine) fetchGroups(ctx context.Context, groups []*callGroup) {
	var wg sync.WaitGroup
	for _, g := range groups {
		g.calls = plan(g.r, g.set)
		g.results, g.errs = make([]*fastlyapi.StatsResult, len(g.calls)), make([]error, len(g.calls))
		for j, c := range g.calls {
			wg.Go(func() { g.results[j], g.errs[j] = e.upstream.stats(ctx, c) })
		}
	}
	wg.Wait()
}

// answersFor picks the group's calls that carry a field of the set.
func (g *callGroup) answersFor(set fetchSet) (fetched, error) {
	var f fetched
	for j, c := range g.calls {
		if !slices.ContainsFunc(c.Fields, func(field string) bool { return slices.Contains(set.fields, field) }) {
			continue
		}
		if g.errs[j] != nil {
			return fetched{}, g.errs[j]
		}
		f.calls, f.results = append(f.calls, c), append(f.results, g.results[j])
	}
	return f, nil
}

// assemble stores what the query's calls fetched and builds its series from the cache and the answers.
func (e *Engine) assemble(ctx context.Context, p *pendingQuery) (*Result, error) {
	r, w := p.r, p.w
	table := newRowTable(p.fields, r.Services)
	p.known.fill(&table, w)
	var calls []string
	for i, set := range p.sets {
		f, err := p.groups[i].answersFor(set)
		if err != nil {
			return nil, err
		}
		e.store(r, w, set, f)
		for j, res := range f.results {
			table.add(res, f.calls[j].Fields)
			calls = append(calls, f.calls[j].String())
		}
	}
	provisional, outcome := stitch(ctx, r, p.fields, &table, w)
	e.obs.Stitch(outcome)
	grid, notices := series.NewGrid(r.Granularity, r.From, r.To, r.Now, table.frontier)
	res := &Result{Step: grid.Step(), Provisional: provisional}
	res.Times, res.Notices, res.Calls, res.Services = grid.Times(), notices, calls, len(r.Services)
	provisional.describe(res, r.Granularity)
	if outcome == StitchTooMany {
		res.Notices = append(res.Notices, series.Infos(r.StitchDeclined)...)
	}
	res.Series = applyTopN(r.Query, buildSeries(r, p.fields, table, grid))
	return res, nil
}
