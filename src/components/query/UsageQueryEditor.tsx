import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import { isValidMonth } from '../../query/defaults';
import { UsageBy, UsageQuery } from '../../types/query';
import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';
import { bindQuery } from './bindQuery';
import { RadioField } from './RadioField';
import { REGION_FIELD } from './resourceFields';
import { ResourceSelect } from './ResourceSelect';
import { SwitchField } from './SwitchField';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const USAGE_BYS: Array<SelectableValue<UsageBy>> = [
  { label: 'Region', value: 'region', description: 'Totals per region over the dashboard time range' },
  { label: 'Service', value: 'service', description: 'Totals per service and region over the dashboard time range' },
  { label: 'Month', value: 'month', description: 'Totals of one calendar month, per service' },
];

/** Why a typed month is not valid; undefined when it is, or empty (the month of the range end). */
function monthProblem(text: string): string | undefined {
  const month = text.trim();
  return month !== '' && !isValidMonth(month) ? 'Use YYYY-MM, e.g. 2026-03' : undefined;
}

/** Editor of a usage and billing query. */
export function UsageQueryEditor({ datasource, query, onChange }: SubEditorProps<UsageQuery>) {
  const bind = bindQuery(query, onChange);
  const byMonth = query.usageBy === 'month';

  const changeUsageBy = (usageBy: UsageBy) =>
    onChange(usageBy === 'month' ? { ...query, usageBy } : { ...query, usageBy, month: '', billableUnits: false });

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <RadioField label={labels.usageBy} options={USAGE_BYS} value={query.usageBy} onChange={changeUsageBy} />
        {byMonth && (
          <BlurInputField
            id={`fastly-month-${query.refId}`}
            label={labels.month}
            labelWidth={10}
            tooltip="Calendar month, YYYY-MM. Leave empty for the month the dashboard time range ends in."
            testId={selectors.queryEditor.month}
            input={{ width: 14, placeholder: 'YYYY-MM' }}
            format={String}
            parse={(text) => text.trim()}
            validate={monthProblem}
            {...bind('month')}
          />
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <ResourceSelect datasource={datasource} refId={query.refId} field={REGION_FIELD} {...bind('region')} />
        {byMonth && (
          <SwitchField
            id={`fastly-billable-units-${query.refId}`}
            label={labels.billableUnits}
            labelWidth={16}
            tooltip="Bandwidth in GB and requests in tens of thousands, as on the Fastly invoice."
            testId={selectors.queryEditor.billableUnits}
            {...bind('billableUnits')}
          />
        )}
      </InlineFieldRow>
    </Stack>
  );
}
