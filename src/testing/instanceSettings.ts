import { DataSourceInstanceSettings, DataSourceSettings, PluginType } from '@grafana/data';

import { FastlyDataSourceOptions, FastlySecureJsonData } from '../types/options';

/** Settings of a Fastly datasource as Grafana hands them to the plugin. */
export function instanceSettings(): DataSourceInstanceSettings<FastlyDataSourceOptions> {
  return {
    uid: 'fastly-test',
    type: 'edgemetrics-fastly-datasource',
    name: 'Fastly',
    access: 'proxy',
    readOnly: false,
    jsonData: {},
    meta: {
      id: 'edgemetrics-fastly-datasource',
      name: 'Fastly',
      type: PluginType.datasource,
      module: '',
      baseUrl: '',
      info: {
        author: { name: 'edgemetrics' },
        description: '',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
    },
  };
}

/** A new, unsaved Fastly datasource as the config editor receives it. */
export function dataSourceSettings(
  overrides: Partial<DataSourceSettings<FastlyDataSourceOptions, FastlySecureJsonData>> = {}
): DataSourceSettings<FastlyDataSourceOptions, FastlySecureJsonData> {
  const { uid, type, name, access, readOnly } = instanceSettings();
  return {
    id: 1,
    uid,
    orgId: 1,
    name,
    type,
    typeName: 'Fastly',
    typeLogoUrl: '',
    access,
    url: '',
    user: '',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- still required by DataSourceSettings
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly,
    withCredentials: false,
    jsonData: {},
    secureJsonFields: {},
    ...overrides,
  };
}
