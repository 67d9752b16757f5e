import React, { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import { user } from './user';
import { CoreApp } from '@grafana/data';

import { QueryEditor } from '../components/QueryEditor';
import { selectors } from '../components/selectors';
import { FastlyQuery, StoredQuery } from '../types/query';
import { resourceFixtures } from './fixtures';
import { FixtureDataSource, FixturePath, ResourceFailure } from './FixtureDataSource';

/** Renders the query editor the way Grafana does: the query lives in the parent and comes back after each change. */
export function renderQueryEditor(
  initial: Partial<StoredQuery> = {},
  failures: Partial<Record<FixturePath, ResourceFailure>> = {}
) {
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
  const lastQuery = (): FastlyQuery => changes[changes.length - 1];
  return { datasource, lastQuery, onRunQuery };
}

/** Opens a dropdown and returns its option list. */
export async function openMenu(testId: string) {
  await user.click(screen.getByTestId(testId));
  return screen.findByRole('listbox');
}

/** Opens a dropdown, picks the option whose name matches, and closes it. */
export async function pickOption(testId: string, name: RegExp) {
  const menu = await openMenu(testId);
  await user.click(await within(menu).findByRole('option', { name }));
  await user.keyboard('{Escape}');
}

/** Picks a query type in the query type radio group. */
export async function chooseType(label: string) {
  await user.click(
    within(screen.getByRole('radiogroup', { name: selectors.queryEditor.labels.queryType })).getByLabelText(label)
  );
}

/** Picks an option of a radio group by its visible label. */
export async function chooseRadio(group: string, label: string) {
  await user.click(within(screen.getByRole('radiogroup', { name: group })).getByLabelText(label));
}
