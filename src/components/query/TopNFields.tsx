import React, { useMemo, useState } from 'react';
import {
  Combobox,
  ComboboxOption,
  InlineField,
  InlineFieldRow,
  InlineSwitch,
  Input,
  RadioButtonGroup,
} from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import type { DataSource } from '../../datasource';
import { useResource } from '../../hooks/useResource';
import { TOP_N_DEFAULT_LIMIT, TOP_N_MAX_LIMIT, isValidTopNLimit } from '../../query/defaults';
import { QueryType, TopN, TopNOrder } from '../../types/query';
import { Metric } from '../../types/resources';
import { selectors } from '../selectors';

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

interface Props {
  datasource: DataSource;
  /** The query type whose metric catalogue names the metrics. */
  queryType: QueryType;
  refId: string;
  /** The query's metrics: top N ranks by one of them. */
  metrics: string[];
  value: TopN | undefined;
  onChange: (topN: TopN | undefined) => void;
  /** What the switch's tooltip says is ranked. */
  tooltip?: string;
}

/** Optional top N of a query: keeps the N series with the largest (or smallest) total of one metric. */
export function TopNFields({
  datasource,
  queryType,
  refId,
  metrics,
  value,
  onChange,
  tooltip = 'Keep only the N series (services) with the largest or smallest total over the time range.',
}: Props) {
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
            onChange(
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
              onChange={(option) => onChange({ ...value, metric: option.value })}
            />
          </InlineField>
          <LimitField refId={refId} value={value.limit} onChange={(limit) => onChange({ ...value, limit })} />
          <InlineField label={labels.topNOrder}>
            <RadioButtonGroup
              aria-label={labels.topNOrder}
              options={ORDERS}
              value={value.order}
              onChange={(order) => onChange({ ...value, order })}
            />
          </InlineField>
        </>
      )}
    </InlineFieldRow>
  );
}

interface LimitProps {
  refId: string;
  value: number;
  onChange: (limit: number) => void;
}

/** The number of series to keep, stored when the field loses focus and only if valid. */
function LimitField({ refId, value, onChange }: LimitProps) {
  const [text, setText] = useState(String(value));
  const limit = Number(text);
  const invalid = text.trim() === '' || !isValidTopNLimit(limit);
  const id = `fastly-top-n-limit-${refId}`;
  return (
    <InlineField
      label={labels.topNLimit}
      htmlFor={id}
      invalid={invalid}
      error={invalid ? `Use a whole number from 1 to ${TOP_N_MAX_LIMIT}` : undefined}
    >
      <Input
        id={id}
        data-testid={selectors.queryEditor.topNLimit}
        type="number"
        min={1}
        max={TOP_N_MAX_LIMIT}
        width={10}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={() => {
          if (!invalid && limit !== value) {
            onChange(limit);
          }
        }}
      />
    </InlineField>
  );
}
