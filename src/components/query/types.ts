import { ComponentType } from 'react';

import type { DataSource } from '../../datasource';
import { FastlyQuery } from '../../types/query';

export interface SubEditorProps<Q extends FastlyQuery> {
  datasource: DataSource;
  query: Q;
  /** Stores the query and runs it. */
  onChange: (query: Q) => void;
}

/** The editor of one query type. */
export interface SubEditor<Q extends FastlyQuery> {
  label: string;
  description: string;
  /** A new query of this type, without its refId. */
  defaults: Omit<Q, 'refId'>;
  Component: ComponentType<SubEditorProps<Q>>;
}
