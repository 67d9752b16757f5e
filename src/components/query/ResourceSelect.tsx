import React from 'react';
import { Combobox, InlineField } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { useDistinctChange } from '../../hooks/useDistinctChange';
import { ResourceKind } from '../../types/resources';
import { ResourceField } from './resourceFields';
import { useResourceOptions } from './resourceOptions';

interface Props<K extends ResourceKind> {
  datasource: DataSource;
  field: ResourceField<K>;
  /** The query's refId, appended to the element id; absent outside a query. */
  refId?: string;
  /** The chosen value; null shows the placeholder. */
  value: string | null;
  onChange: (value: string) => void;
  /** A problem with the chosen value, shown under the field; the resource's own error wins. */
  error?: string;
}

/** A dropdown of one value of a backend resource; typed values and template variables are accepted too. */
export function ResourceSelect<K extends ResourceKind>({ datasource, field, refId, value, onChange, error }: Props<K>) {
  const { state, options } = useResourceOptions(datasource, field);
  const change = useDistinctChange<string | null>(value, (next) => next !== null && onChange(next));
  const id = refId === undefined ? field.id : `${field.id}-${refId}`;
  const message = state.error ?? error;
  const invalid = message !== undefined;
  return (
    <InlineField
      label={field.label}
      labelWidth={14}
      tooltip={field.tooltip}
      htmlFor={id}
      invalid={invalid}
      error={message}
    >
      <Combobox
        id={id}
        data-testid={field.testId}
        width={field.width}
        options={options}
        value={value}
        loading={state.loading}
        invalid={invalid}
        placeholder={field.placeholder}
        createCustomValue
        onChange={(option) => change(option.value)}
      />
    </InlineField>
  );
}
