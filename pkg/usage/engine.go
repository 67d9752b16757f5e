// Package usage answers usage queries: Fastly's bytes and requests by region, by service over a range, or by
// service for one calendar month, filtered by region (Fastly ignores region= on these endpoints) and summed per
// service in one order, so the same answer gives the same totals.
package usage

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
)

// Upstream is the part of Fastly's API usage queries read.
type Upstream interface {
	Usage(ctx context.Context, r fastlyapi.UsageRange) (map[string]fastlyapi.Usage, error)
	UsageByService(ctx context.Context, r fastlyapi.UsageRange) (map[string]map[string]fastlyapi.Usage, error)
	UsageByMonth(ctx context.Context, r fastlyapi.MonthRequest) (*fastlyapi.MonthUsage, error)
}

// Directory names the services the token can see, by id.
type Directory interface {
	ServiceNames(ctx context.Context) (map[string]string, error)
}

// Row is one row of a usage table: a region (usage by region) or a service (usage by service or month).
type Row struct {
	Region      string
	ServiceID   string
	ServiceName string
	Usage       fastlyapi.Usage
}

// Table is the answer to a usage query.
type Table struct {
	Name          string // frame name
	ByRegion      bool   // rows are regions rather than services
	BillableUnits bool   // bandwidth in GB and requests in tens of thousands
	Rows          []Row
	Calls         []string
	Notices       []series.Notice
}

// Request is a parsed usage query with its past range [From, To] (by region or service) and the month's first day
// (by month).
type Request struct {
	Query      query.Usage
	From, To   time.Time
	MonthStart time.Time
}

// Engine runs usage queries.
type Engine struct {
	up    Upstream
	names Directory
}

// NewEngine returns an engine reading up and naming services from names.
func NewEngine(up Upstream, names Directory) *Engine { return &Engine{up: up, names: names} }

// Run answers one usage query.
func (e *Engine) Run(ctx context.Context, r Request) (Table, error) {
	var t Table
	var err error
	switch r.Query.UsageBy {
	case query.UsageByMonth:
		t, err = e.byMonth(ctx, r)
	case query.UsageByService:
		t, err = e.byService(ctx, r)
	default:
		t, err = e.byRegion(ctx, r)
	}
	if err != nil {
		return Table{}, err
	}
	if r.Query.BillableUnits && r.Query.UsageBy != query.UsageByMonth {
		t.Notices = append(t.Notices, series.Inform("Billable units apply to usage by month only: this table shows bytes and requests."))
	}
	return t, nil
}

func (e *Engine) byRegion(ctx context.Context, r Request) (Table, error) {
	rng := fastlyapi.UsageRange{From: r.From, To: r.To}
	usage, err := e.up.Usage(ctx, rng)
	if err != nil {
		return Table{}, err
	}
	t := Table{Name: "usage by region", ByRegion: true, Calls: []string{rng.Describe(fastlyapi.UsagePath)}}
	for region, u := range usage {
		if wanted(r.Query.Region, region) {
			t.Rows = append(t.Rows, Row{Region: region, Usage: u})
		}
	}
	sort.Slice(t.Rows, func(i, j int) bool { return t.Rows[i].Region < t.Rows[j].Region })
	t.Notices = regionNotice(r.Query.Region, len(t.Rows) > 0)
	return t, nil
}

func (e *Engine) byService(ctx context.Context, r Request) (Table, error) {
	rng := fastlyapi.UsageRange{From: r.From, To: r.To}
	byRegion, err := e.up.UsageByService(ctx, rng)
	if err != nil {
		return Table{}, err
	}
	perService := map[string]fastlyapi.Usage{}
	found := false
	for _, region := range slices.Sorted(maps.Keys(byRegion)) { // one summing order: the same total every time
		if !wanted(r.Query.Region, region) {
			continue
		}
		found = true
		for id, u := range byRegion[region] {
			sum := perService[id]
			sum.Add(u)
			perService[id] = sum
		}
	}
	names, err := e.names.ServiceNames(ctx)
	if err != nil {
		return Table{}, err
	}
	t := Table{Name: "usage by service", Calls: []string{rng.Describe(fastlyapi.UsageByServicePath)}}
	t.Rows = serviceRows(perService, nil, names)
	t.Notices = regionNotice(r.Query.Region, found)
	return t, nil
}

func (e *Engine) byMonth(ctx context.Context, r Request) (Table, error) {
	req := fastlyapi.MonthRequest{Year: r.MonthStart.Year(), Month: int(r.MonthStart.Month()), BillableUnits: r.Query.BillableUnits}
	month, err := e.up.UsageByMonth(ctx, req)
	if err != nil {
		return Table{}, err
	}
	perService := map[string]fastlyapi.Usage{}
	given := map[string]string{}
	found := false
	for id, s := range month.Services {
		given[id] = s.Name
		var sum fastlyapi.Usage
		for _, region := range slices.Sorted(maps.Keys(s.Regions)) { // one summing order: the same total every time
			if wanted(r.Query.Region, region) {
				found = true
				sum.Add(s.Regions[region])
			}
		}
		perService[id] = sum
	}
	names, err := e.names.ServiceNames(ctx)
	if err != nil {
		return Table{}, err
	}
	return Table{
		Name: "usage " + r.MonthStart.Format(query.MonthLayout), BillableUnits: r.Query.BillableUnits,
		Calls:   []string{req.String()},
		Rows:    serviceRows(perService, given, names),
		Notices: regionNotice(r.Query.Region, found || len(month.Services) == 0),
	}, nil
}

// wanted tells whether a region passes the query's region filter ("" keeps every region).
func wanted(filter, region string) bool { return filter == "" || region == filter }

// serviceRows lists per-service usage sorted by name. A name comes from Fastly's answer, else the directory, else
// (a deleted service) the id itself.
func serviceRows(usage map[string]fastlyapi.Usage, given, names map[string]string) []Row {
	rows := make([]Row, 0, len(usage))
	for id, u := range usage {
		name := cmp.Or(given[id], names[id], id)
		rows = append(rows, Row{ServiceID: id, ServiceName: name, Usage: u})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].ServiceName != rows[j].ServiceName {
			return rows[i].ServiceName < rows[j].ServiceName
		}
		return rows[i].ServiceID < rows[j].ServiceID
	})
	return rows
}

func regionNotice(region string, found bool) []series.Notice {
	if region == "" || found {
		return nil
	}
	return []series.Notice{series.Inform(fmt.Sprintf("Fastly reported no usage for region %q in this period.", region))}
}
