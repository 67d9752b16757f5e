import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import { GroupBy, StatsQuery } from '../../types/query';
import { selectors } from '../selectors';
import { GranularityField } from './GranularityField';
import { LegendField } from './LegendField';
import { querySetter } from './querySetter';
import { RadioField } from './RadioField';
import { withTopN } from './rankedQuery';
import { metricsField, REGION_FIELD, SERVICES_FIELD } from './resourceFields';
import { ResourceSelect } from './ResourceSelect';
import { ServicesMetricsFields } from './ServicesMetricsFields';
import { SwitchField } from './SwitchField';
import { TopNFields } from './TopNFields';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const GROUP_BYS: Array<SelectableValue<GroupBy>> = [
  { label: 'Per service', value: 'service', description: 'One series per service and metric' },
  { label: 'Sum', value: 'none', description: 'One series per metric, summed over the selected services' },
];

const METRICS = metricsField('stats');

/** Editor of a Historical Stats query. */
export function StatsQueryEditor({ datasource, query, onChange }: SubEditorProps<StatsQuery>) {
  const set = querySetter(query, onChange);
  /** Top N needs one series per service: the backend rejects it with groupBy none. */
  const topNAllowed = query.groupBy !== 'none';

  return (
    <Stack direction="column" gap={0}>
      <ServicesMetricsFields
        datasource={datasource}
        query={query}
        onChange={onChange}
        services={SERVICES_FIELD}
        metrics={METRICS}
        topNAllowed={topNAllowed}
      />
      <InlineFieldRow>
        <ResourceSelect
          datasource={datasource}
          field={REGION_FIELD}
          refId={query.refId}
          value={query.region}
          onChange={set('region')}
        />
        <GranularityField value={query.granularity} onChange={set('granularity')} />
      </InlineFieldRow>
      <InlineFieldRow>
        <RadioField
          label={labels.groupBy}
          options={GROUP_BYS}
          value={query.groupBy}
          onChange={(groupBy) => onChange(withTopN({ ...query, groupBy }, query.topN, groupBy !== 'none'))}
        />
        <SwitchField
          id={`fastly-per-second-${query.refId}`}
          label={labels.perSecond}
          labelWidth={14}
          tooltip="Divide counters by the bucket length: requests/s, bytes/s. Ratios and timings are unchanged."
          testId={selectors.queryEditor.perSecond}
          value={query.perSecond}
          onChange={set('perSecond')}
        />
      </InlineFieldRow>
      {topNAllowed && <TopNFields datasource={datasource} query={query} onChange={onChange} />}
      <LegendField query={query} onChange={onChange} />
    </Stack>
  );
}
