import React from 'react';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow } from '@grafana/ui';

import { ResourceState } from '../../hooks/useResource';

const LOADED: ResourceState<unknown> = { loading: false };

interface Props<T extends string> {
  id: string;
  label: string;
  tooltip: string;
  testId: string;
  width: number;
  options: ComboboxOption[];
  value: T;
  /** The value an option stands for; undefined ignores the option (the error row of a failed resource). */
  parse: (value: string) => T | undefined;
  onChange: (value: T) => void;
  /** The loading state and error of what feeds the options; loaded unless said otherwise. */
  state?: ResourceState<unknown>;
}

/** A labelled dropdown of one value on a row of its own, showing the loading state and error of its options. */
export function SelectField<T extends string>({
  id,
  label,
  tooltip,
  testId,
  width,
  options,
  value,
  parse,
  onChange,
  state = LOADED,
}: Props<T>) {
  const invalid = state.error !== undefined;
  return (
    <InlineFieldRow>
      <InlineField label={label} labelWidth={14} htmlFor={id} tooltip={tooltip} invalid={invalid} error={state.error}>
        <Combobox
          id={id}
          data-testid={testId}
          width={width}
          options={options}
          value={value}
          loading={state.loading}
          invalid={invalid}
          onChange={(option) => {
            const next = parse(option.value);
            if (next !== undefined) {
              onChange(next);
            }
          }}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
