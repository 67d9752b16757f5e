import { INTEGER_SETTINGS, IntegerSettingKey } from '../types/declarations';

type IntegerSettingLabels = Record<IntegerSettingKey, string>;

/** The label of each whole-number setting, by key. */
const INTEGER_SETTING_LABELS = Object.fromEntries(
  INTEGER_SETTINGS.map((s) => [s.key, s.label])
) as IntegerSettingLabels;

/** Test ids and visible labels shared by the jest tests, the browser tests and the editors themselves. */
export const selectors = {
  config: {
    apiToken: 'fastly-config-api-token',
    apiUrl: 'fastly-config-api-url',
    realtimeUrl: 'fastly-config-realtime-url',
    tokenDocsLink: 'fastly-config-token-docs',
    realtimeBufferMinutes: 'fastly-config-realtime-buffer-minutes',
    realtimeIdleSeconds: 'fastly-config-realtime-idle-seconds',
    realtimeMemoryMB: 'fastly-config-realtime-memory-mb',
    realtimeMaxServices: 'fastly-config-realtime-max-services',
    stitchMaxServices: 'fastly-config-stitch-max-services',
    stitchRealtime: 'fastly-config-stitch-realtime',
    cacheSizeMB: 'fastly-config-cache-size-mb',
    maxConcurrentCalls: 'fastly-config-max-concurrent-calls',
    maxRetries: 'fastly-config-max-retries',
    inspectorMaxPages: 'fastly-config-inspector-max-pages',
    labels: {
      apiToken: 'API token',
      apiUrl: 'API URL',
      realtimeUrl: 'Real-time API URL',
      advanced: 'Advanced',
      stitchRealtime: 'Fill unpublished minutes from real-time',
      // The labels of the whole-number settings are declared with them, the same as the backend's error text.
      ...INTEGER_SETTING_LABELS,
    },
  },
  queryEditor: {
    services: 'fastly-query-services',
    metrics: 'fastly-query-metrics',
    region: 'fastly-query-region',
    perSecond: 'fastly-query-per-second',
    topN: 'fastly-query-top-n',
    topNMetric: 'fastly-query-top-n-metric',
    topNLimit: 'fastly-query-top-n-limit',
    servicesDescription: 'fastly-query-services-description',
    month: 'fastly-query-month',
    billableUnits: 'fastly-query-billable-units',
    datacenters: 'fastly-query-datacenters',
    regions: 'fastly-query-regions',
    hosts: 'fastly-query-hosts',
    domains: 'fastly-query-domains',
    inspectorGroupBy: 'fastly-query-inspector-group-by',
    inspectorBanner: 'fastly-query-inspector-banner',
    legendFormat: 'fastly-query-legend-format',
    eventTypes: 'fastly-query-event-types',
    /** Field labels; the radio groups (query type, granularity, group by, source, …) carry theirs as aria-label. */
    labels: {
      queryType: 'Query type',
      services: 'Services',
      metrics: 'Metrics',
      region: 'Region',
      granularity: 'Granularity',
      groupBy: 'Group by',
      perSecond: 'Per second',
      topN: 'Top N',
      topNMetric: 'Rank by',
      topNLimit: 'Limit',
      topNOrder: 'Order',
      usageBy: 'Usage by',
      month: 'Month',
      billableUnits: 'Billable units',
      datacenters: 'POPs',
      regions: 'Regions',
      hosts: 'Origin hosts',
      domains: 'Domains',
      source: 'Source',
      legendFormat: 'Legend',
      eventTypes: 'Event types',
      alertStatus: 'Alert status',
    },
  },
  variableEditor: {
    kind: 'fastly-variable-kind',
    service: 'fastly-variable-service',
    labels: {
      kind: 'Values',
      service: 'Service',
    },
  },
  /** The browser-test page that hosts the editors. */
  harness: {
    query: 'fastly-harness-query',
    options: 'fastly-harness-options',
    variableQuery: 'fastly-harness-variable-query',
  },
} as const;
