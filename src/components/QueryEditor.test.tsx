import { screen, waitFor, within } from '@testing-library/react';
import { user } from '../testing/user';
import { setTemplateSrv } from '@grafana/runtime';

import { StoredQuery } from '../types/query';
import { BAD_TOKEN_MESSAGE } from '../testing/fixtures';
import { FakeTemplateSrv } from '../testing/FakeTemplateSrv';
import { chooseRadio, chooseType, openMenu, renderQueryEditor } from '../testing/renderQueryEditor';
import { selectors } from './selectors';

const { queryEditor } = selectors;

/** The shared editor host, with the last change read as a stored query so any query type's fields can be asserted. */
function setup(...args: Parameters<typeof renderQueryEditor>) {
  const editor = renderQueryEditor(...args);
  const lastQuery = (): StoredQuery => editor.lastQuery();
  return { ...editor, lastQuery };
}

// The first render loads Grafana's comboboxes, which can take seconds on a busy CI worker.
jest.setTimeout(20000);

describe('QueryEditor', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: ['SU1Z0isxPaozGVKXdv0eY'] }));
  });

  it('offers the services by name, with their ids and the dashboard variables', async () => {
    setup();
    const menu = await openMenu(queryEditor.services);
    expect(await within(menu).findByRole('option', { name: /Delivery/ })).toHaveTextContent('kKJb5bOFI47uHeBVluGfX1');
    expect(within(menu).getByRole('option', { name: /api\.example\.com/ })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: /\$service/ })).toBeInTheDocument();
  });

  it('stores the id of a picked service and runs the query', async () => {
    const { lastQuery, onRunQuery } = setup();
    const menu = await openMenu(queryEditor.services);
    await user.click(await within(menu).findByRole('option', { name: /Delivery/ }));
    expect(lastQuery().services).toEqual(['kKJb5bOFI47uHeBVluGfX1']);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('stores a template variable as typed', async () => {
    const { lastQuery } = setup();
    const menu = await openMenu(queryEditor.services);
    await user.click(await within(menu).findByRole('option', { name: /\$service/ }));
    expect(lastQuery().services).toEqual(['$service']);
  });

  it('groups the stats metrics: traffic, cache, status, bytes, timing, derived, then the rest', async () => {
    setup();
    const menu = await openMenu(queryEditor.metrics);
    await within(menu).findByRole('option', { name: /Hit ratio/ });
    const labels = within(menu)
      .getAllByRole('option')
      .map((option) => option.textContent ?? '');
    const order = [
      'Requests',
      'Cache hits',
      '5xx responses',
      'Bandwidth',
      'Miss time',
      'Hit ratio',
      'Compute requests',
    ];
    expect(labels.map((label) => order.find((name) => label.startsWith(name)))).toEqual([...order, undefined]);
    expect(within(menu).queryByRole('option', { name: /Edge requests/ })).not.toBeInTheDocument();
    expect(within(menu).getByText('Status codes')).toBeInTheDocument();
  });

  it('shows unit and description of each metric', async () => {
    setup();
    const menu = await openMenu(queryEditor.metrics);
    expect(await within(menu).findByRole('option', { name: /Bandwidth/ })).toHaveTextContent(
      'bytes · Bytes delivered to clients'
    );
  });

  it('adds a picked metric to the default one', async () => {
    const { lastQuery } = setup();
    const menu = await openMenu(queryEditor.metrics);
    await user.click(await within(menu).findByRole('option', { name: /Hit ratio/ }));
    expect(lastQuery().metrics).toEqual(['requests', 'hit_ratio']);
  });

  it('sets region, granularity, group-by and per-second, running the query once per change', async () => {
    const { lastQuery, onRunQuery } = setup();
    const menu = await openMenu(queryEditor.region);
    await user.click(await within(menu).findByRole('option', { name: /Europe/ }));
    expect(lastQuery().region).toBe('europe');

    await chooseRadio(queryEditor.labels.granularity, 'Hour');
    await chooseRadio(queryEditor.labels.groupBy, 'Sum');
    await user.click(screen.getByTestId(queryEditor.perSecond));
    expect(lastQuery()).toMatchObject({ region: 'europe', granularity: 'hour', groupBy: 'none', perSecond: true });
    expect(onRunQuery).toHaveBeenCalledTimes(4);
  });

  it('offers "All regions" to clear the region', async () => {
    const { lastQuery } = setup({ region: 'usa' });
    const menu = await openMenu(queryEditor.region);
    await user.click(await within(menu).findByRole('option', { name: /All regions/ }));
    expect(lastQuery().region).toBe('');
  });

  it('shows the names of services already stored as ids', async () => {
    setup({ services: ['kKJb5bOFI47uHeBVluGfX1'] });
    expect(await screen.findByText('Delivery')).toBeInTheDocument();
  });

  it("shows the backend's message when a list cannot be loaded", async () => {
    setup({}, { services: { status: 502, message: BAD_TOKEN_MESSAGE } });
    expect(await screen.findByText(BAD_TOKEN_MESSAGE)).toBeInTheDocument();
    const menu = await openMenu(queryEditor.services);
    expect(within(menu).getByText(BAD_TOKEN_MESSAGE)).toBeInTheDocument();
  });

  it('shows loading until the lists arrive', async () => {
    setup();
    expect(screen.getByTestId(queryEditor.services)).toHaveAttribute('placeholder', 'Loading…');
    await waitFor(() =>
      expect(screen.getByTestId(queryEditor.services)).toHaveAttribute('placeholder', 'All services')
    );
  });

  it.each([
    ['Services table', { refId: 'A', queryType: 'services' }],
    ['Deploy annotations', { refId: 'A', queryType: 'versions', services: [] }],
    ['Event annotations', { refId: 'A', queryType: 'events', services: [], eventTypes: [] }],
    ['Alert annotations', { refId: 'A', queryType: 'alerts', services: [], status: '' }],
    ['Usage', { refId: 'A', queryType: 'usage', usageBy: 'region', month: '', region: '', billableUnits: false }],
    [
      'Historical stats',
      {
        refId: 'A',
        queryType: 'stats',
        services: [],
        metrics: ['requests'],
        granularity: 'auto',
        region: '',
        groupBy: 'service',
        perSecond: false,
      },
    ],
  ])('switching to "%s" produces a new query of that type', async (label, expected) => {
    const { lastQuery, datasource, onRunQuery } = renderQueryEditor(
      label === 'Historical stats' ? { queryType: 'usage' } : {}
    );
    await chooseType(label);
    expect(lastQuery()).toEqual(expected);
    expect(datasource.filterQuery(lastQuery())).toBe(true);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('describes the services table', async () => {
    setup();
    await chooseType('Services table');
    expect(screen.getByTestId(queryEditor.servicesDescription)).toHaveTextContent('One row per service');
    expect(screen.queryByTestId(queryEditor.services)).not.toBeInTheDocument();
  });

  it('picks the services of a deploy annotation query', async () => {
    const { lastQuery } = setup();
    await chooseType('Deploy annotations');
    const menu = await openMenu(queryEditor.services);
    await user.click(await within(menu).findByRole('option', { name: /Delivery/ }));
    expect(lastQuery()).toEqual({ refId: 'A', queryType: 'versions', services: ['kKJb5bOFI47uHeBVluGfX1'] });
  });

  it('adds top N with the chosen metric, limit and order, and drops it with group by sum', async () => {
    const { lastQuery } = setup({ metrics: ['requests', 'hit_ratio'] });
    expect(screen.queryByTestId(queryEditor.topNMetric)).not.toBeInTheDocument();
    await user.click(screen.getByTestId(queryEditor.topN));
    expect(lastQuery().topN).toEqual({ metric: 'requests', limit: 10, order: 'desc' });

    const menu = await openMenu(queryEditor.topNMetric);
    // The labels come from the metric catalogue, loaded with the editor.
    await within(menu).findByText('Requests');
    const [requests, hitRatio] = within(menu).getAllByRole('option');
    expect(within(requests).getByText('Requests')).toBeInTheDocument();
    expect(within(requests).getByText('requests')).toBeInTheDocument();
    expect(within(hitRatio).getByText('Hit ratio')).toBeInTheDocument();
    expect(within(hitRatio).getByText('hit_ratio')).toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: /Hit ratio/ }));
    await user.clear(screen.getByTestId(queryEditor.topNLimit));
    await user.type(screen.getByTestId(queryEditor.topNLimit), '5');
    await user.tab();
    await chooseRadio(queryEditor.labels.topNOrder, 'Smallest');
    expect(lastQuery().topN).toEqual({ metric: 'hit_ratio', limit: 5, order: 'asc' });

    await chooseRadio(queryEditor.labels.groupBy, 'Sum');
    expect(lastQuery()).toMatchObject({ groupBy: 'none' });
    expect(lastQuery()).not.toHaveProperty('topN');
    expect(screen.queryByTestId(queryEditor.topN)).not.toBeInTheDocument();
  });

  it('ranks by a metric the catalogue does not know under its id', async () => {
    const { lastQuery } = setup({ metrics: ['requests', '$metric'] });
    await user.click(screen.getByTestId(queryEditor.topN));
    const menu = await openMenu(queryEditor.topNMetric);
    expect(await within(menu).findByRole('option', { name: /Requests/ })).toBeInTheDocument();
    const unknown = within(menu).getByRole('option', { name: '$metric' });
    await user.click(unknown);
    expect(lastQuery().topN).toEqual({ metric: '$metric', limit: 10, order: 'desc' });
  });

  it('keeps an out-of-range top N limit out of the query', async () => {
    const { lastQuery } = setup();
    await user.click(screen.getByTestId(queryEditor.topN));
    await user.clear(screen.getByTestId(queryEditor.topNLimit));
    await user.type(screen.getByTestId(queryEditor.topNLimit), '500');
    await user.tab();
    expect(lastQuery().topN).toEqual({ metric: 'requests', limit: 10, order: 'desc' });
    expect(screen.getByText('Use a whole number from 1 to 100')).toBeInTheDocument();
  });

  it('asks a usage query for a valid month and billable units', async () => {
    const { lastQuery } = setup();
    await chooseType('Usage');
    expect(screen.queryByTestId(queryEditor.month)).not.toBeInTheDocument();
    expect(screen.queryByTestId(queryEditor.billableUnits)).not.toBeInTheDocument();
    await chooseRadio(queryEditor.labels.usageBy, 'Month');
    expect(lastQuery()).toMatchObject({ queryType: 'usage', usageBy: 'month', month: '' });

    await user.type(screen.getByTestId(queryEditor.month), '2026-13');
    await user.tab();
    expect(screen.getByText('Use YYYY-MM, e.g. 2026-03')).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ month: '' });

    await user.clear(screen.getByTestId(queryEditor.month));
    await user.type(screen.getByTestId(queryEditor.month), '2026-03');
    await user.tab();
    await user.click(screen.getByTestId(queryEditor.billableUnits));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'usage',
      usageBy: 'month',
      month: '2026-03',
      region: '',
      billableUnits: true,
    });

    await chooseRadio(queryEditor.labels.usageBy, 'Service');
    expect(lastQuery()).toMatchObject({ usageBy: 'service', month: '', billableUnits: false });
  });
});
