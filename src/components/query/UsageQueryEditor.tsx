import React, { useState } from 'react';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import { isValidMonth } from '../../query/defaults';
import { UsageBy, UsageQuery } from '../../types/query';
import { selectors } from '../selectors';
import { RegionField } from './RegionField';
import { SwitchField } from './SwitchField';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const USAGE_BYS: Array<SelectableValue<UsageBy>> = [
  { label: 'Region', value: 'region', description: 'Totals per region over the dashboard time range' },
  { label: 'Service', value: 'service', description: 'Totals per service and region over the dashboard time range' },
  { label: 'Month', value: 'month', description: 'Totals of one calendar month, per service' },
];

/** Editor of a usage and billing query. */
export function UsageQueryEditor({ datasource, query, onChange }: SubEditorProps<UsageQuery>) {
  const set = <K extends keyof UsageQuery>(key: K, value: UsageQuery[K]) => onChange({ ...query, [key]: value });
  const byMonth = query.usageBy === 'month';

  const changeUsageBy = (usageBy: UsageBy) =>
    onChange(usageBy === 'month' ? { ...query, usageBy } : { ...query, usageBy, month: '', billableUnits: false });

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label={labels.usageBy} labelWidth={14}>
          <RadioButtonGroup
            aria-label={labels.usageBy}
            options={USAGE_BYS}
            value={query.usageBy}
            onChange={changeUsageBy}
          />
        </InlineField>
        {byMonth && <MonthField refId={query.refId} value={query.month} onChange={(month) => set('month', month)} />}
      </InlineFieldRow>
      <InlineFieldRow>
        <RegionField
          datasource={datasource}
          refId={query.refId}
          value={query.region}
          onChange={(region) => set('region', region)}
        />
        {byMonth && (
          <SwitchField
            id={`fastly-billable-units-${query.refId}`}
            label={labels.billableUnits}
            labelWidth={16}
            tooltip="Bandwidth in GB and requests in tens of thousands, as on the Fastly invoice."
            testId={selectors.queryEditor.billableUnits}
            value={query.billableUnits}
            onChange={(billableUnits) => set('billableUnits', billableUnits)}
          />
        )}
      </InlineFieldRow>
    </Stack>
  );
}

interface MonthProps {
  refId: string;
  value: string;
  onChange: (month: string) => void;
}

/** A YYYY-MM month, stored when the field loses focus and only if valid; empty means the month of the range end. */
function MonthField({ refId, value, onChange }: MonthProps) {
  const [text, setText] = useState(value);
  const month = text.trim();
  const invalid = month !== '' && !isValidMonth(month);
  const id = `fastly-month-${refId}`;
  return (
    <InlineField
      label={labels.month}
      labelWidth={10}
      htmlFor={id}
      invalid={invalid}
      error={invalid ? 'Use YYYY-MM, e.g. 2026-03' : undefined}
      tooltip="Calendar month, YYYY-MM. Leave empty for the month the dashboard time range ends in."
    >
      <Input
        id={id}
        data-testid={selectors.queryEditor.month}
        width={14}
        placeholder="YYYY-MM"
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={() => {
          if (!invalid && month !== value) {
            onChange(month);
          }
        }}
      />
    </InlineField>
  );
}
