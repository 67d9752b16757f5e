import { act, renderHook } from '@testing-library/react';

import { sameList, useDistinctChange } from './useDistinctChange';

describe('useDistinctChange', () => {
  it('reports a repeated change once, even before the new value comes back', () => {
    const onChange = jest.fn();
    const { result, rerender } = renderHook(({ value }) => useDistinctChange(value, onChange, sameList), {
      initialProps: { value: ['a'] },
    });
    act(() => {
      result.current(['a', 'b']);
      result.current(['a', 'b']);
    });
    expect(onChange).toHaveBeenCalledTimes(1);

    rerender({ value: ['a', 'b'] });
    act(() => result.current(['a', 'b']));
    expect(onChange).toHaveBeenCalledTimes(1);

    act(() => result.current(['a']));
    expect(onChange).toHaveBeenLastCalledWith(['a']);
  });

  it('does not report the current value', () => {
    const onChange = jest.fn();
    const { result } = renderHook(() => useDistinctChange('europe', onChange));
    act(() => result.current('europe'));
    expect(onChange).not.toHaveBeenCalled();
  });
});
