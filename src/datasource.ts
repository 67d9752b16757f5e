import {
  CoreApp,
  DataQueryRequest,
  DataSourceInstanceSettings,
  DataSourceWithQueryModificationSupport,
  DataSourceWithSupplementaryQueriesSupport,
  DataSourceWithToggleableQueryFiltersSupport,
  QueryFilterOptions,
  QueryFixAction,
  ScopedVars,
  SupplementaryQueryOptions,
  SupplementaryQueryType,
  ToggleFilterAction,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv } from '@grafana/runtime';

import { LOG_QUERY_MODIFICATIONS, logQueryHasFilter, modifyLogQuery, toggleLogFilter } from './logs/logFilters';
import { logVolumeQuery, logVolumeRequest } from './logs/logVolume';
import { DEFAULT_STATS_QUERY, DEFAULT_VERSIONS_QUERY, isQueryComplete, normalizeQuery } from './query/defaults';
import { resourceErrorMessage } from './resourceError';
import { interpolateQuery } from './templating';
import { FastlyDataSourceOptions } from './types/options';
import { FastlyQuery, QueryType, StatsQuery } from './types/query';
import {
  Datacenter,
  FastlyResources,
  InspectorNames,
  InspectorProduct,
  LogFieldCatalogue,
  Metric,
  ResourceKind,
  Service,
} from './types/resources';
import { FastlyVariableSupport } from './variableSupport';

export class DataSource
  extends DataSourceWithBackend<FastlyQuery, FastlyDataSourceOptions>
  implements
    DataSourceWithSupplementaryQueriesSupport<FastlyQuery>,
    DataSourceWithToggleableQueryFiltersSupport<FastlyQuery>,
    DataSourceWithQueryModificationSupport<FastlyQuery>
{
  constructor(instanceSettings: DataSourceInstanceSettings<FastlyDataSourceOptions>) {
    super(instanceSettings);
    this.variables = new FastlyVariableSupport(this);
    // Annotations run through the backend and are edited with the query editor; a new one shows deploys.
    this.annotations = {
      getDefaultQuery: () => ({ ...DEFAULT_VERSIONS_QUERY, services: [] }),
    };
  }

  getDefaultQuery(_app: CoreApp): Omit<StatsQuery, 'refId'> {
    return { ...DEFAULT_STATS_QUERY, services: [], metrics: [...DEFAULT_STATS_QUERY.metrics] };
  }

  filterQuery(query: FastlyQuery): boolean {
    return !query.hide && isQueryComplete(normalizeQuery(query));
  }

  applyTemplateVariables(query: FastlyQuery, scopedVars: ScopedVars): FastlyQuery {
    return interpolateQuery(getTemplateSrv(), normalizeQuery(query), scopedVars);
  }

  /** Explore's log volume of logs queries: counted by the backend over the whole range (logVolume). */
  getSupportedSupplementaryQueryTypes(): SupplementaryQueryType[] {
    return [SupplementaryQueryType.LogsVolume];
  }

  getSupplementaryQuery(options: SupplementaryQueryOptions, query: FastlyQuery): FastlyQuery | undefined {
    return logVolumeQuery(options, query);
  }

  getSupplementaryRequest(
    type: SupplementaryQueryType,
    request: DataQueryRequest<FastlyQuery>
  ): DataQueryRequest<FastlyQuery> | undefined {
    return logVolumeRequest(type, request);
  }

  /** Log details' "filter for value" and "filter out value" on a logs query. */
  toggleQueryFilter(query: FastlyQuery, filter: ToggleFilterAction): FastlyQuery {
    return toggleLogFilter(query, filter);
  }

  queryHasFilter(query: FastlyQuery, filter: QueryFilterOptions): boolean {
    return logQueryHasFilter(query, filter);
  }

  modifyQuery(query: FastlyQuery, action: QueryFixAction): FastlyQuery {
    return modifyLogQuery(query, action);
  }

  getSupportedQueryModifications(): string[] {
    return [...LOG_QUERY_MODIFICATIONS];
  }

  /** Services the token can see, sorted by name. */
  getServices(): Promise<Service[]> {
    return this.loadResource('services');
  }

  /** The metric catalogue; with a query type, only the metrics that query type offers. */
  async getMetrics(queryType?: QueryType): Promise<Metric[]> {
    if (queryType === undefined) {
      return this.loadResource('metrics');
    }
    const metrics = await this.loadResource('metrics', { queryType });
    return metrics.filter((metric) => metric.queryTypes.includes(queryType));
  }

  /** Fastly stats regions. */
  getRegions(): Promise<string[]> {
    return this.loadResource('regions');
  }

  /** Fastly POPs. */
  getDatacenters(): Promise<Datacenter[]> {
    return this.loadResource('datacenters');
  }

  /** The fields of the sampled request logs (which filter, which group) and the filter operators. */
  async getLogFields(): Promise<LogFieldCatalogue> {
    const body = await this.fetchResource('log-fields');
    if (!isLogFieldCatalogue(body)) {
      throw new Error('The plugin backend sent an unexpected answer for log-fields');
    }
    return body;
  }

  /**
   * The origin hosts (origins) or domains (domains) of one service, and whether the add-on is enabled for it;
   * the service may be a template variable.
   */
  async getInspectorNames(product: InspectorProduct, service: string): Promise<InspectorNames> {
    // The resource takes one service: a multi-value variable stands for its first value.
    const id = getTemplateSrv().replace(service, undefined, 'csv').split(',')[0].trim();
    const body = await this.fetchResource(product, { service: id });
    if (!isInspectorNames(body)) {
      throw new Error(`The plugin backend sent an unexpected answer for ${product}`);
    }
    return body;
  }

  /** Fetches a list resource; failures reject with the backend's readable message. */
  async loadResource<K extends ResourceKind>(kind: K, params?: Record<string, string>): Promise<FastlyResources[K]> {
    const body = await this.fetchResource(kind, params);
    if (!Array.isArray(body)) {
      throw new Error(`The plugin backend sent an unexpected answer for ${kind}`);
    }
    return body as FastlyResources[K];
  }

  private async fetchResource(path: string, params?: Record<string, string>): Promise<unknown> {
    try {
      return await this.getResource<unknown>(path, params, { showErrorAlert: false });
    } catch (err) {
      throw new Error(resourceErrorMessage(err));
    }
  }
}

function isInspectorNames(body: unknown): body is InspectorNames {
  return (
    typeof body === 'object' &&
    body !== null &&
    'enabled' in body &&
    typeof body.enabled === 'boolean' &&
    'values' in body &&
    Array.isArray(body.values)
  );
}

function isLogFieldCatalogue(body: unknown): body is LogFieldCatalogue {
  return (
    typeof body === 'object' &&
    body !== null &&
    'fields' in body &&
    Array.isArray(body.fields) &&
    'operators' in body &&
    Array.isArray(body.operators)
  );
}
