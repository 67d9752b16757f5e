import React, { useMemo } from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, ComboboxOption, InlineFieldRow, Stack } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { ResourceState, ServiceInspectorNames, useInspectorNames, useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { inspectorProductName } from '../../inspector';
import { DOMAINS_GROUP_BYS, ORIGINS_GROUP_BYS } from '../../query/defaults';
import { DomainsQuery, InspectorQuery, InspectorSource, OriginsQuery } from '../../types/query';
import { InspectorProduct, Service } from '../../types/resources';
import { selectors } from '../selectors';
import { GranularityField } from './GranularityField';
import { LegendField } from './LegendField';
import { MultiSelectField } from './MultiSelectField';
import { bindQuery } from './bindQuery';
import { RadioField } from './RadioField';
import { DATACENTERS_FIELD, metricsField, REGIONS_FIELD, SERVICES_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { resourceOptions } from './resourceOptions';
import { ServicesMetrics, ServicesMetricsFields } from './ServicesMetricsFields';
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

/** What an inspector editor shows of its product. */
interface ProductFields extends ServicesMetrics {
  /** The label and test id of the hosts (origins) or domains (domains) filter. */
  namesLabel: string;
  namesTestId: string;
  groupByOptions: ComboboxOption[];
  /** The legend token naming a series' host or domain. */
  legendToken: string;
}

/** The fields of one inspector product, built once. */
function productFields(product: InspectorProduct, groupBys: readonly string[]): ProductFields {
  const productName = inspectorProductName(product);
  return {
    services: {
      ...SERVICES_FIELD,
      tooltip: `Fastly services with ${productName} enabled, by name. The query runs once one is chosen.`,
      placeholder: 'Choose a service',
    },
    metrics: metricsField(product, `Metrics of the ${productName} catalogue.`),
    namesLabel: product === 'origins' ? labels.hosts : labels.domains,
    namesTestId: product === 'origins' ? selectors.queryEditor.hosts : selectors.queryEditor.domains,
    groupByOptions: groupBys.map((value) => ({ label: GROUP_BY_LABELS[value] ?? value, value })),
    legendToken: product === 'origins' ? 'origin' : 'domain',
  };
}

const PRODUCT_FIELDS: Record<InspectorProduct, ProductFields> = {
  origins: productFields('origins', ORIGINS_GROUP_BYS),
  domains: productFields('domains', DOMAINS_GROUP_BYS),
};

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

/** The fields both inspector query types hold alike. */
type SharedFields = Pick<InspectorQuery, 'datacenters' | 'regions' | 'granularity' | 'source'>;

/** The query key holding the hosts (origins) or domains (domains) filter. */
type NamesKey = 'hosts' | 'domains';

interface Props<K extends NamesKey, Q extends InspectorQuery & Record<K, string[]>> extends SubEditorProps<Q> {
  namesKey: K;
  groupBys: ReadonlyArray<Q['groupBy'][number]>;
}

/** The hosts or domains of the selected services, their options, and the services without the add-on. */
function useProductNames(datasource: DataSource, product: InspectorProduct, services: string[]) {
  const results = useInspectorNames(datasource, product, services);
  const namesState = useMemo(() => combineNames(results), [results]);
  const servicesState = useResource(datasource, 'services');
  const variables = useVariableOptions();
  const nameOptions = useMemo(
    () => resourceOptions(namesState, (loaded) => loaded.map((value) => ({ label: value, value })), variables),
    [namesState, variables]
  );
  const disabled = useMemo(
    () => disabledServices(results, product, servicesState.value),
    [results, product, servicesState.value]
  );
  return { namesState, nameOptions, disabled, checked: results.length };
}

/** The warning naming the selected services without the add-on; nothing when every one has it. */
function DisabledBanner({
  productName,
  disabled,
  checked,
}: {
  productName: string;
  disabled: DisabledService[];
  checked: number;
}) {
  if (disabled.length === 0) {
    return null;
  }
  const title =
    disabled.length < checked
      ? `${productName} is not available for ${disabled.length} of ${checked} services`
      : `${productName} is not available`;
  return (
    <div data-testid={selectors.queryEditor.inspectorBanner}>
      <Alert severity="warning" title={title}>
        <ul>
          {disabled.map(({ service, message }) => (
            <li key={service}>{message}</li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}

/** The group-by, POP, region, granularity and source fields both inspector query types share. */
function InspectorSharedFields<Q extends InspectorQuery>({
  datasource,
  query,
  onChange,
  groupBys,
  groupByOptions,
}: SubEditorProps<Q> & { groupBys: ReadonlyArray<Q['groupBy'][number]>; groupByOptions: ComboboxOption[] }) {
  const bind = bindQuery<Q, SharedFields>(query, onChange);
  return (
    <>
      <MultiSelectField
        id={`fastly-${query.queryType}-group-by-${query.refId}`}
        label={labels.groupBy}
        tooltip="One series per combination of these. Leave empty for the total."
        testId={selectors.queryEditor.inspectorGroupBy}
        placeholder="Total"
        state={NO_NAMES}
        options={groupByOptions}
        value={query.groupBy}
        onChange={(groupBy) => onChange({ ...query, groupBy: groupBys.filter((entry) => groupBy.includes(entry)) })}
        createCustomValue={false}
      />
      <ResourceMultiSelect
        datasource={datasource}
        refId={query.refId}
        field={DATACENTERS_FIELD}
        {...bind('datacenters')}
      />
      <ResourceMultiSelect datasource={datasource} refId={query.refId} field={REGIONS_FIELD} {...bind('regions')} />
      <InlineFieldRow>
        <GranularityField {...bind('granularity')} />
        <RadioField
          label={labels.source}
          tooltip="Real-time answers from the live buffer: last minutes, 1-second data. Auto uses it for recent ranges."
          options={SOURCES}
          {...bind('source')}
        />
      </InlineFieldRow>
    </>
  );
}

/** The editor of both inspector query types, with a banner listing the selected services without the add-on. */
function InspectorQueryEditor<K extends NamesKey, Q extends InspectorQuery & Record<K, string[]>>(props: Props<K, Q>) {
  const { datasource, query, onChange, namesKey, groupBys } = props;
  const product = query.queryType;
  const fields = PRODUCT_FIELDS[product];
  const { namesState, nameOptions, disabled, checked } = useProductNames(datasource, product, query.services);
  const productName = inspectorProductName(product);
  const { namesLabel } = fields;
  const noService = query.services.length === 0;

  return (
    <Stack direction="column" gap={0}>
      <DisabledBanner productName={productName} disabled={disabled} checked={checked} />
      <ServicesMetricsFields
        {...props}
        fields={fields}
        servicesError={noService ? `Choose a service: ${productName} queries run only once one is chosen` : undefined}
      >
        <MultiSelectField
          id={`fastly-${product}-names-${query.refId}`}
          label={namesLabel}
          tooltip={`${namesLabel} seen recently on the selected services with ${productName}. Leave empty for all of them.`}
          testId={fields.namesTestId}
          placeholder={noService ? 'Choose a service first' : `All ${namesLabel.toLowerCase()}`}
          state={noService ? NO_NAMES : namesState}
          options={nameOptions}
          value={query[namesKey]}
          onChange={(names) => onChange({ ...query, [namesKey]: names })}
        />
      </ServicesMetricsFields>
      <InspectorSharedFields {...props} groupBys={groupBys} groupByOptions={fields.groupByOptions} />
      <LegendField {...props} extraTokens={[fields.legendToken]} />
    </Stack>
  );
}

/** Editor of an Origin Inspector query. */
export function OriginsQueryEditor(props: SubEditorProps<OriginsQuery>) {
  return <InspectorQueryEditor {...props} namesKey="hosts" groupBys={ORIGINS_GROUP_BYS} />;
}

/** Editor of a Domain Inspector query. */
export function DomainsQueryEditor(props: SubEditorProps<DomainsQuery>) {
  return <InspectorQueryEditor {...props} namesKey="domains" groupBys={DOMAINS_GROUP_BYS} />;
}
