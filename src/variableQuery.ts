import { DataQuery } from '@grafana/schema';

import { FastlyVariableQuery, VariableKind } from './types/variables';

export const VARIABLE_KINDS: ReadonlyArray<{ value: VariableKind; label: string; description: string }> = [
  { value: 'services', label: 'Services', description: 'Text is the service name, value its id' },
  { value: 'metrics', label: 'Metrics', description: 'Text is the metric label, value its name' },
  { value: 'regions', label: 'Regions', description: 'Fastly stats regions' },
  { value: 'datacenters', label: 'POPs (datacenters)', description: 'Text is "CODE – Name", value the POP code' },
];

/** A variable query with a known kind; new and malformed queries list services. */
export function normalizeVariableQuery(query: (DataQuery & { kind?: unknown }) | undefined): FastlyVariableQuery {
  const kind = VARIABLE_KINDS.find((option) => option.value === query?.kind)?.value ?? 'services';
  return { ...query, refId: query?.refId ?? 'FastlyVariableQuery', kind };
}
