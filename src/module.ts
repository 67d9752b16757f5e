import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { FastlyDataSourceOptions, FastlySecureJsonData } from './types/options';
import { FastlyQuery } from './types/query';

export const plugin = new DataSourcePlugin<DataSource, FastlyQuery, FastlyDataSourceOptions, FastlySecureJsonData>(
  DataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
