import { DataQuery } from '@grafana/schema';

import { FastlyVariableQuery, VariableKind } from './types/variables';

export const VARIABLE_KINDS: ReadonlyArray<{ value: VariableKind; label: string; description: string }> = [
  { value: 'services', label: 'Services', description: 'Shows each service by name; the panel queries use its id' },
  { value: 'metrics', label: 'Metrics', description: 'Shows each metric by label; the queries use its name' },
  { value: 'regions', label: 'Regions', description: 'Fastly stats regions' },
  {
    value: 'datacenters',
    label: 'POPs (datacenters)',
    description: 'Shows each POP as "CODE – Name"; the queries use the code',
  },
  { value: 'hosts', label: 'Origin hosts', description: 'Origin Inspector hosts of one service' },
  { value: 'domains', label: 'Domains', description: 'Domain Inspector domains of one service' },
];

/** Kinds whose values belong to one service. */
export function needsService(kind: VariableKind): kind is 'hosts' | 'domains' {
  return kind === 'hosts' || kind === 'domains';
}

/** A variable query with a known kind; new and malformed queries list services. */
export function normalizeVariableQuery(
  query: (DataQuery & { kind?: unknown; service?: unknown }) | undefined
): FastlyVariableQuery {
  const kind = VARIABLE_KINDS.find((option) => option.value === query?.kind)?.value ?? 'services';
  const { service, ...rest } = query ?? {};
  const normalized: FastlyVariableQuery = { ...rest, refId: query?.refId ?? 'FastlyVariableQuery', kind };
  return needsService(kind) ? { ...normalized, service: typeof service === 'string' ? service : '' } : normalized;
}
