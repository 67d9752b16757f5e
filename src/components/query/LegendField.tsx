import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';

/** The legend tokens every series-producing query type fills, in the order the tooltip lists them. */
const COMMON_TOKENS = ['service_name', 'service_id', 'metric', 'datacenter', 'pop_name', 'region', 'pop_group'] as const;

/** A query whose series a legend format may name. */
interface LegendQuery {
  refId: string;
  legendFormat?: string;
}

interface Props<Q extends LegendQuery> {
  query: Q;
  /** Called on blur with the query holding the trimmed legend, or without one (empty input). */
  onChange: (query: Q) => void;
  /** Extra tokens of this query type, e.g. origin or domain. */
  extraTokens?: readonly string[];
}

/** The legend tokens named in the tooltip of a query type, as written in a legend. */
export function legendTokens(extraTokens: readonly string[] = []): string[] {
  return [...COMMON_TOKENS, ...extraTokens].map((token) => `{{${token}}}`);
}

/** An optional legend format naming each series from tokens, on a row of its own; applied when it loses focus. */
export function LegendField<Q extends LegendQuery>({ query, onChange, extraTokens }: Props<Q>) {
  return (
    <InlineFieldRow>
      <BlurInputField
        id={`fastly-legend-${query.refId}`}
        label={selectors.queryEditor.labels.legendFormat}
        labelWidth={14}
        grow
        tooltip={`Series names from tokens: ${legendTokens(extraTokens).join(', ')}. A token without a value stays as written. Leave empty for the default names.`}
        testId={selectors.queryEditor.legendFormat}
        input={{ placeholder: 'Auto' }}
        value={query.legendFormat}
        format={(legendFormat) => legendFormat ?? ''}
        parse={(text) => (text.trim() === '' ? undefined : text)}
        onChange={(legendFormat) => onChange(withLegend(query, legendFormat))}
      />
    </InlineFieldRow>
  );
}

/** Returns query with legendFormat set, or without the key when legendFormat is undefined. */
function withLegend<Q extends LegendQuery>(query: Q, legendFormat: string | undefined): Q {
  const { legendFormat: _removed, ...rest } = query;
  return legendFormat === undefined ? (rest as Q) : ({ ...rest, legendFormat } as Q);
}
