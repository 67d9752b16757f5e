import { DataQueryRequest } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { setTemplateSrv } from '@grafana/runtime';

import { BAD_TOKEN_MESSAGE, ORIGIN_INSPECTOR_DISABLED_MESSAGE, resourceFixtures } from './testing/fixtures';
import { FakeTemplateSrv } from './testing/FakeTemplateSrv';
import { FixtureDataSource } from './testing/FixtureDataSource';
import { FastlyVariableQuery, VariableKind } from './types/variables';
import { FastlyVariableSupport } from './variableSupport';

function request(kind?: VariableKind, service?: string): DataQueryRequest<FastlyVariableQuery> {
  const target = kind === undefined ? { refId: 'v' } : { refId: 'v', kind, service };
  return { targets: [target] } as DataQueryRequest<FastlyVariableQuery>;
}

async function values(ds: FixtureDataSource, kind?: VariableKind, service?: string) {
  return (await lastValueFrom(new FastlyVariableSupport(ds).query(request(kind, service)))).data;
}

describe('template variables', () => {
  const ds = new FixtureDataSource();

  it("is the datasource's variable support", () => {
    expect(ds.variables).toBeInstanceOf(FastlyVariableSupport);
  });

  it('lists services by name with their id as value', async () => {
    expect(await values(ds, 'services')).toEqual([
      { text: 'api.example.com', value: 'SU1Z0isxPaozGVKXdv0eY' },
      { text: 'Delivery', value: 'kKJb5bOFI47uHeBVluGfX1' },
      { text: 'edge-compute', value: 'XsjdElScZGjmfCcTwsYRC1' },
    ]);
  });

  it('lists services for a new variable without a kind', async () => {
    expect(await values(ds)).toHaveLength(resourceFixtures.services.length);
  });

  it('lists metrics by label with their name as value', async () => {
    expect(await values(ds, 'metrics')).toContainEqual({ text: 'Hit ratio', value: 'hit_ratio' });
  });

  it('lists regions', async () => {
    expect(await values(ds, 'regions')).toEqual([
      { text: 'europe', value: 'europe' },
      { text: 'usa', value: 'usa' },
      { text: 'asia', value: 'asia' },
    ]);
  });

  it('lists POPs as "CODE – Name" with the code as value', async () => {
    expect(await values(ds, 'datacenters')).toEqual([
      { text: 'LHR – London', value: 'LHR' },
      { text: 'SJC – San Jose', value: 'SJC' },
    ]);
  });

  it("fails with the backend's message", async () => {
    const failing = new FixtureDataSource(resourceFixtures, { regions: { status: 502, message: BAD_TOKEN_MESSAGE } });
    await expect(values(failing, 'regions')).rejects.toThrow(BAD_TOKEN_MESSAGE);
  });

  describe('origin hosts and domains of one service', () => {
    beforeEach(() => {
      setTemplateSrv(new FakeTemplateSrv({ service: 'SU1Z0isxPaozGVKXdv0eY' }));
    });

    it('lists the origin hosts the resource reports for the service', async () => {
      const fresh = new FixtureDataSource();
      expect(await values(fresh, 'hosts', 'SU1Z0isxPaozGVKXdv0eY')).toEqual([
        { text: 'origin-a.example.com', value: 'origin-a.example.com' },
        { text: 'origin-b.example.com', value: 'origin-b.example.com' },
      ]);
      expect(fresh.requests).toEqual(['origins?service=SU1Z0isxPaozGVKXdv0eY']);
    });

    it('lists the domains of the service another variable names', async () => {
      const fresh = new FixtureDataSource();
      expect(await values(fresh, 'domains', '$service')).toEqual([
        { text: 'api.example.com', value: 'api.example.com' },
        { text: 'www.example.com', value: 'www.example.com' },
      ]);
      expect(fresh.requests).toEqual(['domains?service=SU1Z0isxPaozGVKXdv0eY']);
    });

    it('lists nothing, without asking, until a service is chosen', async () => {
      const fresh = new FixtureDataSource();
      expect(await values(fresh, 'hosts')).toEqual([]);
      expect(fresh.requests).toEqual([]);
    });

    it("fails with the backend's message when Origin Inspector is not enabled", async () => {
      await expect(values(ds, 'hosts', 'kKJb5bOFI47uHeBVluGfX1')).rejects.toThrow(ORIGIN_INSPECTOR_DISABLED_MESSAGE);
      await expect(values(ds, 'hosts', 'XsjdElScZGjmfCcTwsYRC1')).rejects.toThrow(
        'Origin Inspector is not enabled for this service'
      );
    });
  });
});
