import React, { useMemo } from 'react';
import { SelectableValue } from '@grafana/data';
import { ComboboxOption, InlineFieldRow, Stack } from '@grafana/ui';

import { useLogFields, useResource } from '../../hooks/useResource';
import { LOG_GROUP_BYS } from '../../types/declarations';
import { LogGroupBy, LogMetricsFormat, LogMetricsQuery } from '../../types/query';
import { LogFieldCatalogue, Metric } from '../../types/resources';
import { selectors } from '../selectors';
import { bindQuery } from './bindQuery';
import { LegendField } from './LegendField';
import { LogFiltersField, logFieldOptions } from './LogFiltersField';
import { LogLimitField, logLimitRange } from './LogLimitField';
import { LogServiceField } from './LogServiceField';
import { RadioField } from './RadioField';
import { metricsField } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { resourceOptions } from './resourceOptions';
import { SelectField } from './SelectField';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const FORMATS: Array<SelectableValue<LogMetricsFormat>> = [
  { label: 'Table', value: 'table', description: 'One row per group over the whole range' },
  { label: 'Time series', value: 'timeseries', description: 'One series per group and metric' },
];

const ORDERS: Array<SelectableValue<boolean>> = [
  { label: 'Largest first', value: true },
  { label: 'Smallest first', value: false },
];

const METRICS_FIELD = metricsField(
  'logMetrics',
  'Edge response time (seconds) and response sizes (bytes) from the sampled logs: average, min, max, p95, p99.'
);

const NO_GROUPING: ComboboxOption = { label: 'None', value: '', description: 'One row or series for the service' };

const groupByOptions = (catalogue: LogFieldCatalogue) => logFieldOptions(catalogue, 'groupable');

/** The query's metrics by their catalogue label; "" (the first metric) leads. */
function sortOptions(metrics: string[], catalogue: Metric[] | undefined): ComboboxOption[] {
  const named = metrics.map((metric) => ({
    label: catalogue?.find((entry) => entry.name === metric)?.label ?? metric,
    value: metric,
    description: metric,
  }));
  return [{ label: 'First metric', value: '' }, ...named];
}

function groupByOf(value: string): LogGroupBy | undefined {
  return value === '' ? '' : LOG_GROUP_BYS.find((field) => field === value);
}

/** Editor of a log metrics query: response times and sizes of one service's sampled logs, per group. */
export function LogMetricsQueryEditor(props: SubEditorProps<LogMetricsQuery>) {
  const { datasource, query, onChange } = props;
  const bind = bindQuery(query, onChange);
  const fields = useLogFields(datasource);
  const groupBys = useMemo(() => [NO_GROUPING, ...resourceOptions(fields, groupByOptions)], [fields]);
  const catalogue = useResource(datasource, 'metrics', METRICS_FIELD.params);
  const sorts = useMemo(() => sortOptions(query.metrics, catalogue.value), [query.metrics, catalogue.value]);
  const table = query.format === 'table';

  const changeMetrics = (metrics: string[]) =>
    onChange({ ...query, metrics, sortBy: metrics.includes(query.sortBy) ? query.sortBy : '' });

  return (
    <Stack direction="column" gap={0}>
      <LogServiceField {...props} />
      <ResourceMultiSelect
        datasource={datasource}
        refId={query.refId}
        field={METRICS_FIELD}
        value={query.metrics}
        onChange={changeMetrics}
        error={query.metrics.length === 0 ? 'Choose a metric' : undefined}
      />
      <InlineFieldRow>
        <RadioField label={labels.format} options={FORMATS} {...bind('format')} />
      </InlineFieldRow>
      <SelectField
        id={`fastly-log-group-by-${query.refId}`}
        label={labels.groupBy}
        tooltip="One row (table) or series (time series) per value of this field, e.g. per POP."
        testId={selectors.queryEditor.logGroupBy}
        width={30}
        options={groupBys}
        state={fields}
        parse={groupByOf}
        {...bind('groupBy')}
      />
      <LogFiltersField catalogue={fields} refId={query.refId} allowNeq={false} {...bind('filters')} />
      <InlineFieldRow>
        <LogLimitField
          queryType="logMetrics"
          refId={query.refId}
          tooltip={`Most groups: ${logLimitRange('logMetrics')}.`}
          {...bind('limit')}
        />
      </InlineFieldRow>
      {table && (
        <>
          <SelectField
            id={`fastly-sort-by-${query.refId}`}
            label={labels.sortBy}
            tooltip="The metric rows are sorted by."
            testId={selectors.queryEditor.sortBy}
            width={24}
            options={sorts}
            parse={(metric) => metric}
            {...bind('sortBy')}
          />
          <InlineFieldRow>
            <RadioField label={labels.sortOrder} options={ORDERS} {...bind('sortDesc')} />
          </InlineFieldRow>
        </>
      )}
      {!table && <LegendField {...props} extraTokens={query.groupBy === '' ? [] : [query.groupBy]} />}
    </Stack>
  );
}
