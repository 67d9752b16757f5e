import { screen, waitFor, within } from '@testing-library/react';
import { setTemplateSrv } from '@grafana/runtime';

import { BAD_TOKEN_MESSAGE } from '../../testing/fixtures';
import { FakeTemplateSrv } from '../../testing/FakeTemplateSrv';
import { chooseRadio, chooseType, openMenu, renderQueryEditor } from '../../testing/renderQueryEditor';
import { user } from '../../testing/user';
import { selectors } from '../selectors';

const { queryEditor } = selectors;

jest.setTimeout(20000);

describe('event and alert annotation editors', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: ['SU1Z0isxPaozGVKXdv0eY'] }));
  });

  it('switching to "Event annotations" starts with every service and the default event types', async () => {
    const { lastQuery, datasource, onRunQuery } = renderQueryEditor();
    await chooseType('Event annotations');
    expect(lastQuery()).toEqual({ refId: 'A', queryType: 'events', services: [], eventTypes: [] });
    expect(datasource.filterQuery(lastQuery())).toBe(true);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.getByTestId(queryEditor.eventTypes)).toHaveAttribute('placeholder', 'Activations and purges')
    );
  });

  it('lists the event types in the backend order with their Fastly names, and stores the names picked', async () => {
    const { lastQuery, datasource } = renderQueryEditor({ queryType: 'events', services: [], eventTypes: [] });
    const menu = await openMenu(queryEditor.eventTypes);
    await within(menu).findByRole('option', { name: /Purge all/ });
    const labels = within(menu)
      .getAllByRole('option')
      .map((option) => option.textContent ?? '');
    expect(labels.slice(0, 4)).toEqual(
      ['Version activated', 'Purge all', 'VCL updated', 'Backend updated'].map((label) =>
        expect.stringContaining(label)
      )
    );
    expect(within(menu).getByRole('option', { name: /Purge all/ })).toHaveTextContent(
      'service.purge_all · Every cached object of a service was purged'
    );
    await user.click(within(menu).getByRole('option', { name: /Purge all/ }));
    await user.click(within(menu).getByRole('option', { name: /VCL updated/ }));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'events',
      services: [],
      eventTypes: ['service.purge_all', 'vcl.update'],
    });
    expect(datasource.requests).toContain('event-types');
  });

  it('picks the services of an events query next to its event types', async () => {
    const { lastQuery } = renderQueryEditor({ queryType: 'events', services: [], eventTypes: ['service.purge_all'] });
    const menu = await openMenu(queryEditor.services);
    await user.click(await within(menu).findByRole('option', { name: /\$service/ }));
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'events',
      services: ['$service'],
      eventTypes: ['service.purge_all'],
    });
  });

  it("shows the backend's message when the event types cannot be loaded", async () => {
    renderQueryEditor(
      { queryType: 'events', services: [], eventTypes: [] },
      { 'event-types': { status: 502, message: BAD_TOKEN_MESSAGE } }
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(BAD_TOKEN_MESSAGE);
  });

  it('switching to "Alert annotations" shows every alert of every service', async () => {
    const { lastQuery, datasource } = renderQueryEditor();
    await chooseType('Alert annotations');
    expect(lastQuery()).toEqual({ refId: 'A', queryType: 'alerts', services: [], status: '' });
    expect(datasource.filterQuery(lastQuery())).toBe(true);
    expect(
      within(screen.getByRole('radiogroup', { name: queryEditor.labels.alertStatus })).getByLabelText('All')
    ).toBeChecked();
  });

  it('sets the alert status and the services of an alerts query, running it once per change', async () => {
    const { lastQuery, onRunQuery } = renderQueryEditor({ queryType: 'alerts', services: [], status: '' });
    await chooseRadio(queryEditor.labels.alertStatus, 'Active');
    expect(lastQuery()).toEqual({ refId: 'A', queryType: 'alerts', services: [], status: 'active' });
    const menu = await openMenu(queryEditor.services);
    await user.click(await within(menu).findByRole('option', { name: /Delivery/ }));
    await chooseRadio(queryEditor.labels.alertStatus, 'Resolved');
    expect(lastQuery()).toEqual({
      refId: 'A',
      queryType: 'alerts',
      services: ['kKJb5bOFI47uHeBVluGfX1'],
      status: 'resolved',
    });
    expect(onRunQuery).toHaveBeenCalledTimes(3);
  });
});
