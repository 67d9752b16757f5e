import React, { useMemo } from 'react';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, InlineSwitch } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { TOP_N_DEFAULT_LIMIT, TOP_N_MAX_LIMIT, isValidLimit } from '../../query/defaults';
import { QueryType, TopN, TopNOrder } from '../../types/query';
import { Metric } from '../../types/resources';
import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';
import { RadioField } from './RadioField';
import { RankedQuery, withTopN } from './rankedQuery';

const { labels } = selectors.queryEditor;

const ORDERS: Array<SelectableValue<TopNOrder>> = [
  { label: 'Largest', value: 'desc', description: 'Keep the series with the largest totals' },
  { label: 'Smallest', value: 'asc', description: 'Keep the series with the smallest totals' },
];

/** The query's metrics by their catalogue label with the id beneath; the id alone while loading or if unknown. */
function rankOptions(metrics: string[], catalogue: Metric[] | undefined): ComboboxOption[] {
  return metrics.map((metric) => {
    const label = catalogue?.find((entry) => entry.name === metric)?.label;
    return label === undefined ? { label: metric, value: metric } : { label, value: metric, description: metric };
  });
}

/** A ranked query of a query type whose metric catalogue names its metrics. */
interface TopNQuery extends RankedQuery {
  refId: string;
  queryType: QueryType;
}

interface Props<Q extends TopNQuery> {
  datasource: DataSource;
  query: Q;
  /** Called with the query holding the new top N, or without one. */
  onChange: (query: Q) => void;
  /** What the switch's tooltip says is ranked. */
  tooltip?: string;
}

/** Optional top N of a query: keeps the N series with the largest (or smallest) total of one metric. */
export function TopNFields<Q extends TopNQuery>({
  datasource,
  query,
  onChange,
  tooltip = 'Keep only the N series (services) with the largest or smallest total over the time range.',
}: Props<Q>) {
  const { refId, queryType, metrics, topN: value } = query;
  const change = (topN: TopN | undefined) => onChange(withTopN(query, topN));
  const switchId = `fastly-top-n-${refId}`;
  const params = useMemo(() => ({ queryType }), [queryType]);
  const catalogue = useResource(datasource, 'metrics', params);
  const options = useMemo(() => rankOptions(metrics, catalogue.value), [metrics, catalogue.value]);
  return (
    <InlineFieldRow>
      <InlineField
        label={labels.topN}
        labelWidth={14}
        htmlFor={switchId}
        disabled={metrics.length === 0}
        tooltip={tooltip}
      >
        <InlineSwitch
          id={switchId}
          data-testid={selectors.queryEditor.topN}
          value={value !== undefined}
          onChange={(event) =>
            change(
              event.currentTarget.checked
                ? { metric: metrics[0] ?? '', limit: TOP_N_DEFAULT_LIMIT, order: 'desc' }
                : undefined
            )
          }
        />
      </InlineField>
      {value && (
        <>
          <InlineField label={labels.topNMetric} htmlFor={`fastly-top-n-metric-${refId}`}>
            <Combobox
              id={`fastly-top-n-metric-${refId}`}
              data-testid={selectors.queryEditor.topNMetric}
              width={24}
              options={options}
              value={value.metric}
              onChange={(option) => change({ ...value, metric: option.value })}
            />
          </InlineField>
          <BlurInputField
            id={`fastly-top-n-limit-${refId}`}
            label={labels.topNLimit}
            testId={selectors.queryEditor.topNLimit}
            input={{ type: 'number', min: 1, max: TOP_N_MAX_LIMIT, width: 10 }}
            value={value.limit}
            format={String}
            parse={Number}
            validate={(text) =>
              text.trim() === '' || !isValidLimit('topN', Number(text))
                ? `Use a whole number from 1 to ${TOP_N_MAX_LIMIT}`
                : undefined
            }
            onChange={(limit) => change({ ...value, limit })}
          />
          <RadioField
            label={labels.topNOrder}
            labelWidth="auto"
            options={ORDERS}
            value={value.order}
            onChange={(order) => change({ ...value, order })}
          />
        </>
      )}
    </InlineFieldRow>
  );
}
