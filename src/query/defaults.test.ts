import { StoredQuery } from '../types/query';
import {
  DEFAULT_INSIGHTS_QUERY,
  DEFAULT_LOG_METRICS_QUERY,
  DEFAULT_LOGS_QUERY,
  DEFAULT_STATS_QUERY,
  isQueryComplete,
  normalizeQuery,
} from './defaults';

describe('normalizeQuery', () => {
  it('reads a query saved without a query type as a stats query', () => {
    expect(normalizeQuery({ refId: 'A', metrics: ['bandwidth'] })).toEqual({
      ...DEFAULT_STATS_QUERY,
      refId: 'A',
      metrics: ['bandwidth'],
    });
  });

  it('replaces malformed fields of a hand-written query with defaults', () => {
    const stored: StoredQuery = {
      refId: 'B',
      hide: true,
      services: 'abc',
      metrics: ['requests', 7, ''],
      granularity: 'week',
      region: null,
      groupBy: 'pop',
      perSecond: 'yes',
    };
    expect(normalizeQuery(stored)).toEqual({
      refId: 'B',
      hide: true,
      queryType: 'stats',
      services: [],
      metrics: ['requests'],
      granularity: 'auto',
      region: '',
      groupBy: 'service',
      perSecond: false,
    });
  });

  it('keeps the top N of a real-time query with either grouping and fills its missing fields', () => {
    expect(
      normalizeQuery({
        refId: 'A',
        queryType: 'realtime',
        services: ['x'],
        metrics: ['requests', 'status_5xx'],
        groupBy: 'none',
        topN: { metric: 'status_5xx', order: 'sideways' },
      })
    ).toEqual({
      refId: 'A',
      queryType: 'realtime',
      services: ['x'],
      metrics: ['requests', 'status_5xx'],
      groupBy: 'none',
      datacenters: [],
      topN: { metric: 'status_5xx', limit: 10, order: 'desc' },
    });
    expect(
      normalizeQuery({ refId: 'A', queryType: 'realtime', metrics: ['requests'], groupBy: 'datacenter', topN: {} })
    ).toMatchObject({ groupBy: 'datacenter', topN: { metric: 'requests', limit: 10, order: 'desc' } });
    expect(normalizeQuery({ refId: 'A', queryType: 'realtime', topN: 'yes' })).not.toHaveProperty('topN');
  });

  it('keeps a legend on the query types whose series it names, and drops a blank or non-text one', () => {
    for (const queryType of ['stats', 'realtime', 'origins', 'domains']) {
      expect(normalizeQuery({ refId: 'A', queryType, legendFormat: '{{metric}}' })).toHaveProperty(
        'legendFormat',
        '{{metric}}'
      );
      expect(normalizeQuery({ refId: 'A', queryType, legendFormat: '  ' })).not.toHaveProperty('legendFormat');
      expect(normalizeQuery({ refId: 'A', queryType, legendFormat: 7 })).not.toHaveProperty('legendFormat');
    }
    expect(normalizeQuery({ refId: 'A', queryType: 'usage', legendFormat: '{{metric}}' })).not.toHaveProperty(
      'legendFormat'
    );
  });

  it('keeps per second on an inspector query only when it is set', () => {
    const origins = { refId: 'A', queryType: 'origins', services: ['x'], metrics: ['responses'] };
    expect(normalizeQuery({ ...origins, perSecond: true })).toMatchObject({ queryType: 'origins', perSecond: true });
    expect(normalizeQuery({ ...origins, queryType: 'domains', perSecond: true })).toMatchObject({ perSecond: true });
    expect(normalizeQuery({ ...origins, perSecond: 'yes' })).not.toHaveProperty('perSecond');
  });

  it('needs at least one metric', () => {
    expect(isQueryComplete(normalizeQuery({ refId: 'A' }))).toBe(false);
    expect(isQueryComplete(normalizeQuery({ refId: 'A', metrics: ['requests'] }))).toBe(true);
  });

  it('fills a log query saved with only its type and service', () => {
    const services = ['SU1Z0isxPaozGVKXdv0eY'];
    expect(normalizeQuery({ refId: 'A', queryType: 'insights', services })).toEqual({
      ...DEFAULT_INSIGHTS_QUERY,
      refId: 'A',
      services,
    });
    expect(normalizeQuery({ refId: 'A', queryType: 'logs', services })).toEqual({
      ...DEFAULT_LOGS_QUERY,
      refId: 'A',
      services,
    });
    // As for stats, missing metrics are no metrics: the editor asks for one.
    expect(normalizeQuery({ refId: 'A', queryType: 'logMetrics', services })).toEqual({
      ...DEFAULT_LOG_METRICS_QUERY,
      refId: 'A',
      services,
      metrics: [],
    });
    expect(normalizeQuery({ refId: 'A', queryType: 'logVolume', services })).toEqual({
      refId: 'A',
      queryType: 'logVolume',
      services,
      filters: [],
    });
  });

  it('reads the spelling of filter fields that Fastly refuses as the live names, and values as text', () => {
    const stored: StoredQuery = {
      refId: 'A',
      queryType: 'logs',
      services: ['x'],
      filters: [
        { field: 'fastly_is_cache_hit', operator: 'eq', value: false },
        { field: 'domain', operator: 'ends-with', value: '.example.com' },
        { field: 'response_status', operator: 'gte', value: 500 },
        { field: 'client_ip_prefix', operator: 'like', value: '192.0.2.0' },
        { field: ' fastly_pop ', operator: 'NEQ', value: 'LHR' },
        'response_status=500',
      ],
    };
    expect(normalizeQuery(stored)).toMatchObject({
      filters: [
        { field: 'is_cache_hit', operator: 'eq', value: 'false' },
        { field: 'request_host', operator: 'ends-with', value: '.example.com' },
        { field: 'response_status', operator: 'gte', value: '500' },
        // A field Fastly cannot filter on stays as a row without a field: the editor asks for one.
        { field: '', operator: 'eq', value: '192.0.2.0' },
        // Written by hand or provisioning: trimmed and lower-cased as the backend reads it, never turned into eq.
        { field: 'fastly_pop', operator: 'neq', value: 'LHR' },
      ],
    });
  });

  it("reads the spec's failing duration report as the one that works, and keeps a report's options", () => {
    expect(
      normalizeQuery({
        refId: 'A',
        queryType: 'insights',
        visualization: 'top-url-by-duration-sum',
        limit: 25,
        domain: 'www.example.com',
        domainExactMatch: false,
        datacenters: ['LHR'],
      })
    ).toMatchObject({
      visualization: 'top-url-by-duration',
      limit: 25,
      domain: 'www.example.com',
      domainExactMatch: false,
      datacenters: ['LHR'],
    });
    expect(normalizeQuery({ refId: 'A', queryType: 'insights', visualization: 'top-everything' })).toMatchObject({
      visualization: 'top-url-by-requests',
    });
  });

  it('keeps no grouping, a time series format, ascending sort and a legend of a log metrics query', () => {
    expect(
      normalizeQuery({
        refId: 'A',
        queryType: 'logMetrics',
        groupBy: '',
        format: 'timeseries',
        sortDesc: false,
        sortBy: 'response_time_avg',
        legendFormat: '{{fastly_pop}}',
      })
    ).toMatchObject({
      groupBy: '',
      format: 'timeseries',
      sortDesc: false,
      sortBy: 'response_time_avg',
      legendFormat: '{{fastly_pop}}',
    });
    expect(normalizeQuery({ refId: 'A', queryType: 'logMetrics', groupBy: 'pop', format: 'csv' })).toMatchObject({
      groupBy: 'fastly_pop',
      format: 'table',
    });
  });

  it('runs a log query with exactly one service and a field on every filter row', () => {
    const logs = (overrides: StoredQuery) => isQueryComplete(normalizeQuery({ queryType: 'logs', ...overrides }));
    expect(logs({ refId: 'A', services: ['x'] })).toBe(true);
    expect(logs({ refId: 'A', services: [] })).toBe(false);
    expect(logs({ refId: 'A', services: ['x', 'y'] })).toBe(false);
    expect(logs({ refId: 'A', services: ['x'], filters: [{ field: '', operator: 'eq', value: '' }] })).toBe(false);
    expect(isQueryComplete(normalizeQuery({ refId: 'A', queryType: 'insights', services: ['x'] }))).toBe(true);
    expect(isQueryComplete(normalizeQuery({ refId: 'A', queryType: 'insights', services: [] }))).toBe(false);
    const metrics = { refId: 'A', queryType: 'logMetrics', services: ['x'], metrics: ['response_time_p95'] };
    expect(isQueryComplete(normalizeQuery(metrics))).toBe(true);
    expect(isQueryComplete(normalizeQuery({ ...metrics, metrics: [] }))).toBe(false);
  });
});
