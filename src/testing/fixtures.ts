import type { FastlyResources, InspectorNames, InspectorProduct, Metric } from '../types/resources';

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
