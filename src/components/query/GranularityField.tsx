import React from 'react';
import { SelectableValue } from '@grafana/data';

import { Granularity } from '../../types/query';
import { selectors } from '../selectors';
import { RadioField } from './RadioField';

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
    <RadioField
      label={selectors.queryEditor.labels.granularity}
      tooltip="Length of one bucket (data point)."
      options={GRANULARITIES}
      value={value}
      onChange={onChange}
    />
  );
}
