import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import { REALTIME_MAX_SERVICES } from '../../query/defaults';
import { RealtimeGroupBy, RealtimeQuery } from '../../types/query';
import { selectors } from '../selectors';
import { DatacentersField } from './DatacentersField';
import { LegendField, withLegend } from './LegendField';
import { MetricsField } from './MetricsField';
import { withMetrics, withTopN } from './rankedQuery';
import { ServicesField } from './ServicesField';
import { TopNFields } from './TopNFields';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const GROUP_BYS: Array<SelectableValue<RealtimeGroupBy>> = [
  { label: 'Sum', value: 'none', description: 'One series per metric, summed over the POPs' },
  { label: 'Per POP', value: 'datacenter', description: 'One series per POP, with its name, region and location' },
];

/** Why the chosen services cannot be sent, shown under the field; undefined when they can. */
export function realtimeServicesProblem(services: string[]): string | undefined {
  if (services.length === 0) {
    return `Choose a service: a real-time query runs only with 1 to ${REALTIME_MAX_SERVICES} services`;
  }
  return services.length > REALTIME_MAX_SERVICES
    ? `Real-time queries take at most ${REALTIME_MAX_SERVICES} services`
    : undefined;
}

/** Editor of a Real-time Analytics query: per-second data, streamed to dashboard panels. */
export function RealtimeQueryEditor({ datasource, query, onChange }: SubEditorProps<RealtimeQuery>) {
  const set = <K extends keyof RealtimeQuery>(key: K, value: RealtimeQuery[K]) => onChange({ ...query, [key]: value });

  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <ServicesField
          datasource={datasource}
          refId={query.refId}
          value={query.services}
          onChange={(services) => set('services', services)}
          tooltip={`Fastly services to watch live, by name: 1 to ${REALTIME_MAX_SERVICES}. The query runs once one is chosen.`}
          placeholder="Choose services"
          error={realtimeServicesProblem(query.services)}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MetricsField
          datasource={datasource}
          queryType={query.queryType}
          refId={query.refId}
          value={query.metrics}
          onChange={(metrics) => onChange(withMetrics(query, metrics))}
          tooltip="Metrics of the Real-time Analytics API, one value per second."
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField label={labels.groupBy} labelWidth={14}>
          <RadioButtonGroup
            aria-label={labels.groupBy}
            options={GROUP_BYS}
            value={query.groupBy}
            onChange={(groupBy) => set('groupBy', groupBy)}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <DatacentersField
          datasource={datasource}
          refId={query.refId}
          value={query.datacenters}
          onChange={(datacenters) => set('datacenters', datacenters)}
        />
      </InlineFieldRow>
      <TopNFields
        datasource={datasource}
        queryType={query.queryType}
        refId={query.refId}
        metrics={query.metrics}
        value={query.topN}
        onChange={(topN) => onChange(withTopN(query, topN))}
        tooltip="Keep only the N series with the largest or smallest total over the time range: services with Sum, service and POP pairs with Per POP."
      />
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
