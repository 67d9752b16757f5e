import { QueryFilterOptions, QueryFixAction, ToggleFilterAction } from '@grafana/data';

import { logFilterField, normalizeQuery } from '../query/defaults';
import { FastlyQuery, LogFilter, LogsQuery } from '../types/query';

/** The query modifications of Explore's log details that a logs query supports. */
export const LOG_QUERY_MODIFICATIONS = ['ADD_FILTER', 'ADD_FILTER_OUT'] as const;

/** "Filter for value" keeps records whose field equals the value, "filter out value" drops them. */
const OPERATOR_OF = { FILTER_FOR: 'eq', FILTER_OUT: 'neq' } as const;

/** The filter a log-details field and value stand for, or undefined when Fastly does not filter on the field. */
function detailFilter(type: keyof typeof OPERATOR_OF, options: QueryFilterOptions | undefined): LogFilter | undefined {
  const field = logFilterField(options?.key ?? '');
  const value = options?.value;
  return field === undefined || value === undefined ? undefined : { field, operator: OPERATOR_OF[type], value };
}

/** The query as a logs query, or undefined for any other query type: only logs rows carry log details. */
function asLogsQuery(query: FastlyQuery): LogsQuery | undefined {
  const normalized = normalizeQuery(query);
  return normalized.queryType === 'logs' ? normalized : undefined;
}

function sameFilter(a: LogFilter, b: LogFilter): boolean {
  return a.field === b.field && a.operator === b.operator && a.value === b.value;
}

/** Whether a filter is `filter` or its opposite: eq or neq on the same field and value. */
function sameTest(a: LogFilter, b: LogFilter): boolean {
  return a.field === b.field && a.value === b.value && (a.operator === 'eq' || a.operator === 'neq');
}

/** The query with the filter added at the end, replacing its opposite. */
function withFilter(query: LogsQuery, filter: LogFilter): LogsQuery {
  return { ...query, filters: [...query.filters.filter((entry) => !sameTest(entry, filter)), filter] };
}

/**
 * Explore's "filter for value" (eq) or "filter out value" (neq) from log details: adds the filter, replacing the
 * opposite one, or removes it when the query already has it. Other query types and fields Fastly does not filter on
 * leave the query unchanged.
 */
export function toggleLogFilter(query: FastlyQuery, action: ToggleFilterAction): FastlyQuery {
  const logs = asLogsQuery(query);
  const filter = detailFilter(action.type, action.options);
  if (logs === undefined || filter === undefined) {
    return query;
  }
  if (logs.filters.some((entry) => sameFilter(entry, filter))) {
    return { ...logs, filters: logs.filters.filter((entry) => !sameFilter(entry, filter)) };
  }
  return withFilter(logs, filter);
}

/** Whether a logs query keeps only records whose field equals the value ("filter for value" is active). */
export function logQueryHasFilter(query: FastlyQuery, options: QueryFilterOptions): boolean {
  const logs = asLogsQuery(query);
  const filter = detailFilter('FILTER_FOR', options);
  return logs !== undefined && filter !== undefined && logs.filters.some((entry) => sameFilter(entry, filter));
}

/** Explore's ADD_FILTER (eq) and ADD_FILTER_OUT (neq) on a logs query; anything else leaves the query unchanged. */
export function modifyLogQuery(query: FastlyQuery, action: QueryFixAction): FastlyQuery {
  const type = action.type === 'ADD_FILTER' ? 'FILTER_FOR' : action.type === 'ADD_FILTER_OUT' ? 'FILTER_OUT' : undefined;
  const logs = asLogsQuery(query);
  const filter = type === undefined ? undefined : detailFilter(type, action.options);
  return logs === undefined || filter === undefined ? query : withFilter(logs, filter);
}
