import React, { useMemo } from 'react';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { selectors } from '../selectors';
import { MultiSelectField } from './MultiSelectField';
import { datacenterOptions } from './options';
import { resourceOptions } from './resourceOptions';

interface Props {
  datasource: DataSource;
  refId: string;
  value: string[];
  onChange: (datacenters: string[]) => void;
}

/** POPs shown as "CODE – Name" and stored by code; empty means every POP. */
export function DatacentersField({ datasource, refId, value, onChange }: Props) {
  const state = useResource(datasource, 'datacenters');
  const variables = useVariableOptions();
  const options = useMemo(() => resourceOptions(state, datacenterOptions, variables), [state, variables]);
  return (
    <MultiSelectField
      id={`fastly-datacenters-${refId}`}
      label={selectors.queryEditor.labels.datacenters}
      tooltip="Fastly POPs (datacenters) to keep. Leave empty for every POP."
      testId={selectors.queryEditor.datacenters}
      placeholder="All POPs"
      state={state}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
