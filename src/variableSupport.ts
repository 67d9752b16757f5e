import { CustomVariableSupport, DataQueryRequest, DataQueryResponse, MetricFindValue } from '@grafana/data';
import { from, Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { inspectorDisabledMessage } from './inspector';
import { InspectorProduct } from './types/resources';
import { FastlyVariableQuery, VariableKind } from './types/variables';
import { normalizeVariableQuery } from './variableQuery';

type ValueLoader = (datasource: DataSource, service: string) => Promise<MetricFindValue[]>;

/** The hosts or domains of one service; fails with the backend's message when the add-on is not enabled. */
async function inspectorValues(ds: DataSource, product: InspectorProduct, service: string): Promise<MetricFindValue[]> {
  if (service.trim() === '') {
    return [];
  }
  const names = await ds.getInspectorNames(product, service);
  if (!names.enabled) {
    throw new Error(names.message ?? inspectorDisabledMessage(product));
  }
  return names.values.map((value) => ({ text: value, value }));
}

const loaders: Record<VariableKind, ValueLoader> = {
  services: async (ds) => (await ds.getServices()).map((service) => ({ text: service.name, value: service.id })),
  metrics: async (ds) => (await ds.getMetrics()).map((metric) => ({ text: metric.label, value: metric.name })),
  regions: async (ds) => (await ds.getRegions()).map((region) => ({ text: region, value: region })),
  datacenters: async (ds) =>
    (await ds.getDatacenters()).map((dc) => ({ text: `${dc.code} – ${dc.name}`, value: dc.code })),
  hosts: (ds, service) => inspectorValues(ds, 'origins', service),
  domains: (ds, service) => inspectorValues(ds, 'domains', service),
};

/** The values of a dashboard variable of the given kind; hosts and domains are those of `service`. */
export function variableValues(datasource: DataSource, kind: VariableKind, service = ''): Promise<MetricFindValue[]> {
  return loaders[kind](datasource, service);
}

/** Dashboard variables listing services, metrics, regions, POPs, or the origin hosts or domains of a service. */
export class FastlyVariableSupport extends CustomVariableSupport<DataSource, FastlyVariableQuery> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  query(request: DataQueryRequest<FastlyVariableQuery>): Observable<DataQueryResponse> {
    const { kind, service } = normalizeVariableQuery(request.targets[0]);
    return from(variableValues(this.datasource, kind, service).then((data) => ({ data })));
  }
}
