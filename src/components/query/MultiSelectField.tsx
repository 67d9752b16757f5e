import React from 'react';
import { ComboboxOption, InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';

import { sameList, useDistinctChange } from '../../hooks/useDistinctChange';
import { ResourceState } from '../../hooks/useResource';

interface Props {
  id: string;
  label: string;
  tooltip: string;
  testId: string;
  placeholder: string;
  state: ResourceState<unknown>;
  options: ComboboxOption[];
  value: string[];
  onChange: (value: string[]) => void;
  /** A problem with the chosen values; the resource's own error wins. */
  error?: string;
  /** Whether typed values not in the list are accepted; true unless said otherwise. */
  createCustomValue?: boolean;
}

/** A multi-select on a row of its own, showing the loading state and the error message of what feeds it. */
export function MultiSelectField({
  id,
  label,
  tooltip,
  testId,
  placeholder,
  state,
  options,
  value,
  onChange,
  error,
  createCustomValue = true,
}: Props) {
  const message = state.error ?? error;
  const invalid = message !== undefined;
  const change = useDistinctChange(value, onChange, sameList);
  return (
    <InlineFieldRow>
      <InlineField label={label} labelWidth={14} tooltip={tooltip} htmlFor={id} invalid={invalid} error={message} grow>
        <MultiCombobox
          id={id}
          data-testid={testId}
          options={options}
          value={value}
          loading={state.loading}
          invalid={invalid}
          placeholder={state.loading ? 'Loading…' : placeholder}
          createCustomValue={createCustomValue}
          isClearable
          onChange={(selected) => change(selected.map((option) => option.value))}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
