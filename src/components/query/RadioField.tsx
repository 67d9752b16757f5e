import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup } from '@grafana/ui';

interface Props<T> {
  label: string;
  labelWidth?: number | 'auto';
  tooltip?: string;
  options: Array<SelectableValue<T>>;
  value: T;
  onChange: (value: T) => void;
}

/** A labelled choice of one of a few options, as radio buttons named by the label. */
export function RadioField<T>({ label, labelWidth = 14, tooltip, options, value, onChange }: Props<T>) {
  return (
    <InlineField label={label} labelWidth={labelWidth} tooltip={tooltip}>
      <RadioButtonGroup aria-label={label} options={options} value={value} onChange={onChange} />
    </InlineField>
  );
}
