import type { FastlyResources } from '../types/resources';

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
  ],
  regions: ['europe', 'usa', 'asia'],
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
