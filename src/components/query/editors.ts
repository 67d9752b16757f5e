import {
  DEFAULT_ALERTS_QUERY,
  DEFAULT_DOMAINS_QUERY,
  DEFAULT_EVENTS_QUERY,
  DEFAULT_ORIGINS_QUERY,
  DEFAULT_REALTIME_QUERY,
  DEFAULT_SERVICES_QUERY,
  DEFAULT_STATS_QUERY,
  DEFAULT_USAGE_QUERY,
  DEFAULT_VERSIONS_QUERY,
} from '../../query/defaults';
import { EditorQueryType, QueryOf } from '../../types/query';
import { AlertsQueryEditor } from './AlertsQueryEditor';
import { EventsQueryEditor } from './EventsQueryEditor';
import { DomainsQueryEditor, OriginsQueryEditor } from './InspectorQueryEditor';
import { RealtimeQueryEditor } from './RealtimeQueryEditor';
import { ServicesQueryEditor } from './ServicesQueryEditor';
import { StatsQueryEditor } from './StatsQueryEditor';
import { SubEditor } from './types';
import { UsageQueryEditor } from './UsageQueryEditor';
import { VersionsQueryEditor } from './VersionsQueryEditor';

/** One sub-editor per query type this editor has a query model for. */
export const queryEditors: { [T in EditorQueryType]: SubEditor<QueryOf<T>> } = {
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
};

/** The sub-editor of a query type. */
export function editorFor<T extends EditorQueryType>(queryType: T): SubEditor<QueryOf<T>> {
  return queryEditors[queryType];
}
