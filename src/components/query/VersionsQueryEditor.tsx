import React from 'react';

import { VersionsQuery } from '../../types/query';
import { SERVICES_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { SubEditorProps } from './types';

/** Editor of a deploy annotation query: the services whose version deployments to show. */
export function VersionsQueryEditor({ datasource, query, onChange }: SubEditorProps<VersionsQuery>) {
  return (
    <ResourceMultiSelect
      datasource={datasource}
      field={SERVICES_FIELD}
      refId={query.refId}
      value={query.services}
      onChange={(services) => onChange({ ...query, services })}
    />
  );
}
