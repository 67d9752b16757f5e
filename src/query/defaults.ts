import { DataQuery } from '@grafana/schema';

import { LOG_QUERY_TYPES, QUERY_LIMITS, QUERY_TYPES as DECLARED_QUERY_TYPES } from '../types/declarations';
import {
  AlertStatus,
  EditorQueryType,
  AlertsQuery,
  DomainsGroupBy,
  DomainsQuery,
  EventsQuery,
  FastlyQuery,
  Granularity,
  GroupBy,
  InspectorQuery,
  InspectorSource,
  OriginsGroupBy,
  OriginsQuery,
  QueryType,
  RealtimeGroupBy,
  RealtimeQuery,
  ServicesQuery,
  StatsQuery,
  StoredQuery,
  TopN,
  TopNOrder,
  UsageBy,
  UsageQuery,
  VersionsQuery,
} from '../types/query';

const DEFAULT_QUERY_TYPE: EditorQueryType = 'stats';

/** A new stats query: requests of every service, one series per service. */
export const DEFAULT_STATS_QUERY: Omit<StatsQuery, 'refId'> = {
  queryType: 'stats',
  services: [],
  metrics: ['requests'],
  granularity: 'auto',
  region: '',
  groupBy: 'service',
  perSecond: false,
};

export const DEFAULT_SERVICES_QUERY: Omit<ServicesQuery, 'refId'> = { queryType: 'services' };

/** Deploys of every service. */
export const DEFAULT_VERSIONS_QUERY: Omit<VersionsQuery, 'refId'> = { queryType: 'versions', services: [] };

/** Events of every service, of the backend's default types (activations and purges). */
export const DEFAULT_EVENTS_QUERY: Omit<EventsQuery, 'refId'> = { queryType: 'events', services: [], eventTypes: [] };

/** Every Fastly alert of every service, active or resolved. */
export const DEFAULT_ALERTS_QUERY: Omit<AlertsQuery, 'refId'> = { queryType: 'alerts', services: [], status: '' };

/** Usage per region over the dashboard time range. */
export const DEFAULT_USAGE_QUERY: Omit<UsageQuery, 'refId'> = {
  queryType: 'usage',
  usageBy: 'region',
  month: '',
  region: '',
  billableUnits: false,
};

/** A new real-time query: requests, summed over POPs; it runs once a service is chosen. */
export const DEFAULT_REALTIME_QUERY: Omit<RealtimeQuery, 'refId'> = {
  queryType: 'realtime',
  services: [],
  metrics: ['requests'],
  groupBy: 'none',
  datacenters: [],
};

/** A new Origin Inspector query: responses per origin host; it runs once a service is chosen. */
export const DEFAULT_ORIGINS_QUERY: Omit<OriginsQuery, 'refId'> = {
  queryType: 'origins',
  services: [],
  metrics: ['responses'],
  groupBy: ['host'],
  hosts: [],
  datacenters: [],
  regions: [],
  granularity: 'auto',
  source: 'auto',
};

/** A new Domain Inspector query: edge requests per domain; it runs once a service is chosen. */
export const DEFAULT_DOMAINS_QUERY: Omit<DomainsQuery, 'refId'> = {
  queryType: 'domains',
  services: [],
  metrics: ['edge_requests'],
  groupBy: ['domain'],
  domains: [],
  datacenters: [],
  regions: [],
  granularity: 'auto',
  source: 'auto',
};

/** The most services one real-time query may name. */
export const REALTIME_MAX_SERVICES = QUERY_LIMITS.realtimeServices.max;

export const TOP_N_DEFAULT_LIMIT = QUERY_LIMITS.topN.defaultValue;
export const TOP_N_MAX_LIMIT = QUERY_LIMITS.topN.max;

function hasQueryModel(queryType: QueryType): queryType is EditorQueryType {
  return !LOG_QUERY_TYPES.some((logType) => logType === queryType);
}

/** Every query type the editor has a query model for, in the order it offers them. */
export const QUERY_TYPES: readonly EditorQueryType[] = DECLARED_QUERY_TYPES.filter(hasQueryModel);
const REALTIME_GROUP_BYS: readonly RealtimeGroupBy[] = ['none', 'datacenter'];
export const ORIGINS_GROUP_BYS: readonly OriginsGroupBy[] = ['host', 'datacenter', 'region', 'source'];
export const DOMAINS_GROUP_BYS: readonly DomainsGroupBy[] = ['domain', 'datacenter', 'region'];
const SOURCES: readonly InspectorSource[] = ['auto', 'historical', 'realtime'];
const GRANULARITIES: readonly Granularity[] = ['auto', 'minute', 'hour', 'day'];
const GROUP_BYS: readonly GroupBy[] = ['service', 'none'];
const ORDERS: readonly TopNOrder[] = ['desc', 'asc'];
const USAGE_BYS: readonly UsageBy[] = ['region', 'service', 'month'];
export const ALERT_STATUSES: readonly AlertStatus[] = ['', 'active', 'resolved'];

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month as the backend accepts it: YYYY-MM. */
export function isValidMonth(month: string): boolean {
  return MONTH_PATTERN.test(month);
}

/** A top-N limit the backend accepts. */
export function isValidTopNLimit(limit: number): boolean {
  return Number.isInteger(limit) && limit >= 1 && limit <= TOP_N_MAX_LIMIT;
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}

/** The entries of a list that are allowed, in order, without duplicates; anything else becomes the fallback. */
function subsetOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T[]): T[] {
  if (!Array.isArray(value)) {
    return [...fallback];
  }
  return Array.from(new Set(value.filter((item): item is T => allowed.some((entry) => entry === item))));
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((item) => item === value) ?? fallback;
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function normalizeTopN(value: unknown, metrics: string[]): TopN | undefined {
  if (!isRecord(value)) {
    return undefined;
  }
  const limit = typeof value.limit === 'number' ? value.limit : TOP_N_DEFAULT_LIMIT;
  return {
    metric: text(value.metric, metrics[0] ?? ''),
    limit,
    order: oneOf(value.order, ORDERS, 'desc'),
  };
}

/** An inspector query's fields from a stored query, with those of its product from its defaults and group-bys. */
function normalizeInspector<T extends InspectorQuery['queryType'], G extends string>(
  stored: StoredQuery,
  base: DataQuery,
  defaults: { queryType: T; groupBy: G[]; granularity: Granularity; source: InspectorSource },
  groupBys: readonly G[]
) {
  return {
    ...base,
    queryType: defaults.queryType,
    services: stringList(stored.services),
    metrics: stringList(stored.metrics),
    groupBy: subsetOf(stored.groupBy, groupBys, defaults.groupBy),
    datacenters: stringList(stored.datacenters),
    regions: stringList(stored.regions),
    granularity: oneOf(stored.granularity, GRANULARITIES, defaults.granularity),
    source: oneOf(stored.source, SOURCES, defaults.source),
    ...(stored.perSecond === true ? { perSecond: true } : {}),
    ...legendOf(stored.legendFormat),
  };
}

/** The legend of a stored query, kept on the query types whose series it names; a blank legend is no legend. */
function legendOf(legendFormat: unknown): { legendFormat?: string } {
  return typeof legendFormat === 'string' && legendFormat.trim() !== '' ? { legendFormat } : {};
}

/** Fills in every missing or malformed field, so editors and interpolation work on a complete query. */
export function normalizeQuery(query: StoredQuery): FastlyQuery {
  const {
    queryType,
    services,
    metrics,
    granularity,
    region,
    groupBy,
    perSecond,
    topN,
    usageBy,
    month,
    billableUnits,
    datacenters,
    hosts,
    domains,
    regions,
    source,
    legendFormat,
    eventTypes,
    status,
    ...base
  } = query;
  const legend = legendOf(legendFormat);
  switch (oneOf(queryType, QUERY_TYPES, DEFAULT_QUERY_TYPE)) {
    case 'services':
      return { ...base, queryType: 'services' };
    case 'versions':
      return { ...base, queryType: 'versions', services: stringList(services) };
    case 'events':
      return { ...base, queryType: 'events', services: stringList(services), eventTypes: stringList(eventTypes) };
    case 'alerts':
      return {
        ...base,
        queryType: 'alerts',
        services: stringList(services),
        status: oneOf(status, ALERT_STATUSES, DEFAULT_ALERTS_QUERY.status),
      };
    case 'usage':
      return {
        ...base,
        queryType: 'usage',
        usageBy: oneOf(usageBy, USAGE_BYS, DEFAULT_USAGE_QUERY.usageBy),
        month: text(month, DEFAULT_USAGE_QUERY.month),
        region: text(region, DEFAULT_USAGE_QUERY.region),
        billableUnits: billableUnits === true,
      };
    case 'realtime': {
      const realtime: RealtimeQuery = {
        ...base,
        queryType: 'realtime',
        services: stringList(services),
        metrics: stringList(metrics),
        groupBy: oneOf(groupBy, REALTIME_GROUP_BYS, DEFAULT_REALTIME_QUERY.groupBy),
        datacenters: stringList(datacenters),
        ...legend,
      };
      const top = normalizeTopN(topN, realtime.metrics);
      return top ? { ...realtime, topN: top } : realtime;
    }
    case 'origins':
      return { ...normalizeInspector(query, base, DEFAULT_ORIGINS_QUERY, ORIGINS_GROUP_BYS), hosts: stringList(hosts) };
    case 'domains':
      return {
        ...normalizeInspector(query, base, DEFAULT_DOMAINS_QUERY, DOMAINS_GROUP_BYS),
        domains: stringList(domains),
      };
    case 'stats': {
      const stats: StatsQuery = {
        ...base,
        queryType: 'stats',
        services: stringList(services),
        metrics: stringList(metrics),
        granularity: oneOf(granularity, GRANULARITIES, DEFAULT_STATS_QUERY.granularity),
        region: text(region, DEFAULT_STATS_QUERY.region),
        groupBy: oneOf(groupBy, GROUP_BYS, DEFAULT_STATS_QUERY.groupBy),
        perSecond: perSecond === true,
        ...legend,
      };
      const top = normalizeTopN(topN, stats.metrics);
      return top ? { ...stats, topN: top } : stats;
    }
  }
}

/**
 * A query the backend can answer: stats needs at least one metric, real-time and inspector queries at least one
 * service and one metric, usage a valid month if one is set.
 */
export function isQueryComplete(query: FastlyQuery): boolean {
  switch (query.queryType) {
    case 'stats':
      return query.metrics.length > 0;
    case 'realtime':
    case 'origins':
    case 'domains':
      return query.services.length > 0 && query.metrics.length > 0;
    case 'usage':
      return query.month === '' || isValidMonth(query.month);
    case 'services':
    case 'versions':
    case 'events':
    case 'alerts':
      return true;
  }
}
