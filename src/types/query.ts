import { DataQuery } from '@grafana/schema';

import {
  INSIGHTS_VISUALIZATIONS,
  LOG_FILTER_FIELDS,
  LOG_FILTER_OPERATORS,
  LOG_GROUP_BYS,
  QUERY_TYPES,
} from './declarations';

/** Query types the backend implements; `logVolume` is built by Explore for its log volume, never picked. */
export type QueryType = (typeof QUERY_TYPES)[number];

/** A query type the query type picker offers. */
export type EditorQueryType = Exclude<QueryType, 'logVolume'>;

/** The query types the query type picker offers, in its order. */
export const EDITOR_QUERY_TYPES: readonly EditorQueryType[] = QUERY_TYPES.filter(
  (queryType): queryType is EditorQueryType => queryType !== 'logVolume'
);

export type Granularity = 'auto' | 'minute' | 'hour' | 'day';

export type GroupBy = 'service' | 'none';

export type TopNOrder = 'desc' | 'asc';

/** Keeps the N series with the largest (or smallest) total of one metric over the range (stats and real-time). */
export interface TopN {
  metric: string;
  /** 1 to QUERY_LIMITS.topN.max. */
  limit: number;
  order: TopNOrder;
}

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
  /** Only with groupBy "service"; absent means every series. */
  topN?: TopN;
  /** Series names from tokens such as {{service_name}}; absent keeps the default names. */
  legendFormat?: string;
}

/** A table of the services the token can see. */
export interface ServicesQuery extends DataQuery {
  queryType: 'services';
}

/** Service version activations from Fastly's event log, as annotations. */
export interface VersionsQuery extends DataQuery {
  queryType: 'versions';
  /** Service ids or template variables; empty means every service. */
  services: string[];
}

/** Events of Fastly's account event log (purges, activations, configuration changes), as annotations. */
export interface EventsQuery extends DataQuery {
  queryType: 'events';
  /** Service ids or template variables; empty means every service. */
  services: string[];
  /** Fastly event types such as "service.purge_all"; empty means activations and purges. */
  eventTypes: string[];
}

/** Alert history entries to show: every one, or only those still firing or already resolved. */
export type AlertStatus = '' | 'active' | 'resolved';

/** Fastly alert history, as region annotations from the alert's start to its end. */
export interface AlertsQuery extends DataQuery {
  queryType: 'alerts';
  /** Service ids or template variables; empty means every service. */
  services: string[];
  status: AlertStatus;
}

export type UsageBy = 'region' | 'service' | 'month';

/** Usage and billing tables. */
export interface UsageQuery extends DataQuery {
  queryType: 'usage';
  usageBy: UsageBy;
  /** YYYY-MM with usageBy month; "" means the month of the range end. */
  month: string;
  /** "" means all regions. */
  region: string;
  /** usageBy month only. */
  billableUnits: boolean;
}

/** Real-time grouping: one series per metric (summed over POPs) or one per POP. */
export type RealtimeGroupBy = 'none' | 'datacenter';

/** Real-time Analytics query: per-second data, streamed to dashboard panels. */
export interface RealtimeQuery extends DataQuery {
  queryType: 'realtime';
  /** Service ids or template variables; the backend takes 1 to QUERY_LIMITS.realtimeServices.max, and a new query starts empty. */
  services: string[];
  metrics: string[];
  groupBy: RealtimeGroupBy;
  /** POP codes to keep; empty means every POP. */
  datacenters: string[];
  /** Ranks services (groupBy none) or service × POP series (groupBy datacenter); absent means every series. */
  topN?: TopN;
  /** Series names from tokens such as {{service_name}}; absent keeps the default names. */
  legendFormat?: string;
}

/**
 * Where an inspector query reads from: `realtime` is the in-memory real-time buffer (ranges inside the live window),
 * `auto` uses it for recent ranges and the historical API otherwise.
 */
export type InspectorSource = 'auto' | 'historical' | 'realtime';

export type OriginsGroupBy = 'host' | 'datacenter' | 'region' | 'source';

export type DomainsGroupBy = 'domain' | 'datacenter' | 'region';

/** What the Origin and Domain Inspector queries share. */
interface InspectorQueryBase extends DataQuery {
  /** Service ids or template variables. */
  services: string[];
  metrics: string[];
  /** POP codes to keep; empty means every POP. */
  datacenters: string[];
  /** Stats regions to keep; empty means every region. */
  regions: string[];
  granularity: Granularity;
  source: InspectorSource;
  /** Divides counters by the bucket length (responses/s); absent means per bucket. */
  perSecond?: boolean;
  /** Series names from tokens such as {{service_name}}; absent keeps the default names. */
  legendFormat?: string;
}

/** Origin Inspector query: traffic per origin host. */
export interface OriginsQuery extends InspectorQueryBase {
  queryType: 'origins';
  /** Empty means the total. */
  groupBy: OriginsGroupBy[];
  /** Origin hosts to keep; empty means every host. */
  hosts: string[];
}

/** Domain Inspector query: traffic per domain. */
export interface DomainsQuery extends InspectorQueryBase {
  queryType: 'domains';
  /** Empty means the total. */
  groupBy: DomainsGroupBy[];
  /** Domains to keep; empty means every domain. */
  domains: string[];
}

export type InspectorQuery = OriginsQuery | DomainsQuery;

export type InsightsVisualization = (typeof INSIGHTS_VISUALIZATIONS)[number];

export type LogFilterField = (typeof LOG_FILTER_FIELDS)[number];

export type LogFilterOperator = (typeof LOG_FILTER_OPERATORS)[number];

/** One test on a record field; filters combine with AND. */
export interface LogFilter {
  /** "" while the editor's row has no field yet; such a query does not run. */
  field: LogFilterField | '';
  operator: LogFilterOperator;
  /** May hold template variables; `in` takes a comma-separated list. */
  value: string;
}

/** "" is no grouping: one row or series for the whole service. */
export type LogGroupBy = (typeof LOG_GROUP_BYS)[number] | '';

/** `table` answers one row per group over the range, `timeseries` one series per group and metric. */
export const LOG_METRICS_FORMATS = ['table', 'timeseries'] as const;

export type LogMetricsFormat = (typeof LOG_METRICS_FORMATS)[number];

/** What the queries over the sampled request logs of one service share. */
interface LogQueryBase extends DataQuery {
  /** Exactly one service id or template variable; a new query starts empty and runs once one is chosen. */
  services: string[];
}

/** Log Insights: a ranked report (top pages, status codes, countries, …) of one service over the range. */
export interface InsightsQuery extends LogQueryBase {
  queryType: 'insights';
  visualization: InsightsVisualization;
  /** 1 to QUERY_LIMITS.insights.max. */
  limit: number;
  /** Only requests to this domain; "" means every domain. */
  domain: string;
  /** Whether the domain must match exactly rather than as a suffix. */
  domainExactMatch: boolean;
  /** POP codes to keep; empty means every POP. */
  datacenters: string[];
}

/** Log Explorer: the sampled request records themselves, as log lines. */
export interface LogsQuery extends LogQueryBase {
  queryType: 'logs';
  filters: LogFilter[];
  /** Most records returned: 1 to QUERY_LIMITS.logs.max. */
  limit: number;
}

/** Edge response times and sizes aggregated from the sampled logs, as a table or time series. */
export interface LogMetricsQuery extends LogQueryBase {
  queryType: 'logMetrics';
  metrics: string[];
  groupBy: LogGroupBy;
  format: LogMetricsFormat;
  filters: LogFilter[];
  /** Most groups: 1 to QUERY_LIMITS.logMetrics.max. */
  limit: number;
  /** The metric the table is sorted by; "" means the first metric. */
  sortBy: string;
  sortDesc: boolean;
  /** Series names from tokens such as {{fastly_pop}}; absent keeps the default names. */
  legendFormat?: string;
}

/** Explore's log volume of a logs query: requests over time per level (5xx error, 4xx warning, else info). */
export interface LogVolumeQuery extends LogQueryBase {
  queryType: 'logVolume';
  /** The logs query's filters, "filter out value" (neq) included: the volume counts the records that query shows. */
  filters: LogFilter[];
  /** The logs query's limit: with filters the volume is counted from the records it returns. */
  limit?: number;
}

/** Every query the plugin can send, discriminated on `queryType`. */
export type FastlyQuery =
  | StatsQuery
  | ServicesQuery
  | VersionsQuery
  | EventsQuery
  | AlertsQuery
  | UsageQuery
  | RealtimeQuery
  | OriginsQuery
  | DomainsQuery
  | InsightsQuery
  | LogsQuery
  | LogMetricsQuery
  | LogVolumeQuery;

/** The query of one query type. */
export type QueryOf<T extends QueryType> = Extract<FastlyQuery, { queryType: T }>;

type QueryField = Exclude<
  | keyof StatsQuery
  | keyof VersionsQuery
  | keyof EventsQuery
  | keyof AlertsQuery
  | keyof UsageQuery
  | keyof RealtimeQuery
  | keyof OriginsQuery
  | keyof DomainsQuery
  | keyof InsightsQuery
  | keyof LogsQuery
  | keyof LogMetricsQuery,
  keyof DataQuery
>;

/** A query as saved by any version of the editor, provisioning or an alert rule: every field may be missing. */
export type StoredQuery = DataQuery & { [K in QueryField]?: unknown };
