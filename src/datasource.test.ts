import { CoreApp } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';

import {
  DomainsQuery,
  FastlyQuery,
  LogFilter,
  LogsQuery,
  OriginsQuery,
  RealtimeQuery,
  StatsQuery,
  StoredQuery,
} from './types/query';
import { BAD_TOKEN_MESSAGE, inspectorNameFixtures, logFieldFixtures, resourceFixtures } from './testing/fixtures';
import { LogFieldCatalogue } from './types/resources';
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

function realtimeQuery(overrides: Partial<RealtimeQuery> = {}): RealtimeQuery {
  return {
    refId: 'A',
    queryType: 'realtime',
    services: ['SU1Z0isxPaozGVKXdv0eY'],
    metrics: ['requests'],
    groupBy: 'none',
    datacenters: [],
    ...overrides,
  };
}

function originsQuery(overrides: Partial<OriginsQuery> = {}): OriginsQuery {
  return {
    refId: 'A',
    queryType: 'origins',
    services: ['SU1Z0isxPaozGVKXdv0eY'],
    metrics: ['responses'],
    groupBy: ['host'],
    hosts: [],
    datacenters: [],
    regions: [],
    granularity: 'auto',
    source: 'auto',
    ...overrides,
  };
}

function domainsQuery(overrides: Partial<DomainsQuery> = {}): DomainsQuery {
  return {
    refId: 'A',
    queryType: 'domains',
    services: ['SU1Z0isxPaozGVKXdv0eY'],
    metrics: ['edge_requests'],
    groupBy: ['domain'],
    domains: [],
    datacenters: [],
    regions: [],
    granularity: 'auto',
    source: 'auto',
    ...overrides,
  };
}

/** A logs query of the service variable `$single` with these filters. */
function logsQuery(filters: LogFilter[]): LogsQuery {
  return { refId: 'A', queryType: 'logs', services: ['$single'], filters, limit: 100 };
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
        pop: ['LHR', 'SJC'],
        host: ['origin-a.example.com', 'origin-b.example.com'],
        domain: ['www.example.com', 'api.example.com'],
        regions: ['europe', 'usa'],
        rankBy: 'status_5xx',
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

  describe('filterQuery of real-time and inspector queries', () => {
    it.each([
      ['realtime', realtimeQuery],
      ['origins', originsQuery],
      ['domains', domainsQuery],
    ])('%s: runs a query with services and metrics', (_type, make: (o?: object) => FastlyQuery) => {
      expect(ds.filterQuery(make())).toBe(true);
      expect(ds.filterQuery(make({ services: ['$service'] }))).toBe(true);
    });

    it.each([
      ['realtime', realtimeQuery],
      ['origins', originsQuery],
      ['domains', domainsQuery],
    ])('%s: skips a query without services, without metrics, or hidden', (_type, make: (o?: object) => FastlyQuery) => {
      expect(ds.filterQuery(make({ services: [] }))).toBe(false);
      expect(ds.filterQuery(make({ metrics: [] }))).toBe(false);
      expect(ds.filterQuery(make({ hide: true }))).toBe(false);
    });

    it('skips real-time and inspector queries saved with only a type', () => {
      for (const queryType of ['realtime', 'origins', 'domains']) {
        expect(ds.filterQuery({ refId: 'A', queryType } as FastlyQuery)).toBe(false);
      }
    });
  });

  describe('applyTemplateVariables of real-time and inspector queries', () => {
    it('turns multi-value service, metric and POP variables of a real-time query into several entries', () => {
      expect(
        interpolate(
          realtimeQuery({ services: ['$service'], metrics: ['$metric'], groupBy: 'datacenter', datacenters: ['$pop'] })
        )
      ).toEqual({
        refId: 'A',
        queryType: 'realtime',
        services: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'],
        metrics: ['requests', 'hit_ratio'],
        groupBy: 'datacenter',
        datacenters: ['LHR', 'SJC'],
      });
    });

    it('interpolates the ranked metric of a real-time top N, with Sum or per POP', () => {
      const topN = { metric: '$rankBy', limit: 10, order: 'desc' } as const;
      expect(interpolate(realtimeQuery({ metrics: ['requests', 'status_5xx'], topN }))).toEqual(
        realtimeQuery({ metrics: ['requests', 'status_5xx'], topN: { metric: 'status_5xx', limit: 10, order: 'desc' } })
      );
      expect(
        interpolate(realtimeQuery({ groupBy: 'datacenter', topN: { ...topN, metric: '${rankBy}', order: 'asc' } }), {
          rankBy: { text: 'Requests', value: 'requests' },
        })
      ).toEqual(realtimeQuery({ groupBy: 'datacenter', topN: { metric: 'requests', limit: 10, order: 'asc' } }));
      expect(interpolate(realtimeQuery())).not.toHaveProperty('topN');
    });

    it('reads the "," that the origins dashboard\'s $host sends for All as no host filter', () => {
      expect(interpolate(originsQuery({ hosts: ['$host'] }), { host: { text: 'All', value: ',' } })).toEqual(
        originsQuery({ hosts: [] })
      );
    });

    it('interpolates services, hosts, POPs and regions of an origins query', () => {
      expect(
        interpolate(
          originsQuery({
            services: ['$single'],
            hosts: ['$host', 'origin-c.example.com'],
            datacenters: ['${pop}'],
            regions: ['$regions'],
            groupBy: ['host', 'datacenter'],
          })
        )
      ).toEqual(
        originsQuery({
          services: ['XsjdElScZGjmfCcTwsYRC1'],
          hosts: ['origin-a.example.com', 'origin-b.example.com', 'origin-c.example.com'],
          datacenters: ['LHR', 'SJC'],
          regions: ['europe', 'usa'],
          groupBy: ['host', 'datacenter'],
        })
      );
    });

    it('interpolates domains of a domains query and keeps its other fields', () => {
      expect(
        interpolate(domainsQuery({ domains: ['$domain'], regions: ['$region'], granularity: 'hour' }), {
          domain: { text: 'www.example.com', value: 'www.example.com' },
        })
      ).toEqual(domainsQuery({ domains: ['www.example.com'], regions: ['europe'], granularity: 'hour' }));
    });

    it('fills the defaults of inspector and real-time queries saved with missing or unknown fields', () => {
      expect(
        ds.applyTemplateVariables(
          {
            refId: 'A',
            queryType: 'origins',
            services: ['x'],
            groupBy: ['domain', 'host'],
            source: 'live',
          } as StoredQuery as FastlyQuery,
          {}
        )
      ).toEqual(originsQuery({ services: ['x'], metrics: [], groupBy: ['host'] }));
      expect(
        ds.applyTemplateVariables(
          { refId: 'A', queryType: 'realtime', groupBy: 'pop' } as StoredQuery as FastlyQuery,
          {}
        )
      ).toEqual(realtimeQuery({ services: [], metrics: [] }));
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

    it('turns service and event type variables of an events query into lists', () => {
      expect(
        interpolate(
          { refId: 'Anno', queryType: 'events', services: ['$single'], eventTypes: ['$eventTypes'] },
          {
            eventTypes: { text: 'Purges', value: 'service.purge_all,version.activate' },
          }
        )
      ).toEqual({
        refId: 'Anno',
        queryType: 'events',
        services: ['XsjdElScZGjmfCcTwsYRC1'],
        eventTypes: ['service.purge_all', 'version.activate'],
      });
    });

    it('turns the service variable of an alerts query into ids and keeps its status', () => {
      expect(interpolate({ refId: 'Anno', queryType: 'alerts', services: ['$service'], status: 'active' })).toEqual({
        refId: 'Anno',
        queryType: 'alerts',
        services: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'],
        status: 'active',
      });
    });

    it('fills the defaults of events and alerts queries saved with missing or unknown fields', () => {
      expect(
        interpolate({
          refId: 'A',
          queryType: 'events',
          eventTypes: ['service.purge_all', 3, ''],
        } as StoredQuery as FastlyQuery)
      ).toEqual({
        refId: 'A',
        queryType: 'events',
        services: [],
        eventTypes: ['service.purge_all'],
      });
      expect(interpolate({ refId: 'A', queryType: 'alerts', status: 'firing' } as StoredQuery as FastlyQuery)).toEqual({
        refId: 'A',
        queryType: 'alerts',
        services: [],
        status: '',
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

    it('resolves the service, domain, POPs and filter values of log queries', () => {
      expect(
        interpolate({
          refId: 'A',
          queryType: 'insights',
          services: ['$single'],
          visualization: 'top-5xx-urls',
          limit: 10,
          domain: '$domain',
          domainExactMatch: true,
          datacenters: ['$pop'],
        })
      ).toMatchObject({
        services: ['XsjdElScZGjmfCcTwsYRC1'],
        domain: '{www.example.com,api.example.com}',
        datacenters: ['LHR', 'SJC'],
      });
      expect(
        interpolate(
          logsQuery([
            { field: 'fastly_pop', operator: 'in', value: '$pop' },
            { field: 'request_host', operator: 'eq', value: '${single}' },
          ])
        )
      ).toMatchObject({
        services: ['XsjdElScZGjmfCcTwsYRC1'],
        filters: [
          { field: 'fastly_pop', operator: 'in', value: 'LHR,SJC' },
          { field: 'request_host', operator: 'eq', value: 'XsjdElScZGjmfCcTwsYRC1' },
        ],
      });
      expect(
        interpolate(
          logsQuery([
            { field: 'fastly_pop', operator: 'eq', value: '$pop' },
            { field: 'fastly_pop', operator: 'neq', value: '$pop' },
            { field: 'request_path', operator: 'contains', value: '/$pop' },
            { field: 'fastly_pop', operator: 'neq', value: '$single' },
          ])
        )
      ).toMatchObject({
        filters: [
          { field: 'fastly_pop', operator: 'in', value: 'LHR,SJC' },
          { field: 'fastly_pop', operator: 'neq', value: 'LHR' },
          { field: 'fastly_pop', operator: 'neq', value: 'SJC' },
          { field: 'request_path', operator: 'contains', value: '/LHR,SJC' },
          { field: 'fastly_pop', operator: 'neq', value: 'XsjdElScZGjmfCcTwsYRC1' },
        ],
      });
      expect(
        interpolate({
          refId: 'A',
          queryType: 'logMetrics',
          services: ['$single'],
          metrics: ['response_time_p95'],
          groupBy: 'fastly_pop',
          format: 'table',
          filters: [{ field: 'fastly_pop', operator: 'in', value: '$pop' }],
          limit: 20,
          sortBy: '',
          sortDesc: true,
        })
      ).toMatchObject({ services: ['XsjdElScZGjmfCcTwsYRC1'], filters: [{ value: 'LHR,SJC' }] });
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

    it('asks for the metrics of one query type', async () => {
      const fresh = new FixtureDataSource();
      const metrics = await fresh.getMetrics('realtime');
      expect(metrics.map((metric) => metric.name)).toEqual(['requests', 'edge_requests', 'miss_latency_p95']);
      expect(fresh.requests).toEqual(['metrics?queryType=realtime']);
    });

    it('reads the hosts of a service and whether Origin Inspector is enabled', async () => {
      const fresh = new FixtureDataSource();
      await expect(fresh.getInspectorNames('origins', '$single')).resolves.toEqual(
        inspectorNameFixtures.origins.XsjdElScZGjmfCcTwsYRC1
      );
      expect(fresh.requests).toEqual(['origins?service=XsjdElScZGjmfCcTwsYRC1']);
    });

    it('returns the log field catalogue', async () => {
      const fresh = new FixtureDataSource();
      await expect(fresh.getLogFields()).resolves.toEqual(logFieldFixtures);
      expect(fresh.requests).toEqual(['log-fields']);
    });

    it('rejects a log field catalogue of an unexpected shape', async () => {
      const odd = new FixtureDataSource(
        resourceFixtures,
        {},
        inspectorNameFixtures,
        [] as unknown as LogFieldCatalogue
      );
      await expect(odd.getLogFields()).rejects.toThrow('unexpected answer for log-fields');
    });

    it("rejects with the backend's message", async () => {
      const failing = new FixtureDataSource(resourceFixtures, {
        services: { status: 502, message: BAD_TOKEN_MESSAGE },
      });
      await expect(failing.getServices()).rejects.toThrow(BAD_TOKEN_MESSAGE);
    });
  });
});
