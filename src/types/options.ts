import { DataSourceJsonData } from '@grafana/data';

import { IntegerSettingKey } from './declarations';

/** The whole-number Advanced settings; absent means the backend default (see INTEGER_SETTINGS). */
type IntegerSettings = { [K in IntegerSettingKey]?: number };

/** Datasource settings stored in jsonData. */
export interface FastlyDataSourceOptions extends DataSourceJsonData, IntegerSettings {
  apiUrl?: string;
  realtimeUrl?: string;
  /** Fill the minutes Fastly has not published yet from real-time data; absent means true. */
  stitchRealtime?: boolean;
}

/** Settings stored encrypted; the frontend only learns whether they are set. */
export interface FastlySecureJsonData {
  apiToken?: string;
}
