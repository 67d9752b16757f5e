import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../testing/FakeTemplateSrv';
import { useVariableOptions } from './useVariableOptions';

function VariableList() {
  const options = useVariableOptions();
  return (
    <>
      <input data-testid="dropdown" />
      <ul>
        {options.map((option) => (
          <li key={String(option.value)}>{option.label}</li>
        ))}
      </ul>
    </>
  );
}

describe('useVariableOptions', () => {
  it('shows a variable added while the editor is open once a dropdown gets focus', () => {
    const values: Record<string, string> = { service: 'SU1Z0isxPaozGVKXdv0eY' };
    setTemplateSrv(new FakeTemplateSrv(values));
    render(<VariableList />);
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['$service']);

    values.region = 'europe'; // added in the dashboard settings while the editor stays open
    act(() => screen.getByTestId('dropdown').focus());
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['$service', '$region']);
  });

  it('keeps the same options array while the variables do not change', () => {
    setTemplateSrv(new FakeTemplateSrv({ service: 'SU1Z0isxPaozGVKXdv0eY' }));
    const seen: unknown[] = [];
    function Probe({ tick }: { tick: number }) {
      seen.push(useVariableOptions());
      return <span>{tick}</span>;
    }
    const { rerender } = render(<Probe tick={1} />);
    rerender(<Probe tick={2} />);
    expect(seen).toHaveLength(2);
    expect(seen[1]).toBe(seen[0]);
  });
});
