import React, { useMemo } from 'react';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { QueryType } from '../../types/query';
import { selectors } from '../selectors';
import { MultiSelectField } from './MultiSelectField';
import { metricOptions } from './options';
import { resourceOptions } from './resourceOptions';

interface Props {
  datasource: DataSource;
  queryType: QueryType;
  refId: string;
  value: string[];
  onChange: (metrics: string[]) => void;
  tooltip?: string;
}

/** Metrics of the query type from the backend's catalogue, grouped, with unit and description. */
export function MetricsField({ datasource, queryType, refId, value, onChange, tooltip }: Props) {
  const params = useMemo(() => ({ queryType }), [queryType]);
  const state = useResource(datasource, 'metrics', params);
  const variables = useVariableOptions();
  const options = useMemo(
    () => resourceOptions(state, (metrics) => metricOptions(metrics, queryType), variables),
    [state, queryType, variables]
  );
  return (
    <MultiSelectField
      id={`fastly-metrics-${refId}`}
      label={selectors.queryEditor.labels.metrics}
      tooltip={tooltip ?? 'Each metric becomes one series per service (or one summed series).'}
      testId={selectors.queryEditor.metrics}
      placeholder="Choose metrics"
      state={state}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}
