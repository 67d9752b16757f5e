import { FastlyQuery, Granularity, GroupBy, QueryType, StatsQuery, StoredQuery } from '../types/query';

export const DEFAULT_QUERY_TYPE: QueryType = 'stats';

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

const GRANULARITIES: readonly Granularity[] = ['auto', 'minute', 'hour', 'day'];
const GROUP_BYS: readonly GroupBy[] = ['service', 'none'];

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((item): item is string => typeof item === 'string' && item !== '');
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.find((item) => item === value) ?? fallback;
}

/** Fills in every missing or malformed field, so editors and interpolation work on a complete query. */
export function normalizeQuery(query: StoredQuery): FastlyQuery {
  const { queryType, services, metrics, granularity, region, groupBy, perSecond, ...base } = query;
  return {
    ...base,
    queryType: oneOf(queryType, ['stats'], DEFAULT_QUERY_TYPE),
    services: stringList(services),
    metrics: stringList(metrics),
    granularity: oneOf(granularity, GRANULARITIES, DEFAULT_STATS_QUERY.granularity),
    region: typeof region === 'string' ? region : DEFAULT_STATS_QUERY.region,
    groupBy: oneOf(groupBy, GROUP_BYS, DEFAULT_STATS_QUERY.groupBy),
    perSecond: perSecond === true,
  };
}

/** A query the backend can answer: stats needs at least one metric. */
export function isQueryComplete(query: FastlyQuery): boolean {
  return query.metrics.length > 0;
}
