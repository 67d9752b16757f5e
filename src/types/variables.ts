import { DataQuery } from '@grafana/schema';

import { ResourceKind } from './resources';

/** Which list a dashboard variable of this datasource holds. */
export type VariableKind = ResourceKind;

export interface FastlyVariableQuery extends DataQuery {
  kind: VariableKind;
}
