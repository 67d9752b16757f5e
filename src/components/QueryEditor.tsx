import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { normalizeQuery } from '../query/defaults';
import { FastlyDataSourceOptions } from '../types/options';
import { FastlyQuery, QueryType } from '../types/query';
import { editorFor, queryEditors } from './query/editors';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, FastlyQuery, FastlyDataSourceOptions>;

const QUERY_TYPES: Array<SelectableValue<QueryType>> = Object.entries(queryEditors).map(([value, editor]) => ({
  value: value as QueryType,
  label: editor.label,
  description: editor.description,
}));

/** Query type picker followed by the editor of the chosen type. */
export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const current = normalizeQuery(query);
  const editor = editorFor(current.queryType);

  const change = (next: FastlyQuery) => {
    onChange(next);
    onRunQuery();
  };

  const changeType = (queryType: QueryType) => {
    const { refId, hide, key, datasource: ref } = current;
    change({ ...editorFor(queryType).defaults, refId, hide, key, datasource: ref } as FastlyQuery);
  };

  return (
    <Stack direction="column" gap={1}>
      <InlineFieldRow>
        <InlineField label={selectors.queryEditor.labels.queryType} labelWidth={14}>
          <RadioButtonGroup
            aria-label={selectors.queryEditor.labels.queryType}
            options={QUERY_TYPES}
            value={current.queryType}
            onChange={changeType}
          />
        </InlineField>
      </InlineFieldRow>
      <editor.Component datasource={datasource} query={current} onChange={change} />
    </Stack>
  );
}
