/** Test ids and visible labels shared by the jest tests, the browser tests and the editors themselves. */
export const selectors = {
  config: {
    apiToken: 'fastly-config-api-token',
    apiUrl: 'fastly-config-api-url',
    realtimeUrl: 'fastly-config-realtime-url',
    tokenDocsLink: 'fastly-config-token-docs',
    labels: {
      apiToken: 'API token',
      apiUrl: 'API URL',
      realtimeUrl: 'Real-time API URL',
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
    /** Field labels; the radio groups (query type, granularity, group by) carry theirs as aria-label. */
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
    },
  },
  variableEditor: {
    kind: 'fastly-variable-kind',
    labels: {
      kind: 'Values',
    },
  },
  /** The browser-test page that hosts the editors. */
  harness: {
    query: 'fastly-harness-query',
    options: 'fastly-harness-options',
    variableQuery: 'fastly-harness-variable-query',
  },
} as const;
