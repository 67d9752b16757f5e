import React from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

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
  it('starts a new variable on services', () => {
    setup({ refId: 'v' } as FastlyVariableQuery);
    expect(screen.getByTestId(selectors.variableEditor.kind)).toHaveValue('Services');
  });

  it('stores the chosen kind', async () => {
    const { onChange } = setup({ refId: 'v', kind: 'services' });
    await userEvent.click(screen.getByTestId(selectors.variableEditor.kind));
    await userEvent.click(within(await screen.findByRole('listbox')).getByRole('option', { name: /POPs/ }));
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenCalledWith({ refId: 'v', kind: 'datacenters' });
  });
});
