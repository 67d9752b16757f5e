import { ComboboxOption } from '@grafana/ui';

import { FastlyResources, ResourceKind } from '../../types/resources';
import { QueryType } from '../../types/query';
import { selectors } from '../selectors';
import {
  ALL_REGIONS_OPTION,
  datacenterOptions,
  eventTypeOptions,
  metricOptions,
  regionOptions,
  serviceOptions,
} from './options';

const { labels } = selectors.queryEditor;

/** A dropdown fed by one backend resource: what it loads, how it lists it and how it is labelled. */
export interface ResourceField<K extends ResourceKind> {
  kind: K;
  params?: Record<string, string>;
  toOptions: (value: FastlyResources[K]) => ComboboxOption[];
  /** Options offered before the loaded ones, whatever the resource answers. */
  leadingOptions?: readonly ComboboxOption[];
  /** The element id; the query's refId is appended where there is one. */
  id: string;
  label: string;
  tooltip: string;
  testId: string;
  placeholder?: string;
  /** The width of a single-value dropdown; a multi-value one grows. */
  width?: number;
}

/** Services shown by name and stored by id; template variables are offered too. */
export const SERVICES_FIELD: ResourceField<'services'> = {
  kind: 'services',
  toOptions: serviceOptions,
  id: 'fastly-services',
  label: labels.services,
  tooltip: 'Fastly services to query, by name. Leave empty for every service the token can see.',
  testId: selectors.queryEditor.services,
  placeholder: 'All services',
};

/** One service, shown by name and stored by id (as the only entry of the query's services). */
export const SERVICE_FIELD: ResourceField<'services'> = {
  ...SERVICES_FIELD,
  id: 'fastly-service',
  label: labels.service,
  tooltip:
    'The Fastly service whose sampled request logs (Log Explorer & Insights) to read. The query runs once one is chosen.',
  placeholder: 'Choose a service',
  width: 30,
};

/** POPs shown as "CODE – Name" and stored by code; empty means every POP. */
export const DATACENTERS_FIELD: ResourceField<'datacenters'> = {
  kind: 'datacenters',
  toOptions: datacenterOptions,
  id: 'fastly-datacenters',
  label: labels.datacenters,
  tooltip: 'Fastly POPs (datacenters) to keep. Leave empty for every POP.',
  testId: selectors.queryEditor.datacenters,
  placeholder: 'All POPs',
};

/** Several stats regions; empty means every region. */
export const REGIONS_FIELD: ResourceField<'regions'> = {
  kind: 'regions',
  toOptions: regionOptions,
  id: 'fastly-regions',
  label: labels.regions,
  tooltip: 'Fastly stats regions to keep. Leave empty for every region.',
  testId: selectors.queryEditor.regions,
  placeholder: 'All regions',
};

/** One stats region, or all of them. */
export const REGION_FIELD: ResourceField<'regions'> = {
  kind: 'regions',
  toOptions: regionOptions,
  leadingOptions: [ALL_REGIONS_OPTION],
  id: 'fastly-region',
  label: labels.region,
  tooltip: 'Fastly stats region the traffic was served in.',
  testId: selectors.queryEditor.region,
  width: 30,
};

/** Fastly event types shown by label and stored by name; empty means the backend's default set. */
export const EVENT_TYPES_FIELD: ResourceField<'event-types'> = {
  kind: 'event-types',
  toOptions: eventTypeOptions,
  id: 'fastly-event-types',
  label: labels.eventTypes,
  tooltip: 'Fastly account events to mark on graphs. Leave empty for version activations and purges.',
  testId: selectors.queryEditor.eventTypes,
  placeholder: 'Activations and purges',
};

/** Metrics of a query type from the backend's catalogue, grouped, with unit and description. */
export function metricsField(
  queryType: QueryType,
  tooltip = 'Each metric becomes one series per service (or one summed series).'
): ResourceField<'metrics'> {
  return {
    kind: 'metrics',
    params: { queryType },
    toOptions: (metrics) => metricOptions(metrics, queryType),
    id: 'fastly-metrics',
    label: labels.metrics,
    tooltip,
    testId: selectors.queryEditor.metrics,
    placeholder: 'Choose metrics',
  };
}
