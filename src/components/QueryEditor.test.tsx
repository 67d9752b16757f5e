import React, { useState } from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CoreApp } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import { FastlyQuery } from '../types/query';
import { ResourceKind } from '../types/resources';
import { BAD_TOKEN_MESSAGE, resourceFixtures } from '../testing/fixtures';
import { FakeTemplateSrv } from '../testing/FakeTemplateSrv';
import { FixtureDataSource, ResourceFailure } from '../testing/FixtureDataSource';
import { QueryEditor } from './QueryEditor';
import { selectors } from './selectors';

const { queryEditor } = selectors;

/** Renders the editor the way Grafana does: the query lives in the parent and comes back after each change. */
function setup(initial: Partial<FastlyQuery> = {}, failures: Partial<Record<ResourceKind, ResourceFailure>> = {}) {
  const datasource = new FixtureDataSource(resourceFixtures, failures);
  const changes: FastlyQuery[] = [];
  const onRunQuery = jest.fn();
  function Host() {
    const [query, setQuery] = useState<FastlyQuery>({
      ...datasource.getDefaultQuery(CoreApp.PanelEditor),
      refId: 'A',
      ...initial,
    } as FastlyQuery);
    const onChange = (next: FastlyQuery) => {
      changes.push(next);
      setQuery(next);
    };
    return <QueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />;
  }
  render(<Host />);
  const lastQuery = () => changes[changes.length - 1];
  return { datasource, lastQuery, onRunQuery };
}

async function openMenu(testId: string) {
  await userEvent.click(screen.getByTestId(testId));
  return screen.findByRole('listbox');
}

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
    await userEvent.click(await within(menu).findByRole('option', { name: /Delivery/ }));
    expect(lastQuery().services).toEqual(['kKJb5bOFI47uHeBVluGfX1']);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('stores a template variable as typed', async () => {
    const { lastQuery } = setup();
    const menu = await openMenu(queryEditor.services);
    await userEvent.click(await within(menu).findByRole('option', { name: /\$service/ }));
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
    await userEvent.click(await within(menu).findByRole('option', { name: /Hit ratio/ }));
    expect(lastQuery().metrics).toEqual(['requests', 'hit_ratio']);
  });

  it('sets region, granularity, group-by and per-second, running the query once per change', async () => {
    const { lastQuery, onRunQuery } = setup();
    const menu = await openMenu(queryEditor.region);
    await userEvent.click(await within(menu).findByRole('option', { name: /Europe/ }));
    expect(lastQuery().region).toBe('europe');

    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: queryEditor.labels.granularity })).getByLabelText('Hour')
    );
    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: queryEditor.labels.groupBy })).getByLabelText('Sum')
    );
    await userEvent.click(screen.getByTestId(queryEditor.perSecond));
    expect(lastQuery()).toMatchObject({ region: 'europe', granularity: 'hour', groupBy: 'none', perSecond: true });
    expect(onRunQuery).toHaveBeenCalledTimes(4);
  });

  it('offers "All regions" to clear the region', async () => {
    const { lastQuery } = setup({ region: 'usa' });
    const menu = await openMenu(queryEditor.region);
    await userEvent.click(await within(menu).findByRole('option', { name: /All regions/ }));
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
});
