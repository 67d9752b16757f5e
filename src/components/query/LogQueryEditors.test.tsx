import { fireEvent, screen, within } from '@testing-library/react';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../../testing/FakeTemplateSrv';
import { chooseRadio, chooseType, openMenu, pickOption, renderQueryEditor } from '../../testing/renderQueryEditor';
import { user } from '../../testing/user';
import { StoredQuery } from '../../types/query';
import { selectors } from '../selectors';

const { queryEditor } = selectors;
const SERVICE = 'SU1Z0isxPaozGVKXdv0eY';

jest.setTimeout(30000);

/** The editor host, with the last change read as a stored query so any query type's fields can be asserted. */
function setup(initial: Partial<StoredQuery> = {}) {
  const editor = renderQueryEditor(initial);
  return { ...editor, query: editor.lastQuery, lastQuery: (): StoredQuery => editor.lastQuery() };
}

/** The option names of an open dropdown. */
function optionNames(menu: HTMLElement): string[] {
  return within(menu)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

/** Types a value into the filter row's value input and leaves it, which applies it. */
async function setFilterValue(text: string, row = 0) {
  const input = screen.getAllByTestId(queryEditor.filterValue)[row];
  await user.clear(input);
  await user.type(input, text);
  await user.tab();
}

describe('Logs editor', () => {
  beforeEach(() => setTemplateSrv(new FakeTemplateSrv({ service: [SERVICE] })));

  it('starts a logs query without a service, says why it does not run, and runs once one is chosen', async () => {
    const { datasource, lastQuery, query } = setup();
    await chooseType('Logs');
    expect(lastQuery()).toEqual({ refId: 'A', queryType: 'logs', services: [], filters: [], limit: 1000 });
    expect(datasource.filterQuery(query())).toBe(false);
    expect(await screen.findByText('Choose a service: log queries run once one is chosen')).toBeVisible();

    await pickOption(queryEditor.services, /Delivery/);
    expect(lastQuery()).toMatchObject({ services: ['kKJb5bOFI47uHeBVluGfX1'] });
    expect(datasource.filterQuery(query())).toBe(true);
  });

  it('builds a filter row from the fields Fastly filters on, with the operators of a numeric field', async () => {
    const { datasource, lastQuery, query } = setup({ queryType: 'logs', services: [SERVICE] });
    await user.click(screen.getByTestId(queryEditor.filterAdd));
    expect(lastQuery()).toMatchObject({ filters: [{ field: '', operator: 'eq', value: '' }] });
    // An unfinished row keeps the query from running, and says so.
    expect(datasource.filterQuery(query())).toBe(false);
    expect(screen.getByText('Choose a field for every filter, or remove the filter')).toBeVisible();

    const fields = await openMenu(queryEditor.filterField);
    await within(fields).findByRole('option', { name: /Response status/ });
    // Each option shows the label, then the field's name; AS name cannot be filtered on.
    expect(optionNames(fields)).toEqual([
      'Hostrequest_host',
      'Pathrequest_path',
      'Response statusresponse_status',
      'Response time (s)response_time',
      'POPfastly_pop',
      'Cache hitis_cache_hit',
      'Countryclient_country_code',
    ]);
    await user.click(within(fields).getByRole('option', { name: /Response status/ }));

    const operators = await openMenu(queryEditor.filterOperator);
    expect(optionNames(operators)).toEqual([
      '=eq',
      'inin',
      'containscontains',
      'ends withends-with',
      '>gt',
      '>=gte',
      '<lt',
      '<=lte',
      '!=neq',
    ]);
    await user.click(within(operators).getByRole('option', { name: '>= gte' }));
    await setFilterValue('500');

    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'logs',
      services: [SERVICE],
      filters: [{ field: 'response_status', operator: 'gte', value: '500' }],
      limit: 1000,
    });
    expect(datasource.filterQuery(query())).toBe(true);
  });

  it('offers comparisons only on numeric fields, and resets one when the field changes to text', async () => {
    const { lastQuery } = setup({
      queryType: 'logs',
      services: [SERVICE],
      filters: [{ field: 'response_time', operator: 'gt', value: '1.5' }],
    });
    await pickOption(queryEditor.filterField, /^Host/);
    expect(lastQuery()).toMatchObject({ filters: [{ field: 'request_host', operator: 'eq', value: '1.5' }] });
    const operators = await openMenu(queryEditor.filterOperator);
    expect(optionNames(operators)).toEqual(['=eq', 'inin', 'containscontains', 'ends withends-with', '!=neq']);
  });

  it('removes a filter row and keeps the others', async () => {
    const { lastQuery } = setup({
      queryType: 'logs',
      services: [SERVICE],
      filters: [
        { field: 'fastly_pop', operator: 'eq', value: 'LHR' },
        { field: 'response_status', operator: 'gte', value: '500' },
      ],
    });
    expect(screen.getAllByTestId(queryEditor.filterValue).map((input) => (input as HTMLInputElement).value)).toEqual([
      'LHR',
      '500',
    ]);
    await user.click(screen.getAllByTestId(queryEditor.filterRemove)[0]);
    expect(lastQuery()).toMatchObject({ filters: [{ field: 'response_status', operator: 'gte', value: '500' }] });
    // The remaining row shows its own value, not the removed row's.
    expect(screen.getAllByTestId(queryEditor.filterValue).map((input) => (input as HTMLInputElement).value)).toEqual([
      '500',
    ]);
  });

  it('takes a limit from 1 to 10,000 records', async () => {
    const { lastQuery, onRunQuery } = setup({ queryType: 'logs', services: [SERVICE] });
    const limit = screen.getByTestId(queryEditor.logLimit);
    fireEvent.change(limit, { target: { value: '20000' } });
    expect(await screen.findByText('Use a whole number from 1 to 10,000')).toBeVisible();
    fireEvent.blur(limit);
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.change(limit, { target: { value: '250' } });
    fireEvent.blur(limit);
    expect(lastQuery()).toMatchObject({ queryType: 'logs', limit: 250 });
  });
});

describe('Log insights editor', () => {
  beforeEach(() => setTemplateSrv(new FakeTemplateSrv({ service: [SERVICE] })));

  it('lists the reports by their labels and stores the chosen one', async () => {
    const { datasource, lastQuery } = setup();
    await chooseType('Log insights');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'insights',
      services: [],
      visualization: 'top-url-by-requests',
      limit: 10,
      domain: '',
      domainExactMatch: true,
      datacenters: [],
    });
    await pickOption(queryEditor.services, /api\.example\.com/);
    const menu = await openMenu(queryEditor.visualization);
    expect(await within(menu).findByRole('option', { name: /Slowest pages \(response time\)/ })).toHaveTextContent(
      'Pages with the longest response time'
    );
    await user.click(within(menu).getByRole('option', { name: /Top 5xx pages/ }));
    expect(lastQuery()).toMatchObject({ services: [SERVICE], visualization: 'top-5xx-urls' });
    expect(datasource.requests).toContain('log-visualizations');
  });

  it('filters by POP and domain, matched exactly or with its subdomains', async () => {
    const { lastQuery } = setup({ queryType: 'insights', services: [SERVICE] });
    await pickOption(queryEditor.datacenters, /LHR – London/);
    const domain = screen.getByTestId(queryEditor.domain);
    await user.type(domain, ' example.com ');
    await user.tab();
    await user.click(screen.getByTestId(queryEditor.domainExactMatch));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'insights',
      services: [SERVICE],
      visualization: 'top-url-by-requests',
      limit: 10,
      domain: 'example.com',
      domainExactMatch: false,
      datacenters: ['LHR'],
    });
  });
});

describe('Log metrics editor', () => {
  beforeEach(() => setTemplateSrv(new FakeTemplateSrv({ service: [SERVICE] })));

  it('offers the log metrics and the fields Fastly groups by', async () => {
    const { datasource, lastQuery } = setup({ queryType: 'logMetrics', services: [SERVICE], metrics: [] });
    expect(screen.getByText('Choose a metric')).toBeVisible();
    const metrics = await openMenu(queryEditor.metrics);
    await within(metrics).findByRole('option', { name: /Response time p95/ });
    expect(within(metrics).queryByRole('option', { name: /^Requests/ })).not.toBeInTheDocument();
    await user.click(within(metrics).getByRole('option', { name: /Response time \(average\)/ }));
    await user.keyboard('{Escape}');
    expect(datasource.requests).toContain('metrics?queryType=logMetrics');

    const groupBys = await openMenu(queryEditor.logGroupBy);
    await within(groupBys).findByRole('option', { name: /AS name/ });
    expect(optionNames(groupBys)).toEqual([
      'NoneOne row or series for the service',
      'Hostrequest_host',
      'Pathrequest_path',
      'POPfastly_pop',
      'Countryclient_country_code',
      'AS nameclient_as_name',
    ]);
    await user.click(within(groupBys).getByRole('option', { name: /Country/ }));
    expect(lastQuery()).toMatchObject({ metrics: ['response_time_avg'], groupBy: 'client_country_code' });
    // The group-by and filter fields share one load of the log field catalogue.
    expect(datasource.requests.filter((request) => request === 'log-fields')).toHaveLength(1);
  });

  it('sorts a table by a chosen metric, and names time series with a legend instead', async () => {
    const { lastQuery } = setup({
      queryType: 'logMetrics',
      services: [SERVICE],
      metrics: ['response_time_p95', 'response_time_avg'],
    });
    expect(screen.queryByTestId(queryEditor.legendFormat)).not.toBeInTheDocument();
    await pickOption(queryEditor.sortBy, /Response time \(average\)/);
    await chooseRadio(queryEditor.labels.sortOrder, 'Smallest first');
    expect(lastQuery()).toMatchObject({ sortBy: 'response_time_avg', sortDesc: false, format: 'table' });

    await chooseRadio(queryEditor.labels.format, 'Time series');
    expect(lastQuery()).toMatchObject({ format: 'timeseries' });
    expect(screen.queryByTestId(queryEditor.sortBy)).not.toBeInTheDocument();
    expect(screen.getByTestId(queryEditor.legendFormat)).toBeInTheDocument();
  });

  it('does not offer "filter out" (!=), which only logs queries apply', async () => {
    setup({
      queryType: 'logMetrics',
      services: [SERVICE],
      filters: [{ field: 'fastly_pop', operator: 'eq', value: 'LHR' }],
    });
    const operators = await openMenu(queryEditor.filterOperator);
    await within(operators).findByRole('option', { name: /contains/ });
    expect(within(operators).queryByRole('option', { name: /!=/ })).not.toBeInTheDocument();
  });
});
