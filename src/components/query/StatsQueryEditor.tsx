import React from 'react';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import { GroupBy, StatsQuery } from '../../types/query';
import { selectors } from '../selectors';
import { GranularityField } from './GranularityField';
import { LegendField, withLegend } from './LegendField';
import { MetricsField } from './MetricsField';
import { withMetrics, withTopN } from './rankedQuery';
import { RegionField } from './RegionField';
import { ServicesField } from './ServicesField';
import { SwitchField } from './SwitchField';
import { TopNFields } from './TopNFields';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const GROUP_BYS: Array<SelectableValue<GroupBy>> = [
  { label: 'Per service', value: 'service', description: 'One series per service and metric' },
  { label: 'Sum', value: 'none', description: 'One series per metric, summed over the selected services' },
];

/** Editor of a Historical Stats query. */
export function StatsQueryEditor({ datasource, query, onChange }: SubEditorProps<StatsQuery>) {
  const set = <K extends keyof StatsQuery>(key: K, value: StatsQuery[K]) => onChange({ ...query, [key]: value });

  /** Top N needs one series per service: the backend rejects it with groupBy none. */
  const topNAllowed = (q: StatsQuery) => q.groupBy !== 'none';

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ServicesField
          datasource={datasource}
          refId={query.refId}
          value={query.services}
          onChange={(services) => set('services', services)}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MetricsField
          datasource={datasource}
          queryType={query.queryType}
          refId={query.refId}
          value={query.metrics}
          onChange={(metrics) => onChange(withMetrics(query, metrics, topNAllowed(query)))}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <RegionField
          datasource={datasource}
          refId={query.refId}
          value={query.region}
          onChange={(region) => set('region', region)}
        />
        <GranularityField value={query.granularity} onChange={(granularity) => set('granularity', granularity)} />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label={labels.groupBy} labelWidth={14}>
          <RadioButtonGroup
            aria-label={labels.groupBy}
            options={GROUP_BYS}
            value={query.groupBy}
            onChange={(groupBy) => onChange(withTopN({ ...query, groupBy }, query.topN, groupBy !== 'none'))}
          />
        </InlineField>
        <SwitchField
          id={`fastly-per-second-${query.refId}`}
          label={labels.perSecond}
          labelWidth={14}
          tooltip="Divide counters by the bucket length: requests/s, bytes/s. Ratios and timings are unchanged."
          testId={selectors.queryEditor.perSecond}
          value={query.perSecond}
          onChange={(perSecond) => set('perSecond', perSecond)}
        />
      </InlineFieldRow>
      {query.groupBy !== 'none' && (
        <TopNFields
          datasource={datasource}
          queryType={query.queryType}
          refId={query.refId}
          metrics={query.metrics}
          value={query.topN}
          onChange={(topN) => onChange(withTopN(query, topN, topNAllowed(query)))}
        />
      )}
      <InlineFieldRow>
        <LegendField
          refId={query.refId}
          value={query.legendFormat}
          onChange={(legendFormat) => onChange(withLegend(query, legendFormat))}
        />
      </InlineFieldRow>
    </Stack>
  );
}
