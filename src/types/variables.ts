import { DataQuery } from '@grafana/schema';

import { VariableResourceKind } from './resources';

/** Which list a dashboard variable of this datasource holds; event types and log reports are picked in the editors only. */
export type VariableKind = VariableResourceKind | 'hosts' | 'domains';

export interface FastlyVariableQuery extends DataQuery {
  kind: VariableKind;
  /** The service whose origin hosts or domains a `hosts` or `domains` variable lists; may be a variable. */
  service?: string;
}
