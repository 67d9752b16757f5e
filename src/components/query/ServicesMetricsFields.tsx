import React, { ReactNode } from 'react';

import type { DataSource } from '../../datasource';
import { bindQuery } from './bindQuery';
import { RankedQuery, withMetrics } from './rankedQuery';
import { ResourceField } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';

/** A query charting metrics of a choice of services. */
interface ServicesMetricsQuery extends RankedQuery {
  refId: string;
  services: string[];
}

/** The services and metrics dropdowns of a query type. */
export interface ServicesMetrics {
  services: ResourceField<'services'>;
  metrics: ResourceField<'metrics'>;
}

interface Props<Q extends ServicesMetricsQuery> {
  datasource: DataSource;
  query: Q;
  onChange: (query: Q) => void;
  fields: ServicesMetrics;
  /** A problem with the chosen services, shown under the field. */
  servicesError?: string;
  /** Whether the query may keep a top N; true unless said otherwise. */
  topNAllowed?: boolean;
  /** Rows shown between the services and the metrics: filters that depend on the chosen services. */
  children?: ReactNode;
}

/** The services and metrics rows of a query; a metrics change keeps top N ranking by one of the metrics. */
export function ServicesMetricsFields<Q extends ServicesMetricsQuery>({
  datasource,
  query,
  onChange,
  fields,
  servicesError,
  topNAllowed = true,
  children,
}: Props<Q>) {
  const resources = { datasource, refId: query.refId };
  return (
    <>
      <ResourceMultiSelect
        {...resources}
        field={fields.services}
        {...bindQuery<Q, ServicesMetricsQuery>(query, onChange)('services')}
        error={servicesError}
      />
      {children}
      <ResourceMultiSelect
        {...resources}
        field={fields.metrics}
        value={query.metrics}
        onChange={(metrics) => onChange(withMetrics(query, metrics, topNAllowed))}
      />
    </>
  );
}
