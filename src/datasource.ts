import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { DEFAULT_STATS_QUERY, DEFAULT_VERSIONS_QUERY, isQueryComplete, normalizeQuery } from './query/defaults';
import { resourceErrorMessage } from './resourceError';
import { interpolateQuery } from './templating';
import { FastlyDataSourceOptions } from './types/options';
import { FastlyQuery, StatsQuery } from './types/query';
import { Datacenter, FastlyResources, Metric, ResourceKind, Service } from './types/resources';
import { FastlyVariableSupport } from './variableSupport';

export class DataSource extends DataSourceWithBackend<FastlyQuery, FastlyDataSourceOptions> {
  constructor(instanceSettings: DataSourceInstanceSettings<FastlyDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new FastlyVariableSupport(this);
    // Annotations run through the backend and are edited with the query editor; a new one shows deploys.
    this.annotations = {
      getDefaultQuery: () => ({ ...DEFAULT_VERSIONS_QUERY, services: [] }),
    };
  }

  getDefaultQuery(_app: CoreApp): Partial<StatsQuery> {
    return { ...DEFAULT_STATS_QUERY, services: [], metrics: [...DEFAULT_STATS_QUERY.metrics] };
  }

  filterQuery(query: FastlyQuery): boolean {
    return !query.hide && isQueryComplete(normalizeQuery(query));
  }

  applyTemplateVariables(query: FastlyQuery, scopedVars: ScopedVars): FastlyQuery {
    return interpolateQuery(getTemplateSrv(), normalizeQuery(query), scopedVars);
  }

  /** Services the token can see, sorted by name. */
  getServices(): Promise<Service[]> {
    return this.loadResource('services');
  }

  /** The metric catalogue. */
  getMetrics(): Promise<Metric[]> {
    return this.loadResource('metrics');
  }

  /** Fastly stats regions. */
  getRegions(): Promise<string[]> {
    return this.loadResource('regions');
  }

  /** Fastly POPs. */
  getDatacenters(): Promise<Datacenter[]> {
    return this.loadResource('datacenters');
  }

  /** Fetches a list resource; failures reject with the backend's readable message. */
  async loadResource<K extends ResourceKind>(kind: K): Promise<FastlyResources[K]> {
    let body: unknown;
    try {
      body = await this.getResource<unknown>(kind, undefined, { showErrorAlert: false });
    } catch (err) {
      throw new Error(resourceErrorMessage(err));
    }
    if (!Array.isArray(body)) {
      throw new Error(`The plugin backend sent an unexpected answer for ${kind}`);
    }
    return body as FastlyResources[K];
  }
}
