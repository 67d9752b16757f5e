export interface Service {
  id: string;
  name: string;
  type: 'vcl' | 'wasm';
}

export type MetricGroup = 'traffic' | 'cache' | 'status' | 'bytes' | 'timing' | 'derived' | 'compute' | 'other';

export interface Metric {
  name: string;
  label: string;
  /** A Grafana unit id such as "short", "decbytes" or "percentunit". */
  unit: string;
  description: string;
  group: MetricGroup;
  queryTypes: string[];
}

export interface Datacenter {
  code: string;
  name: string;
  group: string;
  statsRegion: string;
  latitude: number;
  longitude: number;
}

/** What each GET resource of the backend answers. */
export interface FastlyResources {
  services: Service[];
  metrics: Metric[];
  regions: string[];
  datacenters: Datacenter[];
}

export type ResourceKind = keyof FastlyResources;
