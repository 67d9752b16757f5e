import { METRIC_CATEGORIES } from './declarations';

export interface Service {
  id: string;
  name: string;
  type: 'vcl' | 'wasm';
}

/** A metric's category, by which the editor groups its metric options. */
export type MetricCategory = (typeof METRIC_CATEGORIES)[number];

export interface Metric {
  name: string;
  label: string;
  /** A Grafana unit id such as "short", "decbytes" or "percentunit". */
  unit: string;
  description: string;
  group: MetricCategory;
  queryTypes: string[];
}

export interface Datacenter {
  code: string;
  name: string;
  group: string;
  region?: string;
  statsRegion: string;
  latitude: number;
  longitude: number;
}

/** One Fastly event type of the account event log, as the event-types resource lists it (most useful first). */
export interface EventType {
  /** Fastly's name, e.g. "service.purge_all". */
  value: string;
  label: string;
  description: string;
}

/** A Log Insights report the backend offers. */
export interface LogVisualization {
  value: string;
  label: string;
  description: string;
}

/** What each GET list resource of the backend answers. */
export interface FastlyResources {
  services: Service[];
  metrics: Metric[];
  regions: string[];
  datacenters: Datacenter[];
  'event-types': EventType[];
  'log-visualizations': LogVisualization[];
}

export type ResourceKind = keyof FastlyResources;

/** The list resources a dashboard variable may list. */
export type VariableResourceKind = Exclude<ResourceKind, 'log-visualizations' | 'event-types'>;

/** The inspector add-ons, named as their query types and resources. */
export type InspectorProduct = 'origins' | 'domains';

/** What `origins?service=` and `domains?service=` answer. */
export interface InspectorNames {
  serviceId: string;
  product: 'origin_inspector' | 'domain_inspector';
  dimension: 'host' | 'domain';
  /** False when the add-on is not enabled for the service. */
  enabled: boolean;
  message?: string;
  /** Origin hosts or domains seen recently. */
  values: string[];
}

/** A field of the sampled request log records. */
export interface LogField {
  value: string;
  label: string;
  type: 'string' | 'number' | 'boolean';
  /** Whether Fastly filters on it (filter rows and Explore's filter for/out value). */
  filterable: boolean;
  /** Whether a logMetrics query groups by it. */
  groupable: boolean;
}

export interface LogOperator {
  value: string;
  label: string;
}

/** What `log-fields` answers: the record fields and the filter operators. */
export interface LogFieldCatalogue {
  fields: LogField[];
  operators: LogOperator[];
}
