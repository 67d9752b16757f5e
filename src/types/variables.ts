import { DataQuery } from '@grafana/schema';

import { ResourceKind } from './resources';

/** Which list a dashboard variable of this datasource holds; event types are picked in the annotation editor only. */
export type VariableKind = Exclude<ResourceKind, 'event-types'> | 'hosts' | 'domains';

export interface FastlyVariableQuery extends DataQuery {
  kind: VariableKind;
  /** The service whose origin hosts or domains a `hosts` or `domains` variable lists; may be a variable. */
  service?: string;
}
