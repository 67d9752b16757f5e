import React, { useMemo } from 'react';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { selectors } from '../selectors';
import { MultiSelectField } from './MultiSelectField';
import { regionOptions } from './options';
import { resourceOptions } from './resourceOptions';

interface Props {
  datasource: DataSource;
  refId: string;
  value: string[];
  onChange: (regions: string[]) => void;
}

/** Several stats regions; empty means every region. */
export function RegionsField({ datasource, refId, value, onChange }: Props) {
  const state = useResource(datasource, 'regions');
  const variables = useVariableOptions();
  const options = useMemo(() => resourceOptions(state, regionOptions, variables), [state, variables]);
  return (
    <MultiSelectField
      id={`fastly-regions-${refId}`}
      label={selectors.queryEditor.labels.regions}
      tooltip="Fastly stats regions to keep. Leave empty for every region."
      testId={selectors.queryEditor.regions}
      placeholder="All regions"
      state={state}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
