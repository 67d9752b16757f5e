import React, { useMemo } from 'react';
import { Combobox, InlineField } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { useDistinctChange } from '../../hooks/useDistinctChange';
import { useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { selectors } from '../selectors';
import { ALL_REGIONS_OPTION, regionOptions } from './options';
import { resourceOptions } from './resourceOptions';

interface Props {
  datasource: DataSource;
  refId: string;
  value: string;
  onChange: (region: string) => void;
}

/** One stats region, or all of them. */
export function RegionField({ datasource, refId, value, onChange }: Props) {
  const state = useResource(datasource, 'regions');
  const variables = useVariableOptions();
  const options = useMemo(
    () => [ALL_REGIONS_OPTION, ...resourceOptions(state, regionOptions, variables)],
    [state, variables]
  );
  const change = useDistinctChange(value, onChange);
  const id = `fastly-region-${refId}`;
  const invalid = state.error !== undefined;
  return (
    <InlineField
      label={selectors.queryEditor.labels.region}
      labelWidth={14}
      tooltip="Fastly stats region the traffic was served in."
      htmlFor={id}
      invalid={invalid}
      error={state.error}
    >
      <Combobox
        id={id}
        data-testid={selectors.queryEditor.region}
        width={30}
        options={options}
        value={value}
        loading={state.loading}
        invalid={invalid}
        createCustomValue
        onChange={(option) => change(option.value)}
      />
    </InlineField>
  );
}
