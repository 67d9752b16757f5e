import React from 'react';

import type { DataSource } from '../../datasource';
import { RankedQuery, withMetrics } from './rankedQuery';
import { ResourceField } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';

/** A query charting metrics of a choice of services. */
interface ServicesMetricsQuery extends RankedQuery {
  refId: string;
  services: string[];
}

interface Props<Q extends ServicesMetricsQuery> {
  datasource: DataSource;
  query: Q;
  onChange: (query: Q) => void;
  services: ResourceField<'services'>;
  metrics: ResourceField<'metrics'>;
  /** A problem with the chosen services, shown under the field. */
  servicesError?: string;
  /** Whether the query may keep a top N; true unless said otherwise. */
  topNAllowed?: boolean;
}

/** The services and metrics rows of a query; a metrics change keeps top N ranking by one of the metrics. */
export function ServicesMetricsFields<Q extends ServicesMetricsQuery>({
  datasource,
  query,
  onChange,
  services,
  metrics,
  servicesError,
  topNAllowed = true,
}: Props<Q>) {
  return (
    <>
      <ResourceMultiSelect
        datasource={datasource}
        field={services}
        refId={query.refId}
        value={query.services}
        onChange={(next) => onChange({ ...query, services: next })}
        error={servicesError}
      />
      <ResourceMultiSelect
        datasource={datasource}
        field={metrics}
        refId={query.refId}
        value={query.metrics}
        onChange={(next) => onChange(withMetrics(query, next, topNAllowed))}
      />
    </>
  );
}
