import React from 'react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { user } from '../testing/user';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../testing/FakeTemplateSrv';
import { FixtureDataSource } from '../testing/FixtureDataSource';
import { FastlyVariableQuery } from '../types/variables';
import { selectors } from './selectors';
import { VariableQueryEditor } from './VariableQueryEditor';

function setup(query: FastlyVariableQuery) {
  const onChange = jest.fn();
  render(
    <VariableQueryEditor
      datasource={new FixtureDataSource()}
      query={query}
      onChange={onChange}
      onRunQuery={jest.fn()}
    />
  );
  return { onChange };
}

describe('VariableQueryEditor', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: 'SU1Z0isxPaozGVKXdv0eY' }));
  });

  it('starts a new variable on services', () => {
    setup({ refId: 'v' } as FastlyVariableQuery);
    expect(screen.getByTestId(selectors.variableEditor.kind)).toHaveValue('Services');
  });

  it('stores the chosen kind', async () => {
    const { onChange } = setup({ refId: 'v', kind: 'services' });
    await user.click(screen.getByTestId(selectors.variableEditor.kind));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: /POPs/ }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', kind: 'datacenters' });
  });

  it('starts a hosts variable with no service chosen yet', async () => {
    const { onChange } = setup({ refId: 'v', kind: 'services' });
    expect(screen.queryByTestId(selectors.variableEditor.service)).not.toBeInTheDocument();
    await user.click(screen.getByTestId(selectors.variableEditor.kind));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: /Origin hosts/ }));
    expect(onChange).toHaveBeenLastCalledWith({ refId: 'v', kind: 'hosts', service: '' });
  });

  it('stores the service of a domains variable by id', async () => {
    const { onChange } = setup({ refId: 'v', kind: 'domains', service: '' });
    await user.click(screen.getByTestId(selectors.variableEditor.service));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: /Delivery/ }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', kind: 'domains', service: 'kKJb5bOFI47uHeBVluGfX1' });
  });

  it('shows the name of a stored service', async () => {
    setup({ refId: 'v', kind: 'hosts', service: 'SU1Z0isxPaozGVKXdv0eY' });
    await waitFor(() => expect(screen.getByTestId(selectors.variableEditor.service)).toHaveValue('api.example.com'));
  });
});
