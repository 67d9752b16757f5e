import { DataSourceJsonData } from '@grafana/data';

export const DEFAULT_API_URL = 'https://api.fastly.com';
export const DEFAULT_REALTIME_URL = 'https://rt.fastly.com';

/** Datasource settings stored in jsonData. */
export interface FastlyDataSourceOptions extends DataSourceJsonData {
  apiUrl?: string;
  realtimeUrl?: string;
}

/** Settings stored encrypted; the frontend only learns whether they are set. */
export interface FastlySecureJsonData {
  apiToken?: string;
}
