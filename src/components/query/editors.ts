import {
  DEFAULT_ALERTS_QUERY,
  DEFAULT_DOMAINS_QUERY,
  DEFAULT_EVENTS_QUERY,
  DEFAULT_INSIGHTS_QUERY,
  DEFAULT_LOGS_QUERY,
  DEFAULT_LOG_METRICS_QUERY,
  DEFAULT_LOG_VOLUME_QUERY,
  DEFAULT_ORIGINS_QUERY,
  DEFAULT_REALTIME_QUERY,
  DEFAULT_SERVICES_QUERY,
  DEFAULT_STATS_QUERY,
  DEFAULT_USAGE_QUERY,
  DEFAULT_VERSIONS_QUERY,
} from '../../query/defaults';
import { QueryOf, QueryType } from '../../types/query';
import { AlertsQueryEditor } from './AlertsQueryEditor';
import { EventsQueryEditor } from './EventsQueryEditor';
import { InsightsQueryEditor } from './InsightsQueryEditor';
import { DomainsQueryEditor, OriginsQueryEditor } from './InspectorQueryEditor';
import { LogMetricsQueryEditor } from './LogMetricsQueryEditor';
import { LogsQueryEditor, LogVolumeQueryEditor } from './LogsQueryEditor';
import { RealtimeQueryEditor } from './RealtimeQueryEditor';
import { ServicesQueryEditor } from './ServicesQueryEditor';
import { StatsQueryEditor } from './StatsQueryEditor';
import { SubEditor } from './types';
import { UsageQueryEditor } from './UsageQueryEditor';
import { VersionsQueryEditor } from './VersionsQueryEditor';

/** One sub-editor per query type the backend implements. */
export const queryEditors: { [T in QueryType]: SubEditor<QueryOf<T>> } = {
  stats: {
    label: 'Historical stats',
    description: 'Fastly Historical Stats: per-minute, hour or day counters per service',
    defaults: DEFAULT_STATS_QUERY,
    Component: StatsQueryEditor,
  },
  services: {
    label: 'Services table',
    description: 'A table of the services the token can see, with links',
    defaults: DEFAULT_SERVICES_QUERY,
    Component: ServicesQueryEditor,
  },
  versions: {
    label: 'Deploy annotations',
    description: 'Version activations from the Fastly event log, to the second, for annotations',
    defaults: DEFAULT_VERSIONS_QUERY,
    Component: VersionsQueryEditor,
  },
  events: {
    label: 'Event annotations',
    description: 'Purges, activations and configuration changes from the Fastly event log, for annotations',
    defaults: DEFAULT_EVENTS_QUERY,
    Component: EventsQueryEditor,
  },
  alerts: {
    label: 'Alert annotations',
    description: 'Fastly alert history as shaded regions from start to end, for annotations',
    defaults: DEFAULT_ALERTS_QUERY,
    Component: AlertsQueryEditor,
  },
  usage: {
    label: 'Usage',
    description: 'Bandwidth and requests by region, service or month, for billing',
    defaults: DEFAULT_USAGE_QUERY,
    Component: UsageQueryEditor,
  },
  realtime: {
    label: 'Real-time',
    description: 'Fastly Real-time Analytics: per-second data per POP, live on dashboards',
    defaults: DEFAULT_REALTIME_QUERY,
    Component: RealtimeQueryEditor,
  },
  origins: {
    label: 'Origin Inspector',
    description: 'Responses, errors and latency per origin host (Origin Inspector add-on)',
    defaults: DEFAULT_ORIGINS_QUERY,
    Component: OriginsQueryEditor,
  },
  domains: {
    label: 'Domain Inspector',
    description: 'Requests, bytes and hit ratio per domain (Domain Inspector add-on)',
    defaults: DEFAULT_DOMAINS_QUERY,
    Component: DomainsQueryEditor,
  },
  insights: {
    label: 'Log insights',
    description:
      'Top pages, failing pages, status codes, countries… of one service, from its sampled logs (Log Explorer & Insights)',
    defaults: DEFAULT_INSIGHTS_QUERY,
    Component: InsightsQueryEditor,
  },
  logs: {
    label: 'Logs',
    description: 'The sampled request records of one service as log lines, for Explore and the Logs panel',
    defaults: DEFAULT_LOGS_QUERY,
    Component: LogsQueryEditor,
  },
  logMetrics: {
    label: 'Log metrics',
    description: 'Edge response time percentiles and response sizes per POP, host, path… from the sampled logs',
    defaults: DEFAULT_LOG_METRICS_QUERY,
    Component: LogMetricsQueryEditor,
  },
  logVolume: {
    label: 'Log volume',
    description: 'Requests over time per level, as Explore shows above the logs of a logs query',
    defaults: DEFAULT_LOG_VOLUME_QUERY,
    Component: LogVolumeQueryEditor,
  },
};

/** The sub-editor of a query type. */
export function editorFor<T extends QueryType>(queryType: T): SubEditor<QueryOf<T>> {
  return queryEditors[queryType];
}
