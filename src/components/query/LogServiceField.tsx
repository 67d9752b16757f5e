import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { SERVICE_FIELD } from './resourceFields';
import { ResourceSelect } from './ResourceSelect';

/** A query over the sampled logs of one service. */
interface LogServiceQuery {
  refId: string;
  services: string[];
}

interface Props<Q extends LogServiceQuery> {
  datasource: DataSource;
  query: Q;
  onChange: (query: Q) => void;
}

/** Why the services cannot be sent, shown under the field; undefined when they can. */
function serviceProblem(services: string[]): string | undefined {
  if (services.length === 0) {
    return 'Choose a service: log queries run once one is chosen';
  }
  return services.length > 1 ? `Log queries read one service, not ${services.length}: choose one` : undefined;
}

/** The one service of a Log Explorer & Insights query. */
export function LogServiceField<Q extends LogServiceQuery>({ datasource, query, onChange }: Props<Q>) {
  return (
    <InlineFieldRow>
      <ResourceSelect
        datasource={datasource}
        refId={query.refId}
        field={SERVICE_FIELD}
        value={query.services[0] ?? null}
        onChange={(service) => onChange({ ...query, services: [service] })}
        error={serviceProblem(query.services)}
      />
    </InlineFieldRow>
  );
}
