/**
 * The facts the frontend shares with the Go backend, declared once: query types, the default Fastly URLs, the
 * Advanced settings, query limits and the log catalogue's names. pkg/plugin/declarations_test.go reads this module
 * and fails when Go declares anything else, so it holds plain `as const` data and imports nothing.
 */

/** Every query type the backend answers, in the order the editor offers them; Explore builds `logVolume`. */
export const QUERY_TYPES = [
  'stats',
  'services',
  'versions',
  'events',
  'alerts',
  'usage',
  'realtime',
  'origins',
  'domains',
  'insights',
  'logs',
  'logMetrics',
  'logVolume',
] as const;

/** Fastly's API, used when the datasource's API URL is empty. */
export const DEFAULT_API_URL = 'https://api.fastly.com';
/** Fastly's real-time API, used when the datasource's real-time URL is empty. */
export const DEFAULT_REALTIME_URL = 'https://rt.fastly.com';

/** How the editor describes a whole-number setting besides its range. */
interface IntegerSettingDeclaration {
  /** The jsonData key. */
  key: string;
  /** The editor's label; the backend's error text names the setting by it. */
  label: string;
  /** What the setting bounds; the editor adds the range. */
  summary: string;
  min: number;
  max: number;
  /** What the backend applies when the key is absent. */
  defaultValue: number;
  /** What 0 means, when it is allowed and special. */
  zeroMeans?: string;
  /** A saved -1, which earlier versions documented as "none", is read as 0. */
  minusOneMeansZero?: boolean;
}

/** The whole-number Advanced settings, in the order the backend and README list them. */
export const INTEGER_SETTINGS = [
  {
    key: 'realtimeBufferMinutes',
    label: 'Real-time minutes kept per service',
    summary: 'Minutes of per-second real-time data kept in memory per service',
    min: 1,
    max: 120,
    defaultValue: 15,
  },
  {
    key: 'realtimeIdleSeconds',
    label: 'Stop an unread real-time poller after (seconds)',
    summary: 'A real-time poller stops after this many seconds without readers',
    min: 30,
    max: 86400,
    defaultValue: 300,
  },
  {
    key: 'realtimeMemoryMB',
    label: 'Memory for real-time data (MB, whole datasource)',
    summary:
      'One bound on the real-time buffers of all services of this datasource; when it is reached, the oldest minutes of the least recently read services go first',
    min: 16,
    max: 65536,
    defaultValue: 256,
  },
  {
    key: 'realtimeMaxServices',
    label: 'Services followed in real time at most',
    summary: 'Services this datasource polls in real time at the same time',
    min: 1,
    max: 1000,
    defaultValue: 100,
  },
  {
    key: 'stitchMaxServices',
    label: 'Stitch stats queries over at most N services',
    summary: 'Stats queries over more services than this are not filled from real-time data',
    min: 0,
    max: 1000,
    defaultValue: 20,
    zeroMeans: 'turns stitching off',
  },
  {
    key: 'cacheSizeMB',
    label: 'Cache of finished Historical Stats buckets (MB)',
    summary: 'Memory for caching finished Historical Stats buckets',
    min: 0,
    max: 4096,
    defaultValue: 64,
    zeroMeans: 'means no cache',
  },
  {
    key: 'logsCacheSizeMB',
    label: 'Cache of finished Log Explorer & Insights answers (MB)',
    summary: 'Memory for caching log, insights and log metrics answers of windows that ended over 2 minutes ago',
    min: 0,
    max: 1024,
    defaultValue: 32,
    zeroMeans: 'means no cache',
  },
  {
    key: 'maxConcurrentCalls',
    label: 'Concurrent Fastly calls',
    summary: 'Fastly API calls this datasource makes at the same time',
    min: 1,
    max: 100,
    defaultValue: 24,
  },
  {
    key: 'maxRetries',
    label: 'Retries of a failed read (429, 5xx, network)',
    summary: 'Retries of a failed read after 429, 5xx or network errors',
    min: 0,
    max: 10,
    defaultValue: 3,
    zeroMeans: 'means no retries',
    minusOneMeansZero: true,
  },
  {
    key: 'inspectorMaxPages',
    label: 'Pages read per Origin/Domain Inspector query',
    summary: 'Pages read per Origin or Domain Inspector query; reaching it adds a warning to the panel',
    min: 1,
    max: 1000,
    defaultValue: 50,
  },
] as const satisfies readonly IntegerSettingDeclaration[];

/** A whole-number setting's declaration, with its key narrowed to the declared ones. */
export type IntegerSetting = Omit<IntegerSettingDeclaration, 'key'> & { key: IntegerSettingKey };

export type IntegerSettingKey = (typeof INTEGER_SETTINGS)[number]['key'];

/** The limits a query's fields must keep: each is a default and a maximum, or a maximum alone. */
export const QUERY_LIMITS = {
  /** Services of one real-time query: each one is polled every second. */
  realtimeServices: { max: 20 },
  /** Series a top-N keeps. */
  topN: { defaultValue: 10, max: 100 },
  /** Rows of a Log Insights report (Fastly's own maximum). */
  insights: { defaultValue: 10, max: 100 },
  /** Sampled requests of a logs (and log volume) query. */
  logs: { defaultValue: 1000, max: 10000 },
  /** Rows of a log metrics query. */
  logMetrics: { defaultValue: 20, max: 1000 },
} as const;

/** Categories of the metric catalogue (a metric's `group`), in the order the editor lists them. */
export const METRIC_CATEGORIES = [
  'traffic',
  'cache',
  'status',
  'bytes',
  'timing',
  'latency',
  'derived',
  'compute',
  'other',
] as const;

/** Log Insights reports (Fastly's `visualization` values) the live API answers, in the order the editor lists them. */
export const INSIGHTS_VISUALIZATIONS = [
  'top-url-by-requests',
  'top-url-by-bandwidth',
  'top-url-by-duration',
  'top-url-by-misses',
  'top-url-by-cache-hit-ratio',
  'bottom-url-by-cache-hit-ratio',
  'top-4xx-urls',
  'top-5xx-urls',
  'response-status-codes',
  'top-503-responses',
  'country-statistics',
  'top-browser-by-requests',
  'top-device-by-requests',
  'top-os-by-requests',
  'top-content-type-by-requests',
] as const;

/** Record fields the Log Explorer API filters on (its live names: `is_cache_hit`, not `fastly_is_cache_hit`). */
export const LOG_FILTER_FIELDS = [
  'request_host',
  'request_path',
  'request_method',
  'response_status',
  'response_time',
  'fastly_pop',
  'client_country_code',
  'client_browser_name',
  'client_device_type',
  'client_os_name',
  'is_cache_hit',
  'is_edge',
  'is_shield',
  'bot_name',
  'bot_category',
] as const;

/** Record fields a logMetrics query groups by, in the backend's catalogue order. */
export const LOG_GROUP_BYS = [
  'request_host',
  'request_path',
  'request_method',
  'fastly_pop',
  'client_country_code',
  'client_browser_name',
  'client_device_type',
  'client_os_name',
  'response_content_type',
  'response_reason',
  'response_state',
  'response_x_cache',
  'response_completed',
  'client_region',
  'client_as_number',
  'client_as_name',
  'client_ip_prefix',
  'client_browser_version',
] as const;

/** Filter operators: all but `neq` are sent to Fastly; `neq` (Explore's "filter out value") is applied by the plugin. */
export const LOG_FILTER_OPERATORS = ['eq', 'in', 'contains', 'ends-with', 'gt', 'gte', 'lt', 'lte', 'neq'] as const;
