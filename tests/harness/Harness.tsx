import React, { useEffect, useState } from 'react';
import { CoreApp, DataSourceSettings, MetricFindValue } from '@grafana/data';
import { Stack, Text } from '@grafana/ui';

import { ConfigEditor } from '../../src/components/ConfigEditor';
import { QueryEditor } from '../../src/components/QueryEditor';
import { selectors } from '../../src/components/selectors';
import { VariableQueryEditor } from '../../src/components/VariableQueryEditor';
import type { DataSource } from '../../src/datasource';
import { FastlyDataSourceOptions, FastlySecureJsonData } from '../../src/types/options';
import { FastlyQuery } from '../../src/types/query';
import { FastlyVariableQuery } from '../../src/types/variables';
import { variableValues } from '../../src/variableSupport';

type Settings = DataSourceSettings<FastlyDataSourceOptions, FastlySecureJsonData>;

interface Props {
  datasource: DataSource;
  settings: Settings;
}

function Output({ testId, value }: { testId: string; value: unknown }) {
  return <pre data-testid={testId}>{JSON.stringify(value, null, 2)}</pre>;
}

/** The real editors, wired the way Grafana wires them, with their current state printed as JSON. */
export function Harness({ datasource, settings }: Props) {
  const [options, setOptions] = useState(settings);
  const [query, setQuery] = useState<FastlyQuery>({ ...datasource.getDefaultQuery(CoreApp.PanelEditor), refId: 'A' });
  const [runs, setRuns] = useState(0);
  const [variableQuery, setVariableQuery] = useState<FastlyVariableQuery>({ refId: 'variable', kind: 'services' });
  const [variableOptions, setVariableOptions] = useState<MetricFindValue[] | string>([]);

  useEffect(() => {
    variableValues(datasource, variableQuery.kind, variableQuery.service).then(setVariableOptions, (err: unknown) =>
      setVariableOptions(err instanceof Error ? err.message : String(err))
    );
  }, [datasource, variableQuery.kind, variableQuery.service]);

  return (
    <Stack direction="column" gap={3}>
      <Text element="h2">Config editor</Text>
      <section data-testid="config-editor">
        <ConfigEditor options={options} onOptionsChange={setOptions} />
      </section>
      <Output
        testId={selectors.harness.options}
        value={{
          jsonData: options.jsonData,
          secureJsonData: options.secureJsonData,
          secureJsonFields: options.secureJsonFields,
        }}
      />
      <Text element="h2">Query editor</Text>
      <section data-testid="query-editor">
        <QueryEditor
          datasource={datasource}
          query={query}
          onChange={setQuery}
          onRunQuery={() => setRuns((n) => n + 1)}
        />
      </section>
      <Output
        testId={selectors.harness.query}
        value={{
          query,
          runs,
          sent: datasource.filterQuery(query) ? datasource.applyTemplateVariables(query, {}) : null,
        }}
      />
      <Text element="h2">Variable editor</Text>
      <VariableQueryEditor
        datasource={datasource}
        query={variableQuery}
        onChange={setVariableQuery}
        onRunQuery={() => {}}
      />
      <Output testId={selectors.harness.variableQuery} value={{ query: variableQuery, values: variableOptions }} />
    </Stack>
  );
}
