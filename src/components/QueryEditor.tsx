import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { normalizeQuery } from '../query/defaults';
import { FastlyDataSourceOptions } from '../types/options';
import { EDITOR_QUERY_TYPES, FastlyQuery, QueryType } from '../types/query';
import { editorFor, queryEditors } from './query/editors';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, FastlyQuery, FastlyDataSourceOptions>;

const QUERY_TYPE_OPTIONS: Array<SelectableValue<QueryType>> = EDITOR_QUERY_TYPES.map((value) => ({
  value,
  label: queryEditors[value].label,
  description: queryEditors[value].description,
}));

/**
 * The twelve query type buttons need more width in one line than Grafana's query pane often has: they wrap onto
 * further lines instead (the field shrinks to the row's width).
 */
const getStyles = (theme: GrafanaTheme2) => ({
  typeGroup: css({ flexWrap: 'wrap', height: 'auto', rowGap: theme.spacing(0.5) }),
});

/** Query type picker followed by the editor of the chosen type. */
export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  const styles = useStyles2(getStyles);
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
        <InlineField label={selectors.queryEditor.labels.queryType} labelWidth={14} shrink>
          <RadioButtonGroup
            className={styles.typeGroup}
            aria-label={selectors.queryEditor.labels.queryType}
            options={QUERY_TYPE_OPTIONS}
            value={current.queryType}
            onChange={changeType}
          />
        </InlineField>
      </InlineFieldRow>
      <editor.Component datasource={datasource} query={current} onChange={change} />
    </Stack>
  );
}
