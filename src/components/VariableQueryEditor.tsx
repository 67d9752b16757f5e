import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { useDistinctChange } from '../hooks/useDistinctChange';
import { FastlyDataSourceOptions } from '../types/options';
import { FastlyQuery } from '../types/query';
import { FastlyVariableQuery, VariableKind } from '../types/variables';
import { normalizeVariableQuery, VARIABLE_KINDS } from '../variableQuery';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, FastlyQuery, FastlyDataSourceOptions, FastlyVariableQuery>;

const OPTIONS = [...VARIABLE_KINDS];

/** Chooses which Fastly list a dashboard variable holds. */
export function VariableQueryEditor({ query, onChange }: Props) {
  const current = normalizeVariableQuery(query);
  const changeKind = useDistinctChange<VariableKind>(current.kind, (kind) => onChange({ ...current, kind }));
  return (
    <InlineField
      label={selectors.variableEditor.labels.kind}
      labelWidth={14}
      htmlFor="fastly-variable-kind"
      tooltip="The list of values the variable offers"
    >
      <Combobox
        id="fastly-variable-kind"
        data-testid={selectors.variableEditor.kind}
        width={40}
        options={OPTIONS}
        value={current.kind}
        onChange={(option) => changeKind(option.value)}
      />
    </InlineField>
  );
}
