import React from 'react';
import { InlineField, InlineSwitch } from '@grafana/ui';

interface Props {
  id: string;
  label: string;
  /** 14 unless said otherwise, as the other fields of a query editor. */
  labelWidth?: number;
  tooltip: string;
  testId: string;
  value: boolean;
  onChange: (value: boolean) => void;
}

/** A labelled on/off option of a query. */
export function SwitchField({ id, label, labelWidth = 14, tooltip, testId, value, onChange }: Props) {
  return (
    <InlineField label={label} labelWidth={labelWidth} htmlFor={id} tooltip={tooltip}>
      <InlineSwitch
        id={id}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </InlineField>
  );
}
