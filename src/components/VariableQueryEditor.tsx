import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { useDistinctChange } from '../hooks/useDistinctChange';
import { FastlyDataSourceOptions } from '../types/options';
import { FastlyQuery } from '../types/query';
import { FastlyVariableQuery, VariableKind } from '../types/variables';
import { needsService, normalizeVariableQuery, VARIABLE_KINDS } from '../variableQuery';
import { serviceOptions } from './query/options';
import { ResourceField } from './query/resourceFields';
import { ResourceSelect } from './query/ResourceSelect';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, FastlyQuery, FastlyDataSourceOptions, FastlyVariableQuery>;

const OPTIONS = [...VARIABLE_KINDS];

/** The one service whose origin hosts or domains the variable lists; another variable such as $service works too. */
const SERVICE_FIELD: ResourceField<'services'> = {
  kind: 'services',
  toOptions: serviceOptions,
  id: 'fastly-variable-service',
  label: selectors.variableEditor.labels.service,
  tooltip: 'The service whose origin hosts or domains to list',
  testId: selectors.variableEditor.service,
  placeholder: 'Choose a service',
  width: 40,
};

/** Chooses which Fastly list a dashboard variable holds, and for hosts and domains of which service. */
export function VariableQueryEditor({ datasource, query, onChange }: Props) {
  const current = normalizeVariableQuery(query);
  const changeKind = useDistinctChange<VariableKind>(current.kind, (kind) =>
    onChange(normalizeVariableQuery({ ...current, kind }))
  );
  return (
    <InlineFieldRow>
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
      {needsService(current.kind) && (
        <ResourceSelect
          datasource={datasource}
          field={SERVICE_FIELD}
          value={current.service || null}
          onChange={(service) => onChange({ ...current, service })}
        />
      )}
    </InlineFieldRow>
  );
}
