import { DataSource } from '../datasource';
import { FastlyResources, ResourceKind } from '../types/resources';
import { resourceFixtures } from './fixtures';
import { instanceSettings } from './instanceSettings';

/** How a resource request fails: the status and the `{ error }` body the backend sends. */
export interface ResourceFailure {
  status: number;
  message: string;
}

/** The real datasource, with `getResource` answered from fixtures instead of Grafana's backend. */
export class FixtureDataSource extends DataSource {
  /** Paths requested, in order. */
  readonly requests: string[] = [];

  constructor(
    private readonly resources: FastlyResources = resourceFixtures,
    private readonly failures: Partial<Record<ResourceKind, ResourceFailure>> = {}
  ) {
    super(instanceSettings());
  }

  getResource<T>(path: string): Promise<T> {
    this.requests.push(path);
    const failure = this.failures[path as ResourceKind];
    if (failure) {
      return Promise.reject({ status: failure.status, statusText: 'Error', data: { error: failure.message } });
    }
    if (!(path in this.resources)) {
      return Promise.reject({ status: 404, data: { error: `unknown resource ${path}` } });
    }
    return Promise.resolve(this.resources[path as ResourceKind] as T);
  }
}
