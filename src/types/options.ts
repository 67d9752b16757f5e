import { DataSourceJsonData } from '@grafana/data';

export const DEFAULT_API_URL = 'https://api.fastly.com';
export const DEFAULT_REALTIME_URL = 'https://rt.fastly.com';

/** Datasource settings stored in jsonData. */
export interface FastlyDataSourceOptions extends DataSourceJsonData {
  apiUrl?: string;
  realtimeUrl?: string;
  /** Minutes of per-second real-time data kept in memory per service (backend default 15). */
  realtimeBufferMinutes?: number;
  /** Seconds without readers after which a real-time poller stops (backend default 300). */
  realtimeIdleSeconds?: number;
  /** Fill the minutes Fastly has not published yet from real-time data; absent means true. */
  stitchRealtime?: boolean;
  /** Size of the cache of finished Historical Stats buckets in MB (backend default 64). */
  cacheSizeMB?: number;
  /** Concurrent Fastly calls per datasource (backend default 24). */
  maxConcurrentCalls?: number;
  /** Retries of a failed read; -1 disables retries (backend default 3). */
  maxRetries?: number;
  /** Page cap per Origin/Domain Inspector query (backend default 50). */
  inspectorMaxPages?: number;
}

/** Settings stored encrypted; the frontend only learns whether they are set. */
export interface FastlySecureJsonData {
  apiToken?: string;
}
