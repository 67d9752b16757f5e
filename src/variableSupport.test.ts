import { DataQueryRequest } from '@grafana/data';
import { lastValueFrom } from 'rxjs';

import { BAD_TOKEN_MESSAGE, resourceFixtures } from './testing/fixtures';
import { FixtureDataSource } from './testing/FixtureDataSource';
import { FastlyVariableQuery, VariableKind } from './types/variables';
import { FastlyVariableSupport } from './variableSupport';

function request(kind?: VariableKind): DataQueryRequest<FastlyVariableQuery> {
  const target = kind === undefined ? { refId: 'v' } : { refId: 'v', kind };
  return { targets: [target] } as DataQueryRequest<FastlyVariableQuery>;
}

async function values(ds: FixtureDataSource, kind?: VariableKind) {
  return (await lastValueFrom(new FastlyVariableSupport(ds).query(request(kind)))).data;
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
});
