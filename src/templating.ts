import { ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { FastlyQuery, InspectorQuery, LogFilter, TopN } from './types/query';

/**
 * Interpolates every entry of a list. A multi-value variable, or a value holding a comma-separated list, becomes
 * several entries; empty entries and duplicates are dropped.
 */
function interpolateList(templateSrv: TemplateSrv, values: string[], scopedVars: ScopedVars): string[] {
  const entries = values
    .flatMap((value) => templateSrv.replace(value, scopedVars, 'csv').split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return Array.from(new Set(entries));
}

/** Resolves a variable naming the ranked metric. */
function interpolateTopN(templateSrv: TemplateSrv, topN: TopN, scopedVars: ScopedVars): TopN {
  return { ...topN, metric: templateSrv.replace(topN.metric, scopedVars).trim() };
}

/** Resolves the lists both inspector query types share. */
function interpolateInspectorLists<Q extends InspectorQuery>(
  templateSrv: TemplateSrv,
  query: Q,
  scopedVars: ScopedVars
): Q {
  return {
    ...query,
    services: interpolateList(templateSrv, query.services, scopedVars),
    metrics: interpolateList(templateSrv, query.metrics, scopedVars),
    datacenters: interpolateList(templateSrv, query.datacenters, scopedVars),
    regions: interpolateList(templateSrv, query.regions, scopedVars),
  };
}

/**
 * Resolves variables in filter values. A variable with several values selected becomes a comma-separated list, as
 * `in` takes it; under `eq` the filter becomes `in` (any of them), and a value that is just that variable under
 * `neq` becomes one `neq` per value (none of them). Other operators compare with the list as one text.
 */
function interpolateFilters(templateSrv: TemplateSrv, filters: LogFilter[], scopedVars: ScopedVars): LogFilter[] {
  return filters.flatMap((filter) => interpolateFilter(templateSrv, filter, scopedVars));
}

function interpolateFilter(templateSrv: TemplateSrv, filter: LogFilter, scopedVars: ScopedVars): LogFilter[] {
  const lists: string[][] = [];
  const value = templateSrv.replace(filter.value, scopedVars, (selected: string | string[]) => {
    const list = Array.isArray(selected) ? selected : [selected];
    lists.push(list);
    return list.join(',');
  });
  const several = lists.find((list) => list.length > 1);
  if (!several) {
    return [{ ...filter, value }];
  }
  if (filter.operator === 'eq') {
    return [{ ...filter, operator: 'in', value }];
  }
  if (filter.operator === 'neq' && lists.length === 1 && several.join(',') === value) {
    return several.map((one) => ({ ...filter, value: one }));
  }
  return [{ ...filter, value }];
}

/** Resolves the template variables of every string and list of a query. */
export function interpolateQuery(templateSrv: TemplateSrv, query: FastlyQuery, scopedVars: ScopedVars): FastlyQuery {
  switch (query.queryType) {
    case 'stats': {
      const stats = {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        metrics: interpolateList(templateSrv, query.metrics, scopedVars),
        region: templateSrv.replace(query.region, scopedVars).trim(),
      };
      if (!query.topN) {
        return stats;
      }
      return { ...stats, topN: interpolateTopN(templateSrv, query.topN, scopedVars) };
    }
    case 'versions':
    case 'alerts':
      return { ...query, services: interpolateList(templateSrv, query.services, scopedVars) };
    case 'events':
      return {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        eventTypes: interpolateList(templateSrv, query.eventTypes, scopedVars),
      };
    case 'usage':
      return {
        ...query,
        month: templateSrv.replace(query.month, scopedVars).trim(),
        region: templateSrv.replace(query.region, scopedVars).trim(),
      };
    case 'realtime': {
      const realtime = {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        metrics: interpolateList(templateSrv, query.metrics, scopedVars),
        datacenters: interpolateList(templateSrv, query.datacenters, scopedVars),
      };
      if (!query.topN) {
        return realtime;
      }
      return { ...realtime, topN: interpolateTopN(templateSrv, query.topN, scopedVars) };
    }
    case 'origins':
      return {
        ...interpolateInspectorLists(templateSrv, query, scopedVars),
        hosts: interpolateList(templateSrv, query.hosts, scopedVars),
      };
    case 'domains':
      return {
        ...interpolateInspectorLists(templateSrv, query, scopedVars),
        domains: interpolateList(templateSrv, query.domains, scopedVars),
      };
    case 'insights':
      return {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        domain: templateSrv.replace(query.domain, scopedVars).trim(),
        datacenters: interpolateList(templateSrv, query.datacenters, scopedVars),
      };
    case 'logs':
    case 'logVolume':
      return {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        filters: interpolateFilters(templateSrv, query.filters, scopedVars),
      };
    case 'logMetrics':
      return {
        ...query,
        services: interpolateList(templateSrv, query.services, scopedVars),
        metrics: interpolateList(templateSrv, query.metrics, scopedVars),
        filters: interpolateFilters(templateSrv, query.filters, scopedVars),
        sortBy: templateSrv.replace(query.sortBy, scopedVars).trim(),
      };
    case 'services':
      return query;
  }
}
