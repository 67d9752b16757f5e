import { TypedVariableModel } from '@grafana/data';
import { ComboboxOption } from '@grafana/ui';

import { METRIC_CATEGORIES } from '../../types/declarations';
import { Datacenter, EventType, Metric, MetricCategory, Service } from '../../types/resources';

const VARIABLES_GROUP = 'Template variables';
/** The region entry meaning "no region filter". */
export const ALL_REGIONS_OPTION: ComboboxOption = { label: 'All regions', value: '' };

/** The option group label of each metric category. */
const CATEGORY_LABELS: Readonly<Record<MetricCategory, string>> = {
  traffic: 'Traffic',
  cache: 'Cache',
  status: 'Status codes',
  bytes: 'Bytes',
  timing: 'Timing',
  latency: 'Latency',
  derived: 'Derived',
  compute: 'Compute',
  other: 'Other',
};

const UNIT_LABELS: Record<string, string> = {
  short: 'count',
  none: 'number',
  decbytes: 'bytes',
  bytes: 'bytes',
  decbits: 'bits',
  bits: 'bits',
  s: 'seconds',
  ms: 'milliseconds',
  percentunit: 'ratio 0–1',
  percent: 'percent',
  reqps: 'requests/s',
  Bps: 'bytes/s',
  bps: 'bits/s',
};

const REGION_NAMES: Record<string, string> = {
  usa: 'North America',
  europe: 'Europe',
  asia: 'Asia',
  asia_india: 'India',
  asia_southkorea: 'South Korea',
  anzac: 'Australia and New Zealand',
  africa_std: 'Africa',
  southamerica_std: 'South America',
  latam: 'Latin America',
  mexico: 'Mexico',
};

/** Dashboard variables offered as `$name` entries. */
export function variableOptions(variables: TypedVariableModel[]): ComboboxOption[] {
  return variables.map((variable) => ({
    label: `$${variable.name}`,
    value: `$${variable.name}`,
    description: variable.label || undefined,
    group: VARIABLES_GROUP,
  }));
}

/** Services by name; the stored value is the id. */
export function serviceOptions(services: Service[]): ComboboxOption[] {
  return services.map((service) => ({
    label: service.name,
    value: service.id,
    description: `${service.id} · ${service.type === 'wasm' ? 'Compute' : 'VCL'}`,
    group: 'Services',
  }));
}

/** The place of a category in the editor's order; an unknown one goes last. */
function categoryRank(category: string): number {
  const rank = METRIC_CATEGORIES.findIndex((entry) => entry === category);
  return rank === -1 ? METRIC_CATEGORIES.length : rank;
}

function isCategory(value: string): value is MetricCategory {
  return METRIC_CATEGORIES.some((entry) => entry === value);
}

/** The option group of a category; one the editor does not know is listed under Other. */
function categoryLabel(category: string): string {
  return isCategory(category) ? CATEGORY_LABELS[category] : CATEGORY_LABELS.other;
}

/** Human name of a Grafana unit id. */
export function unitLabel(unit: string): string {
  return UNIT_LABELS[unit] ?? unit;
}

/** The metrics of one query type, grouped in catalogue order within each group. */
export function metricOptions(metrics: Metric[], queryType: string): ComboboxOption[] {
  return metrics
    .filter((metric) => metric.queryTypes.includes(queryType))
    .map((metric, index) => ({ metric, index }))
    .sort((a, b) => categoryRank(a.metric.group) - categoryRank(b.metric.group) || a.index - b.index)
    .map(({ metric }) => ({
      label: metric.label,
      value: metric.name,
      description: `${unitLabel(metric.unit)} · ${metric.description}`,
      group: categoryLabel(metric.group),
    }));
}

/** Each stats region by its readable name; the stored value is the region code. */
export function regionOptions(regions: string[]): ComboboxOption[] {
  return regions.map((region) => ({ label: REGION_NAMES[region] ?? region, value: region, description: region }));
}

/** POPs as "CODE – Name", grouped by their Fastly group; the stored value is the code. */
export function datacenterOptions(datacenters: Datacenter[]): ComboboxOption[] {
  return datacenters.map((dc) => ({
    label: `${dc.code} – ${dc.name}`,
    value: dc.code,
    description: dc.group,
  }));
}

/** Event types by their label, in the backend's order (most useful first); the stored value is Fastly's name. */
export function eventTypeOptions(eventTypes: EventType[]): ComboboxOption[] {
  return eventTypes.map((type) => ({
    label: type.label,
    value: type.value,
    description: `${type.value} · ${type.description}`,
  }));
}
