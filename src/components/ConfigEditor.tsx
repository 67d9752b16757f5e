import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Field, FieldSet, SecretInput, Stack, Text, TextLink } from '@grafana/ui';

import { DEFAULT_API_URL, DEFAULT_REALTIME_URL, FastlyDataSourceOptions, FastlySecureJsonData } from '../types/options';
import { AdvancedSettings } from './config/AdvancedSettings';
import { UrlField } from './config/UrlField';
import { selectors } from './selectors';

type Props = DataSourcePluginOptionsEditorProps<FastlyDataSourceOptions, FastlySecureJsonData>;

export const TOKEN_DOCS_URL = 'https://www.fastly.com/documentation/reference/api/auth-tokens/user/';

const { labels } = selectors.config;

/** Datasource settings: the Fastly API token, optional endpoint overrides and advanced backend tuning. */
export function ConfigEditor({ options, onOptionsChange }: Props) {
  const { jsonData, secureJsonFields, secureJsonData } = options;

  const setJsonData = (key: 'apiUrl' | 'realtimeUrl', value: string) =>
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
        <UrlField
          id="fastly-config-api-url"
          label={labels.apiUrl}
          description="Fastly API for services and historical stats. Change it only to use a proxy or a test server."
          testId={selectors.config.apiUrl}
          defaultUrl={DEFAULT_API_URL}
          value={jsonData.apiUrl ?? ''}
          onChange={(value) => setJsonData('apiUrl', value)}
        />
        <UrlField
          id="fastly-config-realtime-url"
          label={labels.realtimeUrl}
          description="Fastly real-time analytics API. Change it only to use a proxy or a test server."
          testId={selectors.config.realtimeUrl}
          defaultUrl={DEFAULT_REALTIME_URL}
          value={jsonData.realtimeUrl ?? ''}
          onChange={(value) => setJsonData('realtimeUrl', value)}
        />
      </FieldSet>
      <AdvancedSettings jsonData={jsonData} onChange={(next) => onOptionsChange({ ...options, jsonData: next })} />
    </Stack>
  );
}
