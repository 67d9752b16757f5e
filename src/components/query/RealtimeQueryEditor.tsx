import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineFieldRow, Stack } from '@grafana/ui';

import { REALTIME_MAX_SERVICES } from '../../query/defaults';
import { RealtimeGroupBy, RealtimeQuery } from '../../types/query';
import { selectors } from '../selectors';
import { LegendField } from './LegendField';
import { bindQuery } from './bindQuery';
import { RadioField } from './RadioField';
import { DATACENTERS_FIELD, metricsField, SERVICES_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { ServicesMetricsFields } from './ServicesMetricsFields';
import { TopNFields } from './TopNFields';
import { SubEditorProps } from './types';

const GROUP_BYS: Array<SelectableValue<RealtimeGroupBy>> = [
  { label: 'Sum', value: 'none', description: 'One series per metric, summed over the POPs' },
  { label: 'Per POP', value: 'datacenter', description: 'One series per POP, with its name, stats region, POP group and location' },
];

const FIELDS = {
  services: {
    ...SERVICES_FIELD,
    tooltip: `Fastly services to watch live, by name: 1 to ${REALTIME_MAX_SERVICES}. The query runs once one is chosen.`,
    placeholder: 'Choose services',
  },
  metrics: metricsField('realtime', 'Metrics of the Real-time Analytics API, one value per second.'),
};

/** Why the chosen services cannot be sent, shown under the field; undefined when they can. */
function realtimeServicesProblem(services: string[]): string | undefined {
  if (services.length === 0) {
    return `Choose a service: a real-time query runs only with 1 to ${REALTIME_MAX_SERVICES} services`;
  }
  return services.length > REALTIME_MAX_SERVICES
    ? `Real-time queries take at most ${REALTIME_MAX_SERVICES} services`
    : undefined;
}

/** Editor of a Real-time Analytics query: per-second data, streamed to dashboard panels. */
export function RealtimeQueryEditor(props: SubEditorProps<RealtimeQuery>) {
  const { datasource, query, onChange } = props;
  const bind = bindQuery(query, onChange);
  return (
    <Stack direction="column" gap={0}>
      <ServicesMetricsFields {...props} fields={FIELDS} servicesError={realtimeServicesProblem(query.services)} />
      <InlineFieldRow>
        <RadioField label={selectors.queryEditor.labels.groupBy} options={GROUP_BYS} {...bind('groupBy')} />
      </InlineFieldRow>
      <ResourceMultiSelect
        datasource={datasource}
        refId={query.refId}
        field={DATACENTERS_FIELD}
        {...bind('datacenters')}
      />
      <TopNFields
        {...props}
        tooltip="Keep only the N series with the largest or smallest total over the time range: services with Sum, service and POP pairs with Per POP."
      />
      <LegendField {...props} />
    </Stack>
  );
}
