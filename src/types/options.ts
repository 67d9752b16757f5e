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
  /** Memory for real-time data of the whole datasource in MB (backend default 256, 16–65536). */
  realtimeMemoryMB?: number;
  /** Services followed in real time at most (backend default 100, 1–1000). */
  realtimeMaxServices?: number;
  /** Fill the minutes Fastly has not published yet from real-time data; absent means true. */
  stitchRealtime?: boolean;
  /** Stitch stats queries over at most this many services; 0 turns stitching off (backend default 20, 0–1000). */
  stitchMaxServices?: number;
  /** Size of the cache of finished Historical Stats buckets in MB; 0 means no cache (backend default 64, 0–4096). */
  cacheSizeMB?: number;
  /** Concurrent Fastly calls per datasource (backend default 24). */
  maxConcurrentCalls?: number;
  /** Retries of a failed read; 0 means no retries (backend default 3, 0–10; a saved -1 is read as 0). */
  maxRetries?: number;
  /** Page cap per Origin/Domain Inspector query (backend default 50). */
  inspectorMaxPages?: number;
}

/** Settings stored encrypted; the frontend only learns whether they are set. */
export interface FastlySecureJsonData {
  apiToken?: string;
}
