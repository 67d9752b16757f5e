import { screen, waitFor, within } from '@testing-library/react';
import { user } from '../../testing/user';
import { setTemplateSrv } from '@grafana/runtime';

import { ORIGIN_INSPECTOR_DISABLED_MESSAGE } from '../../testing/fixtures';
import { FakeTemplateSrv } from '../../testing/FakeTemplateSrv';
import { setLegend } from '../../testing/legend';
import { chooseRadio, chooseType, openMenu, pickOption, renderQueryEditor } from '../../testing/renderQueryEditor';
import { selectors } from '../selectors';

const { queryEditor } = selectors;

jest.setTimeout(20000);

const API = 'SU1Z0isxPaozGVKXdv0eY';
const DELIVERY = 'kKJb5bOFI47uHeBVluGfX1';
const COMPUTE = 'XsjdElScZGjmfCcTwsYRC1';

describe('InspectorQueryEditor', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: [API] }));
  });

  it.each([
    ['origins', queryEditor.hosts],
    ['domains', queryEditor.domains],
  ])(
    'lists the %s filter between the services and the metrics, the fields it depends on and narrows',
    async (queryType, names) => {
      renderQueryEditor({ queryType: queryType as 'origins' | 'domains', services: [API] });
      await waitFor(() => expect(screen.queryAllByPlaceholderText('Loading…')).toHaveLength(0));
      const order = [queryEditor.services, names, queryEditor.metrics, queryEditor.inspectorGroupBy].map((id) =>
        screen.getByTestId(id)
      );
      for (let i = 1; i < order.length; i++) {
        expect(order[i - 1].compareDocumentPosition(order[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      }
    }
  );

  it.each([
    [
      'Origin Inspector',
      {
        refId: 'A',
        queryType: 'origins',
        services: [],
        metrics: ['responses'],
        groupBy: ['host'],
        hosts: [],
        datacenters: [],
        regions: [],
        granularity: 'auto',
        source: 'auto',
      },
    ],
    [
      'Domain Inspector',
      {
        refId: 'A',
        queryType: 'domains',
        services: [],
        metrics: ['edge_requests'],
        groupBy: ['domain'],
        domains: [],
        datacenters: [],
        regions: [],
        granularity: 'auto',
        source: 'auto',
      },
    ],
  ])('switching to "%s" gives a query of that type that runs once a service is chosen', async (label, expected) => {
    const { lastQuery, datasource } = renderQueryEditor();
    await chooseType(label);
    expect(lastQuery()).toEqual(expected);
    expect(datasource.filterQuery(lastQuery())).toBe(false);
    await pickOption(queryEditor.services, /api\.example\.com/);
    expect(lastQuery()).toEqual({ ...expected, services: [API] });
    expect(datasource.filterQuery(lastQuery())).toBe(true);
  });

  it.each([
    ['Origin Inspector', 'Choose a service: Origin Inspector queries run only once one is chosen'],
    ['Domain Inspector', 'Choose a service: Domain Inspector queries run only once one is chosen'],
  ])('says visibly why a %s query without a service does not run', async (label, reason) => {
    renderQueryEditor();
    await chooseType(label);
    expect(await screen.findByText(reason)).toBeVisible();
    await pickOption(queryEditor.services, /Delivery/);
    expect(screen.queryByText(reason)).not.toBeInTheDocument();
  });

  it.each([
    ['origins', '{{origin}} {{metric}}'],
    ['domains', '{{domain}} {{pop_name}}'],
  ] as const)('sets the %s legend on blur and removes it when cleared', async (queryType, legend) => {
    const { lastQuery } = renderQueryEditor({ queryType, services: [DELIVERY] });
    await setLegend(legend);
    expect(lastQuery()).toMatchObject({ queryType, legendFormat: legend });
    await setLegend('');
    expect(lastQuery().queryType).toBe(queryType);
    expect(lastQuery()).not.toHaveProperty('legendFormat');
  });

  it("shows the backend's message prominently when Origin Inspector is not enabled", async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'origins' });
    expect(screen.queryByTestId(queryEditor.inspectorBanner)).not.toBeInTheDocument();
    await pickOption(queryEditor.services, /Delivery/);
    const banner = await screen.findByTestId(queryEditor.inspectorBanner);
    expect(banner).toHaveTextContent('Origin Inspector is not available');
    expect(banner).toHaveTextContent(ORIGIN_INSPECTOR_DISABLED_MESSAGE);
    expect(within(banner).getByRole('alert')).toBeInTheDocument();
    expect(lastQuery()).toMatchObject({ queryType: 'origins', services: [DELIVERY] });
  });

  it('names the add-on and the service when the backend sends no message', async () => {
    renderQueryEditor({ queryType: 'origins', services: [COMPUTE] });
    const banner = await screen.findByTestId(queryEditor.inspectorBanner);
    expect(banner).toHaveTextContent('Origin Inspector is not available');
    await waitFor(() => expect(banner).toHaveTextContent('Origin Inspector is not enabled for edge-compute'));
  });

  it('lists every selected service without the add-on and offers the hosts of the others', async () => {
    const { lastQuery, datasource } = renderQueryEditor({
      queryType: 'origins',
      services: [API, DELIVERY, COMPUTE],
    });
    const banner = await screen.findByTestId(queryEditor.inspectorBanner);
    expect(banner).toHaveTextContent('Origin Inspector is not available for 2 of 3 services');
    expect(banner).toHaveTextContent(ORIGIN_INSPECTOR_DISABLED_MESSAGE);
    await waitFor(() => expect(banner).toHaveTextContent('Origin Inspector is not enabled for edge-compute'));
    expect(within(banner).getAllByRole('listitem')).toHaveLength(2);
    expect(banner).not.toHaveTextContent('api.example.com');

    const menu = await openMenu(queryEditor.hosts);
    expect(await within(menu).findByRole('option', { name: 'origin-a.example.com' })).toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: 'origin-b.example.com' }));
    expect(lastQuery()).toMatchObject({
      queryType: 'origins',
      services: [API, DELIVERY, COMPUTE],
      hosts: ['origin-b.example.com'],
    });
    expect(datasource.requests.filter((path) => path.startsWith('origins')).sort()).toEqual(
      [`origins?service=${API}`, `origins?service=${DELIVERY}`, `origins?service=${COMPUTE}`].sort()
    );
  });

  it('offers the domains of every selected service, each asked for once', async () => {
    setTemplateSrv(new FakeTemplateSrv({ service: [API, DELIVERY] }));
    const { datasource } = renderQueryEditor({ queryType: 'domains', services: ['$service', API] });
    const menu = await openMenu(queryEditor.domains);
    expect(await within(menu).findByRole('option', { name: 'cdn.example.net' })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: 'www.example.com' })).toBeInTheDocument();
    expect(within(menu).getAllByRole('option', { name: 'api.example.com' })).toHaveLength(1);
    expect(screen.queryByTestId(queryEditor.inspectorBanner)).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    await pickOption(queryEditor.regions, /Europe/);
    expect(datasource.requests.filter((path) => path.startsWith('domains'))).toEqual([
      `domains?service=${API}`,
      `domains?service=${DELIVERY}`,
    ]);
  });

  it('checks the service a dashboard variable names', async () => {
    const { datasource } = renderQueryEditor({ queryType: 'domains', services: ['$service'] });
    await waitFor(() => expect(datasource.requests).toContain(`domains?service=${API}`));
    expect(screen.queryByTestId(queryEditor.inspectorBanner)).not.toBeInTheDocument();
  });

  it('offers the origin hosts the resource lists for the service and stores the picked ones', async () => {
    const { lastQuery, datasource } = renderQueryEditor({ queryType: 'origins', services: [API] });
    const menu = await openMenu(queryEditor.hosts);
    expect(await within(menu).findByRole('option', { name: 'origin-a.example.com' })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: 'origin-b.example.com' })).toBeInTheDocument();
    expect(within(menu).getByRole('option', { name: /\$service/ })).toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: 'origin-b.example.com' }));
    expect(lastQuery()).toMatchObject({ queryType: 'origins', hosts: ['origin-b.example.com'] });
    expect(datasource.requests).toContain(`origins?service=${API}`);
    expect(screen.queryByTestId(queryEditor.inspectorBanner)).not.toBeInTheDocument();
  });

  it('asks for a service before listing hosts', async () => {
    const { datasource } = renderQueryEditor({ queryType: 'origins' });
    expect(screen.getByTestId(queryEditor.hosts)).toHaveAttribute('placeholder', 'Choose a service first');
    await waitFor(() =>
      expect(screen.getByTestId(queryEditor.services)).toHaveAttribute('placeholder', 'Choose a service')
    );
    await waitFor(() => expect(screen.getByTestId(queryEditor.regions)).toHaveAttribute('placeholder', 'All regions'));
    expect(datasource.requests.filter((path) => path.startsWith('origins'))).toEqual([]);
  });

  it('offers the origin catalogue, with latency percentiles', async () => {
    const { lastQuery, datasource } = renderQueryEditor({
      queryType: 'origins',
      services: [API],
      metrics: ['responses'],
    });
    const menu = await openMenu(queryEditor.metrics);
    expect(await within(menu).findByRole('option', { name: /Origin latency p95/ })).toBeInTheDocument();
    expect(within(menu).getByText('Latency')).toBeInTheDocument();
    expect(within(menu).queryByRole('option', { name: /Hit ratio/ })).not.toBeInTheDocument();
    await user.click(within(menu).getByRole('option', { name: /Origin latency p95/ }));
    expect(lastQuery()).toMatchObject({ metrics: ['responses', 'latency_p95'] });
    expect(datasource.requests).toContain('metrics?queryType=origins');
  });

  it('groups origins by host, POP, region and source, domains without source', async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'origins', services: [API] });
    let menu = await openMenu(queryEditor.inspectorGroupBy);
    expect(
      within(menu)
        .getAllByRole('option')
        .map((option) => option.textContent)
    ).toEqual(['Origin host', 'POP', 'Region', 'Made by: All / VCL / WAF / Compute']);
    await user.click(within(menu).getByRole('option', { name: 'POP' }));
    expect(lastQuery()).toMatchObject({ groupBy: ['host', 'datacenter'] });
    await user.keyboard('{Escape}');

    await chooseType('Domain Inspector');
    menu = await openMenu(queryEditor.inspectorGroupBy);
    expect(
      within(menu)
        .getAllByRole('option')
        .map((option) => option.textContent)
    ).toEqual(['Domain', 'POP', 'Region']);
  });

  it('filters domains, POPs and regions, and sets granularity and source', async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'domains', services: [API], metrics: ['edge_requests'] });
    await pickOption(queryEditor.domains, /www\.example\.com/);
    await pickOption(queryEditor.datacenters, /LHR – London/);
    await pickOption(queryEditor.regions, /Europe/);
    await chooseRadio(queryEditor.labels.granularity, 'Hour');
    await chooseRadio(queryEditor.labels.source, 'Historical');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'domains',
      services: [API],
      metrics: ['edge_requests'],
      groupBy: ['domain'],
      domains: ['www.example.com'],
      datacenters: ['LHR'],
      regions: ['europe'],
      granularity: 'hour',
      source: 'historical',
    });
  });

  it.each([
    ['origins', { metrics: ['responses'], groupBy: ['host'], hosts: [] }],
    ['domains', { metrics: ['edge_requests'], groupBy: ['domain'], domains: [] }],
  ])('offers the real-time source for %s and stores it', async (queryType, fields) => {
    const { lastQuery } = renderQueryEditor({ queryType, services: [API], ...fields });
    const realtime = within(screen.getByRole('radiogroup', { name: queryEditor.labels.source })).getByLabelText(
      'Real-time'
    );
    expect(realtime).toBeEnabled();
    expect(screen.queryByText(/not available yet/i)).not.toBeInTheDocument();
    await chooseRadio(queryEditor.labels.source, 'Real-time');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType,
      services: [API],
      ...fields,
      datacenters: [],
      regions: [],
      granularity: 'auto',
      source: 'realtime',
    });
  });
});
