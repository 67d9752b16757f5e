import { screen, within } from '@testing-library/react';
import { user } from '../../testing/user';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../../testing/FakeTemplateSrv';
import { setLegend } from '../../testing/legend';
import { chooseRadio, chooseType, openMenu, pickOption, renderQueryEditor } from '../../testing/renderQueryEditor';
import { selectors } from '../selectors';

const { queryEditor } = selectors;

jest.setTimeout(20000);

describe('RealtimeQueryEditor', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: ['SU1Z0isxPaozGVKXdv0eY'] }));
  });

  it('switching to "Real-time" gives a real-time query that runs once a service is chosen', async () => {
    const { lastQuery, datasource, onRunQuery } = renderQueryEditor();
    await chooseType('Real-time');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: [],
      metrics: ['requests'],
      groupBy: 'none',
      datacenters: [],
    });
    expect(datasource.filterQuery(lastQuery())).toBe(false);

    await pickOption(queryEditor.services, /Delivery/);
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['kKJb5bOFI47uHeBVluGfX1'],
      metrics: ['requests'],
      groupBy: 'none',
      datacenters: [],
    });
    expect(datasource.filterQuery(lastQuery())).toBe(true);
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('says visibly why a query without a service does not run, until one is chosen', async () => {
    renderQueryEditor();
    await chooseType('Real-time');
    const reason = 'Choose a service: a real-time query runs only with 1 to 20 services';
    expect(await screen.findByText(reason)).toBeVisible();
    await pickOption(queryEditor.services, /Delivery/);
    expect(screen.queryByText(reason)).not.toBeInTheDocument();
  });

  it('sets the legend on blur and removes it when cleared', async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'realtime', services: ['SU1Z0isxPaozGVKXdv0eY'] });
    await setLegend('{{pop_name}} {{metric}}');
    expect(lastQuery()).toMatchObject({ queryType: 'realtime', legendFormat: '{{pop_name}} {{metric}}' });
    await setLegend('');
    expect(lastQuery().queryType).toBe('realtime');
    expect(lastQuery()).not.toHaveProperty('legendFormat');
  });

  it('offers only the metrics real-time supports, asking the backend for them', async () => {
    const { datasource } = renderQueryEditor({ queryType: 'realtime' });
    const menu = await openMenu(queryEditor.metrics);
    expect(await within(menu).findByRole('option', { name: /Miss latency p95/ })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: /Edge requests/ })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: /^Requests/ })).toBeInTheDocument();
    for (const name of [/Hit ratio/, /Bandwidth/, /5xx responses/, /Compute requests/]) {
      expect(within(menu).queryByRole('option', { name })).not.toBeInTheDocument();
    }
    expect(datasource.requests).toContain('metrics?queryType=realtime');
  });

  it('groups by POP and filters POPs by code', async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'realtime', services: ['SU1Z0isxPaozGVKXdv0eY'] });
    await chooseRadio(queryEditor.labels.groupBy, 'Per POP');
    await pickOption(queryEditor.metrics, /Miss latency p95/);
    const menu = await openMenu(queryEditor.datacenters);
    expect(await within(menu).findByRole('option', { name: /SJC – San Jose/ })).toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: /LHR – London/ }));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'miss_latency_p95'],
      groupBy: 'datacenter',
      datacenters: ['LHR'],
    });
  });

  it('ranks with top N, off by default and valid with Sum', async () => {
    const { lastQuery } = renderQueryEditor({
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'edge_requests'],
      groupBy: 'none',
    });
    expect(screen.getByTestId(queryEditor.topN)).not.toBeChecked();
    expect(screen.queryByTestId(queryEditor.topNMetric)).not.toBeInTheDocument();

    await user.click(screen.getByTestId(queryEditor.topN));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'edge_requests'],
      groupBy: 'none',
      datacenters: [],
      topN: { metric: 'requests', limit: 10, order: 'desc' },
    });

    const menu = await openMenu(queryEditor.topNMetric);
    // The labels come from the metric catalogue, loaded with the editor.
    await within(menu).findByText('Requests');
    const [requests, edgeRequests] = within(menu).getAllByRole('option');
    expect(within(requests).getByText('Requests')).toBeInTheDocument();
    expect(within(requests).getByText('requests')).toBeInTheDocument();
    expect(within(edgeRequests).getByText('Edge requests')).toBeInTheDocument();
    expect(within(edgeRequests).getByText('edge_requests')).toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: /Edge requests/ }));
    await user.clear(screen.getByTestId(queryEditor.topNLimit));
    await user.type(screen.getByTestId(queryEditor.topNLimit), '5');
    await user.tab();
    await chooseRadio(queryEditor.labels.topNOrder, 'Smallest');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'edge_requests'],
      groupBy: 'none',
      datacenters: [],
      topN: { metric: 'edge_requests', limit: 5, order: 'asc' },
    });

    await user.click(screen.getByTestId(queryEditor.topN));
    expect(lastQuery()).not.toHaveProperty('topN');
  });

  it('keeps top N per POP, switching between Sum and Per POP', async () => {
    const { lastQuery } = renderQueryEditor({
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['edge_requests'],
      topN: { metric: 'edge_requests', limit: 10, order: 'desc' },
    });
    await chooseRadio(queryEditor.labels.groupBy, 'Per POP');
    expect(lastQuery()).toMatchObject({
      groupBy: 'datacenter',
      topN: { metric: 'edge_requests', limit: 10, order: 'desc' },
    });
    await chooseRadio(queryEditor.labels.groupBy, 'Sum');
    expect(lastQuery()).toMatchObject({ groupBy: 'none', topN: { metric: 'edge_requests', limit: 10, order: 'desc' } });
  });

  it('ranks by a remaining metric when the ranked one is removed, and drops top N with the last metric', async () => {
    const { lastQuery } = renderQueryEditor({
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests', 'miss_latency_p95'],
      groupBy: 'datacenter',
      topN: { metric: 'miss_latency_p95', limit: 3, order: 'asc' },
    });
    let menu = await openMenu(queryEditor.metrics);
    await user.click(await within(menu).findByRole('option', { name: /Miss latency p95/ }));
    await user.keyboard('{Escape}');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: ['requests'],
      groupBy: 'datacenter',
      datacenters: [],
      topN: { metric: 'requests', limit: 3, order: 'asc' },
    });
    menu = await openMenu(queryEditor.metrics);
    await user.click(await within(menu).findByRole('option', { name: /^Requests/ }));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['SU1Z0isxPaozGVKXdv0eY'],
      metrics: [],
      groupBy: 'datacenter',
      datacenters: [],
    });
  });

  it('says when more than 20 services are chosen', async () => {
    const services = Array.from({ length: 21 }, (_, index) => `service${index}`);
    renderQueryEditor({ queryType: 'realtime', services });
    expect(await screen.findByText('Real-time queries take at most 20 services')).toBeInTheDocument();
  });
});
