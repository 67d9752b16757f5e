import React, { useMemo } from 'react';
import { ComboboxOption, InlineFieldRow, Stack } from '@grafana/ui';

import { useResource } from '../../hooks/useResource';
import { INSIGHTS_VISUALIZATIONS } from '../../types/declarations';
import { InsightsQuery } from '../../types/query';
import { LogVisualization } from '../../types/resources';
import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';
import { bindQuery } from './bindQuery';
import { LogLimitField, logLimitRange } from './LogLimitField';
import { LogServiceField } from './LogServiceField';
import { DATACENTERS_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { resourceOptions } from './resourceOptions';
import { SwitchField } from './SwitchField';
import { SelectField } from './SelectField';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const visualizationOptions = (visualizations: LogVisualization[]): ComboboxOption[] =>
  visualizations.map(({ value, label, description }) => ({ value, label, description }));

/** Editor of a Log Insights query: a ranked report of one service's sampled request logs. */
export function InsightsQueryEditor(props: SubEditorProps<InsightsQuery>) {
  const { datasource, query, onChange } = props;
  const bind = bindQuery(query, onChange);
  const visualizations = useResource(datasource, 'log-visualizations');
  const options = useMemo(() => resourceOptions(visualizations, visualizationOptions), [visualizations]);

  return (
    <Stack direction="column" gap={0}>
      <LogServiceField {...props} />
      <SelectField
        id={`fastly-visualization-${query.refId}`}
        label={labels.visualization}
        tooltip="What to rank: pages by requests, bandwidth or response time, failing pages, status codes, countries, browsers… Estimates from sampled logs; exact counts come from Historical stats."
        testId={selectors.queryEditor.visualization}
        width={40}
        options={options}
        state={visualizations}
        parse={(value) => INSIGHTS_VISUALIZATIONS.find((entry) => entry === value)}
        {...bind('visualization')}
      />
      <InlineFieldRow>
        <LogLimitField
          queryType="insights"
          refId={query.refId}
          tooltip={`Most rows of the report: ${logLimitRange('insights')}.`}
          {...bind('limit')}
        />
      </InlineFieldRow>
      <ResourceMultiSelect
        datasource={datasource}
        refId={query.refId}
        field={DATACENTERS_FIELD}
        {...bind('datacenters')}
      />
      <InlineFieldRow>
        <BlurInputField
          id={`fastly-domain-${query.refId}`}
          label={labels.domain}
          labelWidth={14}
          tooltip="Only requests to this domain. Leave empty for every domain of the service. Template variables work."
          testId={selectors.queryEditor.domain}
          input={{ width: 24, placeholder: 'All domains' }}
          format={String}
          parse={(text) => text.trim()}
          {...bind('domain')}
        />
        <SwitchField
          id={`fastly-domain-exact-${query.refId}`}
          label={labels.domainExactMatch}
          labelWidth={14}
          tooltip="On: the domain must match exactly. Off: its subdomains match too."
          testId={selectors.queryEditor.domainExactMatch}
          {...bind('domainExactMatch')}
        />
      </InlineFieldRow>
    </Stack>
  );
}
