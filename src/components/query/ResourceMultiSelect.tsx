import React from 'react';

import type { DataSource } from '../../datasource';
import { ResourceKind } from '../../types/resources';
import { MultiSelectField } from './MultiSelectField';
import { ResourceField } from './resourceFields';
import { useResourceOptions } from './resourceOptions';

interface Props<K extends ResourceKind> {
  datasource: DataSource;
  field: ResourceField<K>;
  refId: string;
  value: string[];
  onChange: (value: string[]) => void;
  /** A problem with the chosen values, shown under the field. */
  error?: string;
}

/** A multi-select of the values of a backend resource, template variables included; empty means all of them. */
export function ResourceMultiSelect<K extends ResourceKind>({
  datasource,
  field,
  refId,
  value,
  onChange,
  error,
}: Props<K>) {
  const { state, options } = useResourceOptions(datasource, field);
  return (
    <MultiSelectField
      id={`${field.id}-${refId}`}
      label={field.label}
      tooltip={field.tooltip}
      testId={field.testId}
      placeholder={field.placeholder ?? ''}
      error={error}
      state={state}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
