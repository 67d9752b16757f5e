import { CoreApp, DataQueryRequest, dateTime, SupplementaryQueryType } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../testing/FakeTemplateSrv';
import { FixtureDataSource } from '../testing/FixtureDataSource';
import { FastlyQuery, LogFilter, LogsQuery, StoredQuery } from '../types/query';

const SERVICE = 'SU1Z0isxPaozGVKXdv0eY';

function logsQuery(filters: LogFilter[] = [], overrides: Partial<LogsQuery> = {}): LogsQuery {
  return { refId: 'A', queryType: 'logs', services: [SERVICE], filters, limit: 1000, ...overrides };
}

function request(targets: FastlyQuery[]): DataQueryRequest<FastlyQuery> {
  const from = dateTime('2026-12-06T10:00:00Z');
  const to = dateTime('2026-12-06T11:00:00Z');
  return {
    requestId: 'explore_left',
    app: CoreApp.Explore,
    interval: '1m',
    intervalMs: 60000,
    range: { from, to, raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets,
    timezone: 'utc',
    startTime: 0,
  };
}

const status500: LogFilter = { field: 'response_status', operator: 'eq', value: '500' };
const notLHR: LogFilter = { field: 'fastly_pop', operator: 'neq', value: 'LHR' };

describe('Explore log volume', () => {
  const ds = new FixtureDataSource();

  beforeEach(() => setTemplateSrv(new FakeTemplateSrv({ service: SERVICE })));

  it('offers the log volume only', () => {
    expect(ds.getSupportedSupplementaryQueryTypes()).toEqual([SupplementaryQueryType.LogsVolume]);
  });

  it('counts the same service and filters as the logs query, under its own refId', () => {
    const query = { ...logsQuery([status500]), datasource: { type: 'edgemetrics-fastly-datasource', uid: 'x' } };
    expect(ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsVolume }, query)).toEqual({
      refId: 'log-volume-A',
      datasource: { type: 'edgemetrics-fastly-datasource', uid: 'x' },
      queryType: 'logVolume',
      services: [SERVICE],
      filters: [status500],
      limit: 1000,
    });
  });

  it('keeps "filter out value" filters and the limit, so the volume counts the records the logs query shows', () => {
    const query = logsQuery([status500, notLHR], { limit: 300 });
    const volume = ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsVolume }, query);
    expect(volume).toMatchObject({ queryType: 'logVolume', filters: [status500, notLHR], limit: 300 });
  });

  it('has no log volume for other query types, hidden queries or the logs sample', () => {
    const volume = { type: SupplementaryQueryType.LogsVolume } as const;
    expect(
      ds.getSupplementaryQuery(volume, { refId: 'A', queryType: 'insights', services: [SERVICE] } as StoredQuery as FastlyQuery)
    ).toBeUndefined();
    expect(ds.getSupplementaryQuery(volume, logsQuery([], { hide: true }))).toBeUndefined();
    expect(ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsSample }, logsQuery())).toBeUndefined();
  });

  it('builds a request of one logVolume query per logs query, keeping the range', () => {
    const stats = { refId: 'B', queryType: 'stats', metrics: ['requests'] } as StoredQuery as FastlyQuery;
    const original = request([logsQuery([status500]), stats]);
    const volume = ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, original);
    expect(volume?.range).toBe(original.range);
    expect(volume?.targets).toEqual([
      { refId: 'log-volume-A', queryType: 'logVolume', services: [SERVICE], filters: [status500], limit: 1000 },
    ]);
    expect(volume?.hideFromInspector).toBe(true);
  });

  it('builds no request without a logs query', () => {
    const stats = { refId: 'B', queryType: 'stats', metrics: ['requests'] } as StoredQuery as FastlyQuery;
    expect(ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, request([stats]))).toBeUndefined();
    expect(ds.getSupplementaryRequest(SupplementaryQueryType.LogsSample, request([logsQuery()]))).toBeUndefined();
  });

  it('runs the log volume query through the backend with its variables resolved', () => {
    const volume = ds.getSupplementaryQuery(
      { type: SupplementaryQueryType.LogsVolume },
      logsQuery([], { services: ['$service'] })
    );
    expect(volume).toBeDefined();
    if (volume) {
      expect(ds.filterQuery(volume)).toBe(true);
      expect(ds.applyTemplateVariables(volume, {})).toMatchObject({ queryType: 'logVolume', services: [SERVICE] });
    }
  });
});

describe('Explore filter for / filter out value', () => {
  const ds = new FixtureDataSource();
  const filterFor = (key: string, value: string) => ({ type: 'FILTER_FOR' as const, options: { key, value } });
  const filterOut = (key: string, value: string) => ({ type: 'FILTER_OUT' as const, options: { key, value } });

  it('"filter for value" adds an eq filter and shows as active', () => {
    const query = ds.toggleQueryFilter(logsQuery(), filterFor('fastly_pop', 'LHR'));
    expect(query).toEqual(logsQuery([{ field: 'fastly_pop', operator: 'eq', value: 'LHR' }]));
    expect(ds.queryHasFilter(query, { key: 'fastly_pop', value: 'LHR' })).toBe(true);
    expect(ds.queryHasFilter(query, { key: 'fastly_pop', value: 'SJC' })).toBe(false);
  });

  it('"filter out value" adds a neq filter, which is not "filter for"', () => {
    const query = ds.toggleQueryFilter(logsQuery([status500]), filterOut('fastly_pop', 'LHR'));
    expect(query).toEqual(logsQuery([status500, notLHR]));
    expect(ds.queryHasFilter(query, { key: 'fastly_pop', value: 'LHR' })).toBe(false);
  });

  it('toggling the same filter again removes it', () => {
    const once = ds.toggleQueryFilter(logsQuery([status500]), filterFor('fastly_pop', 'LHR'));
    expect(ds.toggleQueryFilter(once, filterFor('fastly_pop', 'LHR'))).toEqual(logsQuery([status500]));
    const out = ds.toggleQueryFilter(logsQuery(), filterOut('fastly_pop', 'LHR'));
    expect(ds.toggleQueryFilter(out, filterOut('fastly_pop', 'LHR'))).toEqual(logsQuery());
  });

  it('the opposite filter replaces the one on the same field and value', () => {
    const out = ds.toggleQueryFilter(logsQuery(), filterOut('fastly_pop', 'LHR'));
    expect(ds.toggleQueryFilter(out, filterFor('fastly_pop', 'LHR'))).toEqual(
      logsQuery([{ field: 'fastly_pop', operator: 'eq', value: 'LHR' }])
    );
  });

  it("keeps the query's other filters on the same field", () => {
    const range: LogFilter = { field: 'response_status', operator: 'gte', value: '500' };
    expect(ds.toggleQueryFilter(logsQuery([range]), filterFor('response_status', '503'))).toEqual(
      logsQuery([range, { field: 'response_status', operator: 'eq', value: '503' }])
    );
  });

  it("names fields as the live API does: the spec's names and domain are read as theirs", () => {
    expect(ds.toggleQueryFilter(logsQuery(), filterFor('fastly_is_cache_hit', 'true'))).toEqual(
      logsQuery([{ field: 'is_cache_hit', operator: 'eq', value: 'true' }])
    );
    expect(ds.toggleQueryFilter(logsQuery(), filterOut('domain', 'www.example.com'))).toEqual(
      logsQuery([{ field: 'request_host', operator: 'neq', value: 'www.example.com' }])
    );
  });

  it('leaves the query unchanged for a field Fastly does not filter on, or a query that is not logs', () => {
    const query = logsQuery([status500]);
    expect(ds.toggleQueryFilter(query, filterFor('client_ip_prefix', '192.0.2.0'))).toBe(query);
    const metrics = { refId: 'A', queryType: 'logMetrics', services: [SERVICE] } as StoredQuery as FastlyQuery;
    expect(ds.toggleQueryFilter(metrics, filterFor('fastly_pop', 'LHR'))).toBe(metrics);
    expect(ds.queryHasFilter(metrics, { key: 'fastly_pop', value: 'LHR' })).toBe(false);
  });

  it('modifyQuery adds the filter without toggling it off, and says which modifications it supports', () => {
    expect(ds.getSupportedQueryModifications()).toEqual(['ADD_FILTER', 'ADD_FILTER_OUT']);
    const action = { type: 'ADD_FILTER', options: { key: 'fastly_pop', value: 'LHR' } };
    const once = ds.modifyQuery(logsQuery(), action);
    expect(ds.modifyQuery(once, action)).toEqual(logsQuery([{ field: 'fastly_pop', operator: 'eq', value: 'LHR' }]));
    expect(ds.modifyQuery(once, { type: 'ADD_FILTER_OUT', options: { key: 'fastly_pop', value: 'LHR' } })).toEqual(
      logsQuery([notLHR])
    );
    expect(ds.modifyQuery(once, { type: 'ADD_STRING_FILTER', options: { value: 'LHR' } })).toBe(once);
  });
});
