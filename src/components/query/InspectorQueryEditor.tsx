import React, { useMemo } from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, ComboboxOption, InlineField, InlineFieldRow, RadioButtonGroup, Stack } from '@grafana/ui';

import { ResourceState, ServiceInspectorNames, useInspectorNames, useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { inspectorProductName } from '../../inspector';
import { DOMAINS_GROUP_BYS, ORIGINS_GROUP_BYS } from '../../query/defaults';
import { DomainsQuery, InspectorQuery, InspectorSource, OriginsQuery } from '../../types/query';
import { InspectorProduct, Service } from '../../types/resources';
import { selectors } from '../selectors';
import { DatacentersField } from './DatacentersField';
import { GranularityField } from './GranularityField';
import { LegendField, withLegend } from './LegendField';
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
  source: 'Made by: All / VCL / WAF / Compute',
};

const NO_NAMES = { loading: false } as const;

function groupByOptions(values: readonly string[]): ComboboxOption[] {
  return values.map((value) => ({ label: GROUP_BY_LABELS[value] ?? value, value }));
}

const ORIGINS_GROUP_BY_OPTIONS = groupByOptions(ORIGINS_GROUP_BYS);
const DOMAINS_GROUP_BY_OPTIONS = groupByOptions(DOMAINS_GROUP_BYS);

/**
 * The hosts or domains of all selected services as one list: loading until every service answered, the union of
 * the enabled services' values, and an error only when no service could be checked.
 */
function combineNames(results: ServiceInspectorNames[]): ResourceState<string[]> {
  if (results.some(({ state }) => state.loading)) {
    return { loading: true };
  }
  const answered = results.flatMap(({ state }) => (state.value === undefined ? [] : [state.value]));
  const failure = results.find(({ state }) => state.error !== undefined);
  if (answered.length === 0 && failure !== undefined) {
    return { loading: false, error: failure.state.error };
  }
  const values = answered.filter((names) => names.enabled).flatMap((names) => names.values);
  return { loading: false, value: Array.from(new Set(values)) };
}

interface DisabledService {
  service: string;
  message: string;
}

/** The selected services without the add-on, each with the backend's message or one naming the service. */
function disabledServices(
  results: ServiceInspectorNames[],
  product: InspectorProduct,
  services: Service[] | undefined
): DisabledService[] {
  return results.flatMap(({ service, state }) => {
    if (state.value?.enabled !== false) {
      return [];
    }
    const name = services?.find((entry) => entry.id === service)?.name ?? service;
    return [{ service, message: state.value.message ?? `${inspectorProductName(product)} is not enabled for ${name}` }];
  });
}

interface Props<Q extends InspectorQuery> extends SubEditorProps<Q> {
  product: InspectorProduct;
  /** The hosts (origins) or domains (domains) filter. */
  names: string[];
  onNamesChange: (names: string[]) => void;
  groupByOptions: ComboboxOption[];
  onGroupByChange: (groupBy: string[]) => void;
}

/** The fields both inspector query types share, with a banner listing the selected services without the add-on. */
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
  const results = useInspectorNames(datasource, product, query.services);
  const namesState = useMemo(() => combineNames(results), [results]);
  const servicesState = useResource(datasource, 'services');
  const variables = useVariableOptions();
  const nameOptions = useMemo(
    () => resourceOptions(namesState, (loaded) => loaded.map((value) => ({ label: value, value })), variables),
    [namesState, variables]
  );
  const productName = inspectorProductName(product);
  const disabled = useMemo(
    () => disabledServices(results, product, servicesState.value),
    [results, product, servicesState.value]
  );
  const namesLabel = product === 'origins' ? labels.hosts : labels.domains;

  return (
    <Stack direction="column" gap={0}>
      {disabled.length > 0 && (
        <div data-testid={selectors.queryEditor.inspectorBanner}>
          <Alert
            severity="warning"
            title={
              disabled.length < results.length
                ? `${productName} is not available for ${disabled.length} of ${results.length} services`
                : `${productName} is not available`
            }
          >
            <ul>
              {disabled.map(({ service, message }) => (
                <li key={service}>{message}</li>
              ))}
            </ul>
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
          error={
            query.services.length === 0
              ? `Choose a service: ${productName} queries run only once one is chosen`
              : undefined
          }
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MultiSelectField
          id={`fastly-${product}-names-${query.refId}`}
          label={namesLabel}
          tooltip={`${namesLabel} seen recently on the selected services with ${productName}. Leave empty for all of them.`}
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
      <InlineFieldRow>
        <LegendField
          refId={query.refId}
          extraTokens={[product === 'origins' ? 'origin' : 'domain']}
          value={query.legendFormat}
          onChange={(legendFormat) => onChange(withLegend(query, legendFormat))}
        />
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
