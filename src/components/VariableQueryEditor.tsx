import React, { useMemo } from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, InlineField, InlineFieldRow } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { useDistinctChange } from '../hooks/useDistinctChange';
import { useResource } from '../hooks/useResource';
import { useVariableOptions } from '../hooks/useVariableOptions';
import { FastlyDataSourceOptions } from '../types/options';
import { FastlyQuery } from '../types/query';
import { FastlyVariableQuery, VariableKind } from '../types/variables';
import { needsService, normalizeVariableQuery, VARIABLE_KINDS } from '../variableQuery';
import { serviceOptions } from './query/options';
import { resourceOptions } from './query/resourceOptions';
import { selectors } from './selectors';

type Props = QueryEditorProps<DataSource, FastlyQuery, FastlyDataSourceOptions, FastlyVariableQuery>;

const OPTIONS = [...VARIABLE_KINDS];

interface ServiceProps {
  datasource: DataSource;
  value: string;
  onChange: (service: string) => void;
}

/** The one service whose origin hosts or domains the variable lists; another variable such as $service works too. */
function VariableServiceField({ datasource, value, onChange }: ServiceProps) {
  const state = useResource(datasource, 'services');
  const variables = useVariableOptions();
  const options = useMemo(() => resourceOptions(state, serviceOptions, variables), [state, variables]);
  const change = useDistinctChange(value, onChange);
  const invalid = state.error !== undefined;
  return (
    <InlineField
      label={selectors.variableEditor.labels.service}
      labelWidth={14}
      htmlFor="fastly-variable-service"
      tooltip="The service whose origin hosts or domains to list"
      invalid={invalid}
      error={state.error}
    >
      <Combobox
        id="fastly-variable-service"
        data-testid={selectors.variableEditor.service}
        width={40}
        options={options}
        value={value === '' ? null : value}
        loading={state.loading}
        invalid={invalid}
        placeholder="Choose a service"
        createCustomValue
        onChange={(option) => change(option.value)}
      />
    </InlineField>
  );
}

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
        <VariableServiceField
          datasource={datasource}
          value={current.service ?? ''}
          onChange={(service) => onChange({ ...current, service })}
        />
      )}
    </InlineFieldRow>
  );
}
