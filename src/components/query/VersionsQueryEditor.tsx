import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { VersionsQuery } from '../../types/query';
import { ServicesField } from './ServicesField';
import { SubEditorProps } from './types';

/** Editor of a deploy annotation query: the services whose version deployments to show. */
export function VersionsQueryEditor({ datasource, query, onChange }: SubEditorProps<VersionsQuery>) {
  return (
    <InlineFieldRow>
      <ServicesField
        datasource={datasource}
        refId={query.refId}
        value={query.services}
        onChange={(services) => onChange({ ...query, services })}
      />
    </InlineFieldRow>
  );
}
