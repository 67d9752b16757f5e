import { DataQuery } from '@grafana/schema';

import {
  DomainsGroupBy,
  DomainsQuery,
  FastlyQuery,
  Granularity,
  GroupBy,
  InspectorQuery,
  InspectorSource,
  OriginsGroupBy,
  OriginsQuery,
  QueryOf,
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

const DEFAULT_QUERY_TYPE: QueryType = 'stats';

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
export const REALTIME_MAX_SERVICES = 20;

export const TOP_N_DEFAULT_LIMIT = 10;
export const TOP_N_MAX_LIMIT = 100;

/** Every query type, in the order the editor offers them. */
export const QUERY_TYPES: readonly QueryType[] = [
  'stats',
  'services',
  'versions',
  'usage',
  'realtime',
  'origins',
  'domains',
];
const REALTIME_GROUP_BYS: readonly RealtimeGroupBy[] = ['none', 'datacenter'];
export const ORIGINS_GROUP_BYS: readonly OriginsGroupBy[] = ['host', 'datacenter', 'region', 'source'];
export const DOMAINS_GROUP_BYS: readonly DomainsGroupBy[] = ['domain', 'datacenter', 'region'];
const SOURCES: readonly InspectorSource[] = ['auto', 'historical', 'realtime'];
const GRANULARITIES: readonly Granularity[] = ['auto', 'minute', 'hour', 'day'];
const GROUP_BYS: readonly GroupBy[] = ['service', 'none'];
const ORDERS: readonly TopNOrder[] = ['desc', 'asc'];
const USAGE_BYS: readonly UsageBy[] = ['region', 'service', 'month'];

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
    ...servicesAndMetrics(stored),
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

/** The fields of a stored query that are Grafana's own (refId, datasource, hide, ...), without any Fastly field. */
function grafanaFields(query: StoredQuery): DataQuery {
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
    ...base
  } = query;
  return base;
}

/** Builds the query of one query type from a stored query and its Grafana fields. */
type Normalizer<T extends QueryType> = (stored: StoredQuery, base: DataQuery) => QueryOf<T>;

function normalizeUsage(stored: StoredQuery, base: DataQuery): UsageQuery {
  return {
    ...base,
    queryType: 'usage',
    usageBy: oneOf(stored.usageBy, USAGE_BYS, DEFAULT_USAGE_QUERY.usageBy),
    month: text(stored.month, DEFAULT_USAGE_QUERY.month),
    region: text(stored.region, DEFAULT_USAGE_QUERY.region),
    billableUnits: stored.billableUnits === true,
  };
}

function normalizeRealtime(stored: StoredQuery, base: DataQuery): RealtimeQuery {
  const realtime: RealtimeQuery = {
    ...base,
    queryType: 'realtime',
    ...servicesAndMetrics(stored),
    groupBy: oneOf(stored.groupBy, REALTIME_GROUP_BYS, DEFAULT_REALTIME_QUERY.groupBy),
    datacenters: stringList(stored.datacenters),
    ...legendOf(stored.legendFormat),
  };
  return withTopN(realtime, stored.topN);
}

function normalizeStats(stored: StoredQuery, base: DataQuery): StatsQuery {
  const stats: StatsQuery = {
    ...base,
    queryType: 'stats',
    ...servicesAndMetrics(stored),
    granularity: oneOf(stored.granularity, GRANULARITIES, DEFAULT_STATS_QUERY.granularity),
    region: text(stored.region, DEFAULT_STATS_QUERY.region),
    groupBy: oneOf(stored.groupBy, GROUP_BYS, DEFAULT_STATS_QUERY.groupBy),
    perSecond: stored.perSecond === true,
    ...legendOf(stored.legendFormat),
  };
  return withTopN(stats, stored.topN);
}

/** The services and metrics of a stored query. */
function servicesAndMetrics(stored: StoredQuery): { services: string[]; metrics: string[] } {
  return { services: stringList(stored.services), metrics: stringList(stored.metrics) };
}

/** The query with the stored top-N, when one is stored. */
function withTopN<Q extends StatsQuery | RealtimeQuery>(query: Q, topN: unknown): Q {
  const top = normalizeTopN(topN, query.metrics);
  return top ? { ...query, topN: top } : query;
}

const NORMALIZERS: { [T in QueryType]: Normalizer<T> } = {
  services: (_stored, base) => ({ ...base, queryType: 'services' }),
  versions: (stored, base) => ({ ...base, queryType: 'versions', services: stringList(stored.services) }),
  usage: normalizeUsage,
  realtime: normalizeRealtime,
  origins: (stored, base) => ({
    ...normalizeInspector(stored, base, DEFAULT_ORIGINS_QUERY, ORIGINS_GROUP_BYS),
    hosts: stringList(stored.hosts),
  }),
  domains: (stored, base) => ({
    ...normalizeInspector(stored, base, DEFAULT_DOMAINS_QUERY, DOMAINS_GROUP_BYS),
    domains: stringList(stored.domains),
  }),
  stats: normalizeStats,
};

/** Fills in every missing or malformed field, so editors and interpolation work on a complete query. */
export function normalizeQuery(query: StoredQuery): FastlyQuery {
  return NORMALIZERS[oneOf(query.queryType, QUERY_TYPES, DEFAULT_QUERY_TYPE)](query, grafanaFields(query));
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
      return true;
  }
}
