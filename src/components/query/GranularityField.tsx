import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup } from '@grafana/ui';

import { Granularity } from '../../types/query';
import { selectors } from '../selectors';

const { labels } = selectors.queryEditor;

const GRANULARITIES: Array<SelectableValue<Granularity>> = [
  { label: 'Auto', value: 'auto', description: 'Finest bucket that fits the time range and Fastly retention' },
  { label: 'Minute', value: 'minute', description: 'Kept by Fastly for 35 days' },
  { label: 'Hour', value: 'hour', description: 'Kept by Fastly for 375 days' },
  { label: 'Day', value: 'day' },
];

interface Props {
  value: Granularity;
  onChange: (granularity: Granularity) => void;
}

/** The bucket length of a historical query (stats and inspector queries). */
export function GranularityField({ value, onChange }: Props) {
  return (
    <InlineField label={labels.granularity} labelWidth={14} tooltip="Length of one bucket (data point).">
      <RadioButtonGroup aria-label={labels.granularity} options={GRANULARITIES} value={value} onChange={onChange} />
    </InlineField>
  );
}
