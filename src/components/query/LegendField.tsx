import React, { useState } from 'react';
import { InlineField, Input } from '@grafana/ui';

import { selectors } from '../selectors';

/** The legend tokens every series-producing query type fills, in the order the tooltip lists them. */
const COMMON_TOKENS = ['service_name', 'service_id', 'metric', 'datacenter', 'pop_name', 'region'] as const;

interface Props {
  refId: string;
  /** Extra tokens of this query type, e.g. origin or domain. */
  extraTokens?: readonly string[];
  value: string | undefined;
  /** Called on blur with the trimmed legend, or undefined to remove it (empty input). */
  onChange: (legendFormat: string | undefined) => void;
}

/** The legend tokens named in the tooltip of a query type, as written in a legend. */
export function legendTokens(extraTokens: readonly string[] = []): string[] {
  return [...COMMON_TOKENS, ...extraTokens].map((token) => `{{${token}}}`);
}

/** An optional legend format naming each series from tokens; applied when the field loses focus. */
export function LegendField({ refId, extraTokens, value, onChange }: Props) {
  const id = `fastly-legend-${refId}`;
  const [text, setText] = useState(value ?? '');
  return (
    <InlineField
      label={selectors.queryEditor.labels.legendFormat}
      labelWidth={14}
      htmlFor={id}
      grow
      tooltip={`Series names from tokens: ${legendTokens(extraTokens).join(', ')}. A token without a value stays as written. Leave empty for the default names.`}
    >
      <Input
        id={id}
        data-testid={selectors.queryEditor.legendFormat}
        placeholder="Auto"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={() => {
          const next = text.trim() === '' ? undefined : text;
          if (next !== value) {
            onChange(next);
          }
        }}
      />
    </InlineField>
  );
}

/** Returns query with legendFormat set, or without the key when legendFormat is undefined. */
export function withLegend<Q extends { legendFormat?: string }>(query: Q, legendFormat: string | undefined): Q {
  const { legendFormat: _removed, ...rest } = query;
  return legendFormat === undefined ? (rest as Q) : ({ ...rest, legendFormat } as Q);
}
