import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';
import { SelectableValue } from '@grafana/data';

import { GroupBy, StatsQuery } from '../../types/query';
import { selectors } from '../selectors';
import { GranularityField } from './GranularityField';
import { LegendField } from './LegendField';
import { bindQuery } from './bindQuery';
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

const FIELDS = { services: SERVICES_FIELD, metrics: metricsField('stats') };

/** Editor of a Historical Stats query. */
export function StatsQueryEditor(props: SubEditorProps<StatsQuery>) {
  const { datasource, query, onChange } = props;
  const bind = bindQuery(query, onChange);
  /** Top N needs one series per service: the backend rejects it with groupBy none. */
  const topNAllowed = query.groupBy !== 'none';

  return (
    <Stack direction="column" gap={0}>
      <ServicesMetricsFields {...props} fields={FIELDS} topNAllowed={topNAllowed} />
      <InlineFieldRow>
        <ResourceSelect datasource={datasource} refId={query.refId} field={REGION_FIELD} {...bind('region')} />
        <GranularityField {...bind('granularity')} />
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
          tooltip="Divide counters by the bucket length: requests/s, bytes/s. Ratios and timings are unchanged."
          testId={selectors.queryEditor.perSecond}
          {...bind('perSecond')}
        />
      </InlineFieldRow>
      {topNAllowed && <TopNFields {...props} />}
      <LegendField {...props} />
    </Stack>
  );
}
