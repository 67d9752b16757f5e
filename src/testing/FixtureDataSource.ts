import { DataSource } from '../datasource';
import { FastlyResources, InspectorNames, InspectorProduct, LogFieldCatalogue, ResourceKind } from '../types/resources';
import { inspectorMetricFixtures, inspectorNameFixtures, logFieldFixtures, resourceFixtures } from './fixtures';
import { instanceSettings } from './instanceSettings';

/** How a resource request fails: the status and the `{ error }` body the backend sends. */
export interface ResourceFailure {
  status: number;
  message: string;
}

export type FixturePath = ResourceKind | InspectorProduct | 'log-fields';

/** The real datasource, with `getResource` answered from fixtures instead of Grafana's backend. */
export class FixtureDataSource extends DataSource {
  /** Paths requested, in order, with their query string. */
  readonly requests: string[] = [];

  constructor(
    private readonly resources: FastlyResources = resourceFixtures,
    private readonly failures: Partial<Record<FixturePath, ResourceFailure>> = {},
    private readonly inspectors: Record<InspectorProduct, Record<string, InspectorNames>> = inspectorNameFixtures,
    private readonly logFields: LogFieldCatalogue = logFieldFixtures
  ) {
    super(instanceSettings());
  }

  getResource<T>(path: string, params?: Record<string, string>): Promise<T> {
    this.requests.push(params === undefined ? path : `${path}?${new URLSearchParams(params).toString()}`);
    const failure = this.failures[path as FixturePath];
    if (failure) {
      return Promise.reject({ status: failure.status, statusText: 'Error', data: { error: failure.message } });
    }
    if (path === 'log-fields') {
      return Promise.resolve(this.logFields as T);
    }
    if (path === 'origins' || path === 'domains') {
      return this.inspectorNames(path, params?.service ?? '') as Promise<T>;
    }
    if (!(path in this.resources)) {
      return Promise.reject({ status: 404, data: { error: `unknown resource ${path}` } });
    }
    const queryType = params?.queryType;
    if (path === 'metrics' && queryType !== undefined) {
      // Like the backend: the inspector catalogue, else the metrics the query type offers.
      const metrics =
        queryType === 'origins' || queryType === 'domains'
          ? inspectorMetricFixtures[queryType]
          : this.resources.metrics.filter((metric) => metric.queryTypes.includes(queryType));
      return Promise.resolve(metrics as T);
    }
    return Promise.resolve(this.resources[path as ResourceKind] as T);
  }

  private inspectorNames(product: InspectorProduct, service: string): Promise<InspectorNames> {
    const names = this.inspectors[product][service];
    if (!names) {
      return Promise.reject({ status: 400, data: { error: `unknown service ${service}` } });
    }
    return Promise.resolve(names);
  }
}
