import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { from, Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { FastlyVariableQuery, VariableKind } from './types/variables';
import { normalizeVariableQuery } from './variableQuery';

type ValueLoader = (datasource: DataSource) => Promise<MetricFindValue[]>;

const loaders: Record<VariableKind, ValueLoader> = {
  services: async (ds) => (await ds.getServices()).map((service) => ({ text: service.name, value: service.id })),
  metrics: async (ds) => (await ds.getMetrics()).map((metric) => ({ text: metric.label, value: metric.name })),
  regions: async (ds) => (await ds.getRegions()).map((region) => ({ text: region, value: region })),
  datacenters: async (ds) =>
    (await ds.getDatacenters()).map((dc) => ({ text: `${dc.code} – ${dc.name}`, value: dc.code })),
};

/** The values of a dashboard variable of the given kind. */
export function variableValues(datasource: DataSource, kind: VariableKind): Promise<MetricFindValue[]> {
  return loaders[kind](datasource);
}

/** Dashboard variables listing services, metrics, regions or POPs. */
export class FastlyVariableSupport extends CustomVariableSupport<DataSource, FastlyVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<FastlyVariableQuery>): Observable<DataQueryResponse> {
    const { kind } = normalizeVariableQuery(request.targets[0]);
    return from(variableValues(this.datasource, kind).then((data) => ({ data })));
  }
}
