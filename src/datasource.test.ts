import { CoreApp } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import { FastlyQuery, StatsQuery, StoredQuery } from './types/query';
import { BAD_TOKEN_MESSAGE, resourceFixtures } from './testing/fixtures';
import { FakeTemplateSrv } from './testing/FakeTemplateSrv';
import { FixtureDataSource } from './testing/FixtureDataSource';

function statsQuery(overrides: Partial<StatsQuery> = {}): StatsQuery {
  return {
    refId: 'A',
    queryType: 'stats',
    services: [],
    metrics: ['requests'],
    granularity: 'auto',
    region: '',
    groupBy: 'service',
    perSecond: false,
    ...overrides,
  };
}

describe('DataSource', () => {
  const ds = new FixtureDataSource();
  /** The interpolated query, read field by field whatever its type. */
  const interpolate = (query: FastlyQuery, scopedVars = {}): StoredQuery =>
    ds.applyTemplateVariables(query, scopedVars);

  beforeEach(() => {
    setTemplateSrv(
      new FakeTemplateSrv({
        service: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'],
        single: 'XsjdElScZGjmfCcTwsYRC1',
        metric: ['requests', 'hit_ratio'],
        region: 'europe',
        listed: 'a1,b2',
      })
    );
  });

  describe('getDefaultQuery', () => {
    it('asks for requests of every service, auto granularity, one series per service', () => {
      expect(ds.getDefaultQuery(CoreApp.PanelEditor)).toEqual({
        queryType: 'stats',
        services: [],
        metrics: ['requests'],
        granularity: 'auto',
        region: '',
        groupBy: 'service',
        perSecond: false,
      });
    });

    it('gives every new query its own lists', () => {
      const first = ds.getDefaultQuery(CoreApp.PanelEditor);
      first.metrics?.push('bandwidth');
      expect(ds.getDefaultQuery(CoreApp.PanelEditor).metrics).toEqual(['requests']);
    });
  });

  describe('filterQuery', () => {
    it('runs a query with metrics, also for all services', () => {
      expect(ds.filterQuery(statsQuery())).toBe(true);
    });

    it('skips hidden queries', () => {
      expect(ds.filterQuery(statsQuery({ hide: true }))).toBe(false);
    });

    it('skips queries without metrics', () => {
      expect(ds.filterQuery(statsQuery({ metrics: [] }))).toBe(false);
      expect(ds.filterQuery({ refId: 'B' } as FastlyQuery)).toBe(false);
    });

    it('runs services, deploy and usage queries, which need no metrics', () => {
      expect(ds.filterQuery({ refId: 'A', queryType: 'services' })).toBe(true);
      expect(ds.filterQuery({ refId: 'A', queryType: 'versions', services: [] })).toBe(true);
      expect(
        ds.filterQuery({
          refId: 'A',
          queryType: 'usage',
          usageBy: 'month',
          month: '2026-03',
          region: '',
          billableUnits: true,
        })
      ).toBe(true);
      expect(ds.filterQuery({ refId: 'A', queryType: 'versions', services: [], hide: true })).toBe(false);
    });

    it('skips a usage query with a malformed month', () => {
      expect(
        ds.filterQuery({
          refId: 'A',
          queryType: 'usage',
          usageBy: 'month',
          month: '2026-13',
          region: '',
          billableUnits: false,
        })
      ).toBe(false);
    });
  });

  describe('applyTemplateVariables', () => {
    it('turns a multi-value service variable into several ids', () => {
      const query = interpolate(statsQuery({ services: ['$service'] }), {});
      expect(query.services).toEqual(['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1']);
    });

    it('keeps literal ids and mixes them with variables without duplicates', () => {
      const query = interpolate(statsQuery({ services: ['kKJb5bOFI47uHeBVluGfX1', '${service}', '$single'] }), {});
      expect(query.services).toEqual(['kKJb5bOFI47uHeBVluGfX1', 'SU1Z0isxPaozGVKXdv0eY', 'XsjdElScZGjmfCcTwsYRC1']);
    });

    it('splits a value holding a comma-separated list', () => {
      expect(interpolate(statsQuery({ services: ['$listed'] }), {}).services).toEqual(['a1', 'b2']);
    });

    it('interpolates metrics and region', () => {
      const query = interpolate(statsQuery({ metrics: ['$metric', 'bandwidth'], region: '$region' }), {});
      expect(query.metrics).toEqual(['requests', 'hit_ratio', 'bandwidth']);
      expect(query.region).toBe('europe');
    });

    it('lets the scoped value of a repeated panel win', () => {
      const query = interpolate(statsQuery({ services: ['$service'] }), {
        service: { text: 'Delivery', value: 'kKJb5bOFI47uHeBVluGfX1' },
      });
      expect(query.services).toEqual(['kKJb5bOFI47uHeBVluGfX1']);
    });

    it('turns the service variable of a deploy annotation query into ids', () => {
      expect(interpolate({ refId: 'Anno', queryType: 'versions', services: ['$service', '$single'] })).toEqual({
        refId: 'Anno',
        queryType: 'versions',
        services: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1', 'XsjdElScZGjmfCcTwsYRC1'],
      });
    });

    it('fills the defaults of a deploy annotation query saved without services', () => {
      expect(interpolate({ refId: 'Anno', queryType: 'versions' } as FastlyQuery)).toEqual({
        refId: 'Anno',
        queryType: 'versions',
        services: [],
      });
    });

    it('keeps top N and interpolates the region of a usage query', () => {
      const topN = { metric: 'requests', limit: 5, order: 'asc' } as const;
      expect(interpolate(statsQuery({ topN })).topN).toEqual(topN);
      expect(
        interpolate({
          refId: 'A',
          queryType: 'usage',
          usageBy: 'region',
          month: '',
          region: '$region',
          billableUnits: false,
        })
      ).toMatchObject({ queryType: 'usage', region: 'europe' });
    });

    it('fills the defaults of a query saved without a query type', () => {
      const saved = { refId: 'A', metrics: ['requests'] } as FastlyQuery;
      expect(ds.applyTemplateVariables(saved, {})).toEqual(statsQuery());
    });
  });

  describe('resources', () => {
    it('returns the typed resource lists', async () => {
      await expect(ds.getServices()).resolves.toEqual(resourceFixtures.services);
      await expect(ds.getRegions()).resolves.toEqual(['europe', 'usa', 'asia']);
      await expect(ds.getDatacenters()).resolves.toEqual(resourceFixtures.datacenters);
    });

    it("rejects with the backend's message", async () => {
      const failing = new FixtureDataSource(resourceFixtures, {
        services: { status: 502, message: BAD_TOKEN_MESSAGE },
      });
      await expect(failing.getServices()).rejects.toThrow(BAD_TOKEN_MESSAGE);
    });
  });
});
