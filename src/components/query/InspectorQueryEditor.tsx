import React, { useMemo } from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, ComboboxOption, InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import { useInspectorNames } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { inspectorDisabledMessage, inspectorProductName } from '../../inspector';
import { DOMAINS_GROUP_BYS, ORIGINS_GROUP_BYS } from '../../query/defaults';
import { DomainsQuery, InspectorQuery, InspectorSource, OriginsQuery } from '../../types/query';
import { InspectorProduct } from '../../types/resources';
import { selectors } from '../selectors';
import { DatacentersField } from './DatacentersField';
import { GranularityField } from './GranularityField';
import { MetricsField } from './MetricsField';
import { MultiSelectField } from './MultiSelectField';
import { RegionsField } from './RegionsField';
import { resourceOptions } from './resourceOptions';
import { ServicesField } from './ServicesField';
import { SubEditorProps } from './types';

const { labels } = selectors.queryEditor;

const SOURCES: Array<SelectableValue<InspectorSource>> = [
  { label: 'Auto', value: 'auto', description: 'Real-time for recent ranges, historical otherwise' },
  { label: 'Historical', value: 'historical', description: 'Minute, hour or day buckets' },
  { label: 'Real-time', value: 'realtime', description: 'Last minutes, 1-second data' },
];

const GROUP_BY_LABELS: Record<string, string> = {
  host: 'Origin host',
  domain: 'Domain',
  datacenter: 'POP',
  region: 'Region',
  source: 'Source (waf_, compute_, all_)',
};

const NO_NAMES = { loading: false } as const;

function groupByOptions(values: readonly string[]): ComboboxOption[] {
  return values.map((value) => ({ label: GROUP_BY_LABELS[value] ?? value, value }));
}

const ORIGINS_GROUP_BY_OPTIONS = groupByOptions(ORIGINS_GROUP_BYS);
const DOMAINS_GROUP_BY_OPTIONS = groupByOptions(DOMAINS_GROUP_BYS);

interface Props<Q extends InspectorQuery> extends SubEditorProps<Q> {
  product: InspectorProduct;
  /** The hosts (origins) or domains (domains) filter. */
  names: string[];
  onNamesChange: (names: string[]) => void;
  groupByOptions: ComboboxOption[];
  onGroupByChange: (groupBy: string[]) => void;
}

/** The fields both inspector query types share, with the entitlement banner of the first service on top. */
function InspectorQueryEditor<Q extends InspectorQuery>({
  datasource,
  query,
  onChange,
  product,
  names,
  onNamesChange,
  groupByOptions: groupByChoices,
  onGroupByChange,
}: Props<Q>) {
  const set = <K extends keyof InspectorQuery>(key: K, value: Q[K]) => onChange({ ...query, [key]: value });
  const namesState = useInspectorNames(datasource, product, query.services[0]);
  const variables = useVariableOptions();
  const nameOptions = useMemo(
    () => resourceOptions(namesState, (loaded) => loaded.values.map((value) => ({ label: value, value })), variables),
    [namesState, variables]
  );
  const disabled = namesState.value?.enabled === false;
  const productName = inspectorProductName(product);
  const namesLabel = product === 'origins' ? labels.hosts : labels.domains;

  return (
    <Stack direction="column" gap={0}>
      {disabled && (
        <div data-testid={selectors.queryEditor.inspectorBanner}>
          <Alert severity="warning" title={`${productName} is not available`}>
            {namesState.value?.message ?? inspectorDisabledMessage(product)}
          </Alert>
        </div>
      )}
      <InlineFieldRow>
        <ServicesField
          datasource={datasource}
          refId={query.refId}
          value={query.services}
          onChange={(services) => set('services', services)}
          tooltip={`Fastly services with ${productName} enabled, by name. The query runs once one is chosen.`}
          placeholder="Choose a service"
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MultiSelectField
          id={`fastly-${product}-names-${query.refId}`}
          label={namesLabel}
          tooltip={`${namesLabel} of the first service seen recently. Leave empty for all of them.`}
          testId={product === 'origins' ? selectors.queryEditor.hosts : selectors.queryEditor.domains}
          placeholder={query.services.length === 0 ? 'Choose a service first' : `All ${namesLabel.toLowerCase()}`}
          state={query.services.length === 0 ? NO_NAMES : namesState}
          options={nameOptions}
          value={names}
          onChange={onNamesChange}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MetricsField
          datasource={datasource}
          queryType={query.queryType}
          refId={query.refId}
          value={query.metrics}
          onChange={(metrics) => set('metrics', metrics)}
          tooltip={`Metrics of the ${productName} catalogue.`}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MultiSelectField
          id={`fastly-${product}-group-by-${query.refId}`}
          label={labels.groupBy}
          tooltip="One series per combination of these. Leave empty for the total."
          testId={selectors.queryEditor.inspectorGroupBy}
          placeholder="Total"
          state={NO_NAMES}
          options={groupByChoices}
          value={query.groupBy}
          onChange={onGroupByChange}
          createCustomValue={false}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <DatacentersField
          datasource={datasource}
          refId={query.refId}
          value={query.datacenters}
          onChange={(datacenters) => set('datacenters', datacenters)}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <RegionsField
          datasource={datasource}
          refId={query.refId}
          value={query.regions}
          onChange={(regions) => set('regions', regions)}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <GranularityField value={query.granularity} onChange={(granularity) => set('granularity', granularity)} />
        <InlineField
          label={labels.source}
          labelWidth={14}
          tooltip="Real-time answers from the live buffer: last minutes, 1-second data. Auto uses it for recent ranges."
        >
          <RadioButtonGroup
            aria-label={labels.source}
            options={SOURCES}
            value={query.source}
            onChange={(source) => set('source', source)}
          />
        </InlineField>
      </InlineFieldRow>
    </Stack>
  );
}

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return allowed.filter((entry) => values.includes(entry));
}

/** Editor of an Origin Inspector query. */
export function OriginsQueryEditor({ datasource, query, onChange }: SubEditorProps<OriginsQuery>) {
  return (
    <InspectorQueryEditor
      datasource={datasource}
      query={query}
      onChange={onChange}
      product="origins"
      names={query.hosts}
      onNamesChange={(hosts) => onChange({ ...query, hosts })}
      groupByOptions={ORIGINS_GROUP_BY_OPTIONS}
      onGroupByChange={(groupBy) => onChange({ ...query, groupBy: pick(groupBy, ORIGINS_GROUP_BYS) })}
    />
  );
}

/** Editor of a Domain Inspector query. */
export function DomainsQueryEditor({ datasource, query, onChange }: SubEditorProps<DomainsQuery>) {
  return (
    <InspectorQueryEditor
      datasource={datasource}
      query={query}
      onChange={onChange}
      product="domains"
      names={query.domains}
      onNamesChange={(domains) => onChange({ ...query, domains })}
      groupByOptions={DOMAINS_GROUP_BY_OPTIONS}
      onGroupByChange={(groupBy) => onChange({ ...query, groupBy: pick(groupBy, DOMAINS_GROUP_BYS) })}
    />
  );
}
