package plugin

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	"github.com/edgemetrics/fastly-datasource/pkg/fastlyapi"
	"github.com/edgemetrics/fastly-datasource/pkg/frames"
	"github.com/edgemetrics/fastly-datasource/pkg/query"
	"github.com/edgemetrics/fastly-datasource/pkg/series"
	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// handleUsage answers a usage query: a table by region or by service over the dashboard range, or by service for
// one calendar month. Fastly ignores region= on these endpoints, so the region is filtered here.
func (d *Datasource) handleUsage(ctx context.Context, dq backend.DataQuery) (data.Frames, error) {
	q, err := query.ParseUsage(dq.JSON)
	if err != nil {
		return nil, err
	}
	var table frames.UsageTable
	switch q.UsageBy {
	case query.UsageByMonth:
		table, err = d.usageByMonth(ctx, q, dq.TimeRange.To)
	default:
		table, err = d.usageInRange(ctx, q, dq.TimeRange)
	}
	if err != nil {
		return nil, err
	}
	if q.BillableUnits && q.UsageBy != query.UsageByMonth {
		table.Notices = append(table.Notices, series.Infos("Billable units apply to usage by month only: this table shows bytes and requests.")...)
	}
	return data.Frames{frames.UsageFrame(table)}, nil
}

func (d *Datasource) usageInRange(ctx context.Context, q query.Usage, tr backend.TimeRange) (frames.UsageTable, error) {
	from, to, err := pastRange(tr, d.now())
	if err != nil {
		return frames.UsageTable{}, err
	}
	r := fastlyapi.UsageRange{From: from, To: to}
	if q.UsageBy == query.UsageByRegion {
		usage, err := d.api.Usage(ctx, r)
		if err != nil {
			return frames.UsageTable{}, err
		}
		table := frames.UsageTable{Name: "usage by region", ByRegion: true, Calls: []string{fastlyapi.DescribeCall(fastlyapi.UsagePath, r.Params())}}
		for region, u := range usage {
			if q.Region == "" || region == q.Region {
				table.Rows = append(table.Rows, frames.UsageRow{Region: region, Usage: u})
			}
		}
		sort.Slice(table.Rows, func(i, j int) bool { return table.Rows[i].Region < table.Rows[j].Region })
		table.Notices = regionNotice(q.Region, len(table.Rows) > 0)
		return table, nil
	}
	byRegion, err := d.api.UsageByService(ctx, r)
	if err != nil {
		return frames.UsageTable{}, err
	}
	perService := map[string]fastlyapi.Usage{}
	found := false
	for _, region := range slices.Sorted(maps.Keys(byRegion)) { // one summing order: the same total every time
		services := byRegion[region]
		if q.Region != "" && region != q.Region {
			continue
		}
		found = true
		for id, u := range services {
			sum := perService[id]
			sum.Add(u)
			perService[id] = sum
		}
	}
	names, err := d.serviceNames(ctx)
	if err != nil {
		return frames.UsageTable{}, err
	}
	table := frames.UsageTable{Name: "usage by service", Calls: []string{fastlyapi.DescribeCall(fastlyapi.UsageByServicePath, r.Params())}}
	table.Rows = serviceRows(perService, nil, names)
	table.Notices = regionNotice(q.Region, found)
	return table, nil
}

func (d *Datasource) usageByMonth(ctx context.Context, q query.Usage, rangeEnd time.Time) (frames.UsageTable, error) {
	start, err := q.MonthStart()
	if err != nil {
		return frames.UsageTable{}, err
	}
	if start.IsZero() {
		end := rangeEnd.UTC()
		start = time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	r := fastlyapi.MonthRequest{Year: start.Year(), Month: int(start.Month()), BillableUnits: q.BillableUnits}
	month, err := d.api.UsageByMonth(ctx, r)
	if err != nil {
		return frames.UsageTable{}, err
	}
	perService := map[string]fastlyapi.Usage{}
	given := map[string]string{}
	found := false
	for id, s := range month.Services {
		given[id] = s.Name
		var sum fastlyapi.Usage
		for _, region := range slices.Sorted(maps.Keys(s.Regions)) { // one summing order: the same total every time
			u := s.Regions[region]
			if q.Region == "" || region == q.Region {
				found = true
				sum.Add(u)
			}
		}
		perService[id] = sum
	}
	names, err := d.serviceNames(ctx)
	if err != nil {
		return frames.UsageTable{}, err
	}
	table := frames.UsageTable{
		Name: "usage " + start.Format(query.MonthLayout), BillableUnits: q.BillableUnits,
		Calls: []string{fastlyapi.DescribeCall(fastlyapi.UsageByMonthPath, r.Params())},
		Rows:  serviceRows(perService, given, names),
	}
	table.Notices = regionNotice(q.Region, found || len(month.Services) == 0)
	return table, nil
}

// serviceNames maps the ids of the services the token can see to their names (the account's cached list).
func (d *Datasource) serviceNames(ctx context.Context) (map[string]string, error) {
	list, err := d.account.sortedServices(ctx)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(list))
	for _, s := range list {
		names[s.ID] = s.Name
	}
	return names, nil
}

// serviceRows lists per-service usage sorted by name. A name comes from Fastly's answer, else the account cache, else
// (a deleted service) the id itself.
func serviceRows(usage map[string]fastlyapi.Usage, given, names map[string]string) []frames.UsageRow {
	rows := make([]frames.UsageRow, 0, len(usage))
	for id, u := range usage {
		name := given[id]
		if name == "" {
			name = names[id]
		}
		if name == "" {
			name = id
		}
		rows = append(rows, frames.UsageRow{ServiceID: id, ServiceName: name, Usage: u})
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
	return series.Infos(fmt.Sprintf("Fastly reported no usage for region %q in this period.", region))
}
