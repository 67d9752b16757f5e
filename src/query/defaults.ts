import { DataQuery } from '@grafana/schema';

import {
  INSIGHTS_VISUALIZATIONS,
  LOG_FILTER_FIELDS,
  LOG_FILTER_OPERATORS,
  LOG_GROUP_BYS,
  QUERY_LIMITS,
  QUERY_TYPES,
} from '../types/declarations';
import {
  AlertStatus,
  AlertsQuery,
  DomainsGroupBy,
  DomainsQuery,
  EventsQuery,
  FastlyQuery,
  Granularity,
  GroupBy,
  InspectorQuery,
  InsightsQuery,
  InspectorSource,
  LOG_METRICS_FORMATS,
  LogFilter,
  LogFilterField,
  LogGroupBy,
  LogMetricsQuery,
  LogsQuery,
  LogVolumeQuery,
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

/** A new Log Insights query: top pages by requests; it runs once a service is chosen. */
export const DEFAULT_INSIGHTS_QUERY: Omit<InsightsQuery, 'refId'> = {
  queryType: 'insights',
  services: [],
  visualization: 'top-url-by-requests',
  limit: QUERY_LIMITS.insights.defaultValue,
  domain: '',
  domainExactMatch: true,
  datacenters: [],
};

/** A new Log Explorer query: the latest 1,000 sampled requests; it runs once a service is chosen. */
export const DEFAULT_LOGS_QUERY: Omit<LogsQuery, 'refId'> = {
  queryType: 'logs',
  services: [],
  filters: [],
  limit: QUERY_LIMITS.logs.defaultValue,
};

/** A new log metrics query: p95 edge response time per POP as a table; it runs once a service is chosen. */
export const DEFAULT_LOG_METRICS_QUERY: Omit<LogMetricsQuery, 'refId'> = {
  queryType: 'logMetrics',
  services: [],
  metrics: ['response_time_p95'],
  groupBy: 'fastly_pop',
  format: 'table',
  filters: [],
  limit: QUERY_LIMITS.logMetrics.defaultValue,
  sortBy: '',
  sortDesc: true,
};

/** Explore's log volume query, built from a logs query (see logVolume.ts). */
export const DEFAULT_LOG_VOLUME_QUERY: Omit<LogVolumeQuery, 'refId'> = {
  queryType: 'logVolume',
  services: [],
  filters: [],
};

/** A limit the backend accepts: a whole number from 1 to the kind's maximum. */
export function isValidLimit(kind: keyof typeof QUERY_LIMITS, limit: number): boolean {
  return Number.isInteger(limit) && limit >= 1 && limit <= QUERY_LIMITS[kind].max;
}

/** The most services one real-time query may name. */
export const REALTIME_MAX_SERVICES = QUERY_LIMITS.realtimeServices.max;

export const TOP_N_DEFAULT_LIMIT = QUERY_LIMITS.topN.defaultValue;
export const TOP_N_MAX_LIMIT = QUERY_LIMITS.topN.max;

/** Every query type a stored query may hold: the editor's and the hidden log volume. */
const ALL_QUERY_TYPES: readonly QueryType[] = QUERY_TYPES;
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

/** Spellings of filter fields that Fastly's published reference uses, and the names its live API takes. */
const LOG_FIELD_ALIASES: Readonly<Record<string, LogFilterField>> = {
  domain: 'request_host',
  fastly_is_cache_hit: 'is_cache_hit',
  fastly_is_edge: 'is_edge',
  fastly_is_shield: 'is_shield',
};

/** The filter field a record field or alias names, or undefined when Fastly does not filter on it. */
export function logFilterField(name: string): LogFilterField | undefined {
  return LOG_FIELD_ALIASES[name] ?? LOG_FILTER_FIELDS.find((field) => field === name);
}

/** A filter value as text: numbers and booleans of a hand-written query are kept as they read. */
function filterValue(value: unknown): string {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : text(value, '');
}

/** The filters of a stored query; a row whose field Fastly does not filter on keeps an empty field, shown as such. */
function normalizeFilters(value: unknown): LogFilter[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter(isRecord).map((filter) => ({
    field: logFilterField(text(filter.field, '').trim()) ?? '',
    operator: oneOf(text(filter.operator, 'eq').trim().toLowerCase(), LOG_FILTER_OPERATORS, 'eq'),
    value: filterValue(filter.value),
  }));
}

/** A limit as stored when it is a number (the backend names a bad one), else the default. */
function limitOf(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** The visualization of a stored insights query; the spec's name that always fails reads as the one that works. */
function visualizationOf(value: unknown): InsightsQuery['visualization'] {
  const name = value === 'top-url-by-duration-sum' ? 'top-url-by-duration' : value;
  return oneOf(name, INSIGHTS_VISUALIZATIONS, DEFAULT_INSIGHTS_QUERY.visualization);
}

function groupByOf(value: unknown): LogGroupBy {
  return value === '' ? '' : oneOf(value, LOG_GROUP_BYS, DEFAULT_LOG_METRICS_QUERY.groupBy);
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
    eventTypes,
    status,
    visualization,
    limit,
    domain,
    domainExactMatch,
    filters,
    format,
    sortBy,
    sortDesc,
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

function normalizeInsights(stored: StoredQuery, base: DataQuery): InsightsQuery {
  return {
    ...base,
    queryType: 'insights',
    services: stringList(stored.services),
    visualization: visualizationOf(stored.visualization),
    limit: limitOf(stored.limit, DEFAULT_INSIGHTS_QUERY.limit),
    domain: text(stored.domain, ''),
    domainExactMatch: stored.domainExactMatch !== false,
    datacenters: stringList(stored.datacenters),
  };
}

function normalizeLogMetrics(stored: StoredQuery, base: DataQuery): LogMetricsQuery {
  return {
    ...base,
    queryType: 'logMetrics',
    ...servicesAndMetrics(stored),
    groupBy: groupByOf(stored.groupBy),
    format: oneOf(stored.format, LOG_METRICS_FORMATS, DEFAULT_LOG_METRICS_QUERY.format),
    filters: normalizeFilters(stored.filters),
    limit: limitOf(stored.limit, DEFAULT_LOG_METRICS_QUERY.limit),
    sortBy: text(stored.sortBy, ''),
    sortDesc: stored.sortDesc !== false,
    ...legendOf(stored.legendFormat),
  };
}

const NORMALIZERS: { [T in QueryType]: Normalizer<T> } = {
  insights: normalizeInsights,
  logs: (stored, base) => ({
    ...base,
    queryType: 'logs',
    services: stringList(stored.services),
    filters: normalizeFilters(stored.filters),
    limit: limitOf(stored.limit, DEFAULT_LOGS_QUERY.limit),
  }),
  logMetrics: normalizeLogMetrics,
  logVolume: (stored, base) => ({
    ...base,
    queryType: 'logVolume',
    services: stringList(stored.services),
    filters: normalizeFilters(stored.filters),
    ...(stored.limit === undefined ? {} : { limit: limitOf(stored.limit, DEFAULT_LOGS_QUERY.limit) }),
  }),
  services: (_stored, base) => ({ ...base, queryType: 'services' }),
  versions: (stored, base) => ({ ...base, queryType: 'versions', services: stringList(stored.services) }),
  events: (stored, base) => ({
    ...base,
    queryType: 'events',
    services: stringList(stored.services),
    eventTypes: stringList(stored.eventTypes),
  }),
  alerts: (stored, base) => ({
    ...base,
    queryType: 'alerts',
    services: stringList(stored.services),
    status: oneOf(stored.status, ALERT_STATUSES, DEFAULT_ALERTS_QUERY.status),
  }),
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
  return NORMALIZERS[oneOf(query.queryType, ALL_QUERY_TYPES, DEFAULT_QUERY_TYPE)](query, grafanaFields(query));
}

/** Every filter row has a field. */
function filtersComplete(filters: LogFilter[]): boolean {
  return filters.every((filter) => filter.field !== '');
}

/**
 * A query the backend can answer: stats needs at least one metric, real-time and inspector queries at least one
 * service and one metric, usage a valid month if one is set, log queries one service and a field on every filter row.
 */
export function isQueryComplete(query: FastlyQuery): boolean {
  switch (query.queryType) {
    case 'insights':
      return query.services.length === 1;
    case 'logs':
    case 'logVolume':
      return query.services.length === 1 && filtersComplete(query.filters);
    case 'logMetrics':
      return query.services.length === 1 && query.metrics.length > 0 && filtersComplete(query.filters);
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
