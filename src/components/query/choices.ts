import { SelectableValue } from '@grafana/data';

import { Granularity } from '../../types/query';

/** Granularities of the historical query types. */
export const GRANULARITIES: Array<SelectableValue<Granularity>> = [
  { label: 'Auto', value: 'auto', description: 'Finest bucket that fits the time range and Fastly retention' },
  { label: 'Minute', value: 'minute', description: 'Kept by Fastly for 35 days' },
  { label: 'Hour', value: 'hour', description: 'Kept by Fastly for 375 days' },
  { label: 'Day', value: 'day' },
];
