import React, { useMemo } from 'react';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { selectors } from '../selectors';
import { MultiSelectField } from './MultiSelectField';
import { serviceOptions } from './options';
import { resourceOptions } from './resourceOptions';

interface Props {
  datasource: DataSource;
  refId: string;
  value: string[];
  onChange: (services: string[]) => void;
  tooltip?: string;
  placeholder?: string;
  /** A problem with the chosen services, shown under the field. */
  error?: string;
}

/** Services shown by name and stored by id; template variables are offered too. */
export function ServicesField({ datasource, refId, value, onChange, tooltip, placeholder, error }: Props) {
  const state = useResource(datasource, 'services');
  const variables = useVariableOptions();
  const options = useMemo(() => resourceOptions(state, serviceOptions, variables), [state, variables]);
  return (
    <MultiSelectField
      id={`fastly-services-${refId}`}
      label={selectors.queryEditor.labels.services}
      tooltip={tooltip ?? 'Fastly services to query, by name. Leave empty for every service the token can see.'}
      testId={selectors.queryEditor.services}
      placeholder={placeholder ?? 'All services'}
      error={error}
      state={state}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
