import type { FastlyResources, InspectorNames, InspectorProduct, LogFieldCatalogue, Metric } from '../types/resources';

/** Resource answers shaped exactly like the backend's. */
export const resourceFixtures: FastlyResources = {
  services: [
    { id: 'SU1Z0isxPaozGVKXdv0eY', name: 'api.example.com', type: 'vcl' },
    { id: 'kKJb5bOFI47uHeBVluGfX1', name: 'Delivery', type: 'vcl' },
    { id: 'XsjdElScZGjmfCcTwsYRC1', name: 'edge-compute', type: 'wasm' },
  ],
  metrics: [
    {
      name: 'hit_ratio',
      label: 'Hit ratio',
      unit: 'percentunit',
      description: 'Cache hits divided by hits plus misses',
      group: 'derived',
      queryTypes: ['stats'],
    },
    {
      name: 'requests',
      label: 'Requests',
      unit: 'short',
      description: 'Number of requests processed',
      group: 'traffic',
      queryTypes: ['stats', 'realtime'],
    },
    {
      name: 'status_5xx',
      label: '5xx responses',
      unit: 'short',
      description: 'Responses with a 5xx status code',
      group: 'status',
      queryTypes: ['stats'],
    },
    {
      name: 'hits',
      label: 'Cache hits',
      unit: 'short',
      description: 'Requests served from cache',
      group: 'cache',
      queryTypes: ['stats'],
    },
    {
      name: 'compute_requests',
      label: 'Compute requests',
      unit: 'short',
      description: 'Requests handled by Compute',
      group: 'compute',
      queryTypes: ['stats'],
    },
    {
      name: 'bandwidth',
      label: 'Bandwidth',
      unit: 'decbytes',
      description: 'Bytes delivered to clients',
      group: 'bytes',
      queryTypes: ['stats'],
    },
    {
      name: 'miss_time',
      label: 'Miss time',
      unit: 's',
      description: 'Time spent fetching cache misses',
      group: 'timing',
      queryTypes: ['stats'],
    },
    {
      name: 'edge_requests',
      label: 'Edge requests',
      unit: 'short',
      description: 'Requests served by the edge (real-time only)',
      group: 'traffic',
      queryTypes: ['realtime'],
    },
    {
      name: 'miss_latency_p95',
      label: 'Miss latency p95',
      unit: 'ms',
      description: 'Origin fetch latency, 95th percentile (real-time only)',
      group: 'timing',
      queryTypes: ['realtime'],
    },
    {
      name: 'response_time_p95',
      label: 'Response time p95',
      unit: 's',
      description: 'Edge response time, 95th percentile of the sampled requests',
      group: 'timing',
      queryTypes: ['logMetrics'],
    },
    {
      name: 'response_time_avg',
      label: 'Response time (average)',
      unit: 's',
      description: 'Edge response time, mean of the sampled requests',
      group: 'timing',
      queryTypes: ['logMetrics'],
    },
    {
      name: 'response_bytes_body_max',
      label: 'Body bytes (max)',
      unit: 'bytes',
      description: 'Largest response body of the sampled requests',
      group: 'bytes',
      queryTypes: ['logMetrics'],
    },
  ],
  'log-visualizations': [
    { value: 'top-url-by-requests', label: 'Top pages by requests', description: 'Pages with the most requests' },
    { value: 'top-url-by-bandwidth', label: 'Top pages by bandwidth', description: 'Pages that sent the most bytes' },
    {
      value: 'top-url-by-duration',
      label: 'Slowest pages (response time)',
      description: 'Pages with the longest response time',
    },
    { value: 'top-5xx-urls', label: 'Top 5xx pages', description: 'Pages with the most 5xx responses' },
    { value: 'country-statistics', label: 'Countries', description: 'Requests per country and region' },
  ],
  regions: ['europe', 'usa', 'asia'],
  'event-types': [
    {
      value: 'version.activate',
      label: 'Version activated',
      description: 'A service version was activated (a deploy)',
    },
    {
      value: 'service.purge_all',
      label: 'Purge all',
      description: 'Every cached object of a service was purged',
    },
    { value: 'vcl.update', label: 'VCL updated', description: 'A VCL file of a version was changed' },
    { value: 'backend.update', label: 'Backend updated', description: 'A backend of a version was changed' },
  ],
  datacenters: [
    {
      code: 'LHR',
      name: 'London',
      group: 'Europe',
      statsRegion: 'europe',
      latitude: 51.47,
      longitude: -0.45,
    },
    {
      code: 'SJC',
      name: 'San Jose',
      group: 'North America',
      statsRegion: 'usa',
      latitude: 37.36,
      longitude: -121.93,
    },
  ],
};

/** The message the backend sends (with HTTP 502) when Fastly refuses the token. */
export const BAD_TOKEN_MESSAGE =
  'Fastly rejected the API token (401 Unauthorized: Provided credentials are missing or invalid): it is invalid or expired, or lacks access to this data; check the token in the datasource settings';

/** What `metrics?queryType=origins|domains` answers: the inspector catalogues. */
export const inspectorMetricFixtures: Record<InspectorProduct, Metric[]> = {
  origins: [
    {
      name: 'responses',
      label: 'Responses',
      unit: 'short',
      description: 'Number of responses from origin.',
      group: 'traffic',
      queryTypes: ['origins'],
    },
    {
      name: 'status_5xx',
      label: 'Origin 5xx',
      unit: 'short',
      description: 'Number of 5xx codes delivered from origin.',
      group: 'status',
      queryTypes: ['origins'],
    },
    {
      name: 'latency_p95',
      label: 'Origin latency p95',
      unit: 'ms',
      description: 'Interpolated from the latency buckets',
      group: 'latency',
      queryTypes: ['origins'],
    },
    {
      name: 'latency_histogram',
      label: 'Latency histogram',
      unit: 'short',
      description: 'Responses per latency bucket, for heatmaps',
      group: 'latency',
      queryTypes: ['origins'],
    },
  ],
  domains: [
    {
      name: 'edge_requests',
      label: 'Edge requests',
      unit: 'short',
      description: 'Number of requests sent by end users to Fastly.',
      group: 'traffic',
      queryTypes: ['domains'],
    },
    {
      name: 'edge_hit_ratio',
      label: 'Edge hit ratio',
      unit: 'percentunit',
      description: 'Edge hits divided by edge hits plus misses',
      group: 'derived',
      queryTypes: ['domains'],
    },
    {
      name: 'origin_offload',
      label: 'Origin offload',
      unit: 'percentunit',
      description: 'Share of bytes served without going to origin',
      group: 'derived',
      queryTypes: ['domains'],
    },
  ],
};

/** The message the backend sends when Origin Inspector is not enabled for a service. */
export const ORIGIN_INSPECTOR_DISABLED_MESSAGE =
  'Origin Inspector is not enabled for service Delivery (kKJb5bOFI47uHeBVluGfX1): enable it in the Fastly control panel';

/** What `origins?service=` and `domains?service=` answer, per service id. */
export const inspectorNameFixtures: Record<InspectorProduct, Record<string, InspectorNames>> = {
  origins: {
    SU1Z0isxPaozGVKXdv0eY: {
      serviceId: 'SU1Z0isxPaozGVKXdv0eY',
      product: 'origin_inspector',
      dimension: 'host',
      enabled: true,
      values: ['origin-a.example.com', 'origin-b.example.com'],
    },
    kKJb5bOFI47uHeBVluGfX1: {
      serviceId: 'kKJb5bOFI47uHeBVluGfX1',
      product: 'origin_inspector',
      dimension: 'host',
      enabled: false,
      message: ORIGIN_INSPECTOR_DISABLED_MESSAGE,
      values: [],
    },
    XsjdElScZGjmfCcTwsYRC1: {
      serviceId: 'XsjdElScZGjmfCcTwsYRC1',
      product: 'origin_inspector',
      dimension: 'host',
      enabled: false,
      values: [],
    },
  },
  domains: {
    SU1Z0isxPaozGVKXdv0eY: {
      serviceId: 'SU1Z0isxPaozGVKXdv0eY',
      product: 'domain_inspector',
      dimension: 'domain',
      enabled: true,
      values: ['api.example.com', 'www.example.com'],
    },
    kKJb5bOFI47uHeBVluGfX1: {
      serviceId: 'kKJb5bOFI47uHeBVluGfX1',
      product: 'domain_inspector',
      dimension: 'domain',
      enabled: true,
      values: ['cdn.example.net'],
    },
  },
};

/** What `log-fields` answers: the record fields (a selection) and every filter operator. */
export const logFieldFixtures: LogFieldCatalogue = {
  fields: [
    { value: 'request_host', label: 'Host', type: 'string', filterable: true, groupable: true },
    { value: 'request_path', label: 'Path', type: 'string', filterable: true, groupable: true },
    { value: 'response_status', label: 'Response status', type: 'number', filterable: true, groupable: false },
    { value: 'response_time', label: 'Response time (s)', type: 'number', filterable: true, groupable: false },
    { value: 'fastly_pop', label: 'POP', type: 'string', filterable: true, groupable: true },
    { value: 'is_cache_hit', label: 'Cache hit', type: 'boolean', filterable: true, groupable: false },
    { value: 'client_country_code', label: 'Country', type: 'string', filterable: true, groupable: true },
    { value: 'client_as_name', label: 'AS name', type: 'string', filterable: false, groupable: true },
  ],
  operators: [
    { value: 'eq', label: '=' },
    { value: 'in', label: 'in' },
    { value: 'contains', label: 'contains' },
    { value: 'ends-with', label: 'ends with' },
    { value: 'gt', label: '>' },
    { value: 'gte', label: '>=' },
    { value: 'lt', label: '<' },
    { value: 'lte', label: '<=' },
    { value: 'neq', label: '!=' },
  ],
};
