import { StoredQuery } from '../types/query';
import { DEFAULT_STATS_QUERY, isQueryComplete, normalizeQuery } from './defaults';

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
});
