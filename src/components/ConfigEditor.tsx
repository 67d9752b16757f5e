import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, SecretInput, Stack, Text, TextLink } from '@grafana/ui';

import { DEFAULT_API_URL, DEFAULT_REALTIME_URL } from '../types/declarations';
import { FastlyDataSourceOptions, FastlySecureJsonData } from '../types/options';
import { AdvancedSettings } from './config/AdvancedSettings';
import { settingField } from './config/settingField';
import { UrlField } from './config/UrlField';
import { selectors } from './selectors';

type Props = DataSourcePluginOptionsEditorProps<FastlyDataSourceOptions, FastlySecureJsonData>;

export const TOKEN_DOCS_URL = 'https://www.fastly.com/documentation/reference/api/auth-tokens/user/';

const { labels } = selectors.config;

type UrlKey = 'apiUrl' | 'realtimeUrl';

/** The endpoint overrides: their jsonData key (which also names their label and test id), use and default. */
const URL_SETTINGS: ReadonlyArray<{ key: UrlKey; description: string; defaultUrl: string }> = [
  {
    key: 'apiUrl',
    description: 'Fastly API for services and historical stats. Change it only to use a proxy or a test server.',
    defaultUrl: DEFAULT_API_URL,
  },
  {
    key: 'realtimeUrl',
    description: 'Fastly real-time analytics API. Change it only to use a proxy or a test server.',
    defaultUrl: DEFAULT_REALTIME_URL,
  },
];

/** Datasource settings: the Fastly API token, optional endpoint overrides and advanced backend tuning. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;

  const setJsonData = (key: UrlKey, value: string) =>
    onOptionsChange({ ...options, jsonData: { ...jsonData, [key]: value } });

  const setToken = (apiToken: string) =>
    onOptionsChange({ ...options, secureJsonData: { ...secureJsonData, apiToken } });

  const resetToken = () =>
    onOptionsChange({
      ...options,
      secureJsonFields: { ...secureJsonFields, apiToken: false },
      secureJsonData: { ...secureJsonData, apiToken: '' },
    });

  return (
    <Stack direction="column" gap={2}>
      <Text element="p" color="secondary">
        Reads Fastly historical and real-time statistics with a Fastly API token. The plugin only reads: a token with
        the <code>global:read</code> scope is enough.
      </Text>
      <FieldSet label="Authentication">
        <Field
          label={labels.apiToken}
          description={
            <>
              A Fastly API token with the <code>global:read</code> scope.{' '}
              <TextLink href={TOKEN_DOCS_URL} external inline data-testid={selectors.config.tokenDocsLink}>
                How to create an API token
              </TextLink>
            </>
          }
        >
          <SecretInput
            id="fastly-config-api-token"
            data-testid={selectors.config.apiToken}
            width={60}
            placeholder="Fastly API token"
            isConfigured={Boolean(secureJsonFields?.apiToken)}
            value={secureJsonData?.apiToken ?? ''}
            onChange={(event) => setToken(event.currentTarget.value)}
            onReset={resetToken}
          />
        </Field>
      </FieldSet>
      <FieldSet label="Endpoints">
        {URL_SETTINGS.map(({ key, description, defaultUrl }) => (
          <UrlField
            key={key}
            {...settingField(key)}
            description={description}
            defaultUrl={defaultUrl}
            value={jsonData[key] ?? ''}
            onChange={(value) => setJsonData(key, value)}
          />
        ))}
      </FieldSet>
      <AdvancedSettings jsonData={jsonData} onChange={(next) => onOptionsChange({ ...options, jsonData: next })} />
    </Stack>
  );
}
