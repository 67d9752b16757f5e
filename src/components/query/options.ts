import { TypedVariableModel } from '@grafana/data';
import { ComboboxOption } from '@grafana/ui';

import { Datacenter, EventType, Metric, MetricGroup, Service } from '../../types/resources';

const VARIABLES_GROUP = 'Template variables';
/** The region entry meaning "no region filter". */
export const ALL_REGIONS_OPTION: ComboboxOption = { label: 'All regions', value: '' };

/** Metric groups in the order the editor lists them; groups not named here follow. */
const METRIC_GROUPS: ReadonlyArray<{ group: MetricGroup; label: string }> = [
  { group: 'traffic', label: 'Traffic' },
  { group: 'cache', label: 'Cache' },
  { group: 'status', label: 'Status codes' },
  { group: 'bytes', label: 'Bytes' },
  { group: 'timing', label: 'Timing' },
  { group: 'latency', label: 'Latency' },
  { group: 'derived', label: 'Derived' },
  { group: 'compute', label: 'Compute' },
  { group: 'other', label: 'Other' },
];

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

function groupRank(group: string): number {
  const rank = METRIC_GROUPS.findIndex((entry) => entry.group === group);
  return rank === -1 ? METRIC_GROUPS.length : rank;
}

function groupLabel(group: string): string {
  return METRIC_GROUPS.find((entry) => entry.group === group)?.label ?? 'Other';
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
    .sort((a, b) => groupRank(a.metric.group) - groupRank(b.metric.group) || a.index - b.index)
    .map(({ metric }) => ({
      label: metric.label,
      value: metric.name,
      description: `${unitLabel(metric.unit)} · ${metric.description}`,
      group: groupLabel(metric.group),
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
