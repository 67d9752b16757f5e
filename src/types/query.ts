import { DataQuery } from '@grafana/schema';

/** Query types the backend implements; later issues extend this union. */
export type QueryType = 'stats';

export type Granularity = 'auto' | 'minute' | 'hour' | 'day';

export type GroupBy = 'service' | 'none';

/** Historical Stats query; keys match the backend's query model exactly. */
export interface StatsQuery extends DataQuery {
  queryType: 'stats';
  /** Service ids or template variables; empty means every service the token can see. */
  services: string[];
  metrics: string[];
  granularity: Granularity;
  /** Stats region; "" means all regions. */
  region: string;
  groupBy: GroupBy;
  perSecond: boolean;
}

/** Every query the plugin can send, discriminated on `queryType`. */
export type FastlyQuery = StatsQuery;

/** The query of one query type. */
export type QueryOf<T extends QueryType> = Extract<FastlyQuery, { queryType: T }>;

/** A query as saved by any version of the editor, provisioning or an alert rule: every field may be missing. */
export type StoredQuery = DataQuery & { [K in Exclude<keyof StatsQuery, keyof DataQuery>]?: unknown };
