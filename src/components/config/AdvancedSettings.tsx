import React from 'react';
import { CollapsableSection, Field, Switch } from '@grafana/ui';

import { FastlyDataSourceOptions } from '../../types/options';
import { selectors } from '../selectors';
import { IntegerField } from './IntegerField';

/** The jsonData keys holding whole-number tuning settings. */
type IntegerSettingKey =
  | 'realtimeBufferMinutes'
  | 'realtimeIdleSeconds'
  | 'cacheSizeMB'
  | 'maxConcurrentCalls'
  | 'maxRetries'
  | 'inspectorMaxPages';

interface IntegerSetting {
  key: IntegerSettingKey;
  description: string;
  min: number;
  max: number;
  defaultValue: number;
}

/** Ranges and defaults match what the Go backend accepts and applies when a key is absent. */
const INTEGER_SETTINGS: readonly IntegerSetting[] = [
  {
    key: 'realtimeBufferMinutes',
    description: 'Minutes of per-second real-time data kept in memory per service.',
    min: 1,
    max: 120,
    defaultValue: 15,
  },
  {
    key: 'realtimeIdleSeconds',
    description: 'A real-time poller stops after this many seconds without readers.',
    min: 30,
    max: 86400,
    defaultValue: 300,
  },
  {
    key: 'cacheSizeMB',
    description: 'Memory for caching finished Historical Stats buckets; 0 disables the cache.',
    min: 0,
    max: 4096,
    defaultValue: 64,
  },
  {
    key: 'maxConcurrentCalls',
    description: 'Fastly API calls this datasource makes at the same time.',
    min: 1,
    max: 100,
    defaultValue: 24,
  },
  {
    key: 'maxRetries',
    description: 'Retries of a failed read after 429, 5xx or network errors; -1 turns retries off.',
    min: -1,
    max: 10,
    defaultValue: 3,
  },
  {
    key: 'inspectorMaxPages',
    description: 'Pages read per Origin or Domain Inspector query; reaching it adds a warning to the panel.',
    min: 1,
    max: 1000,
    defaultValue: 50,
  },
];

const ADVANCED_KEYS: ReadonlyArray<keyof FastlyDataSourceOptions> = [
  ...INTEGER_SETTINGS.map((setting) => setting.key),
  'stitchRealtime',
];

interface Props {
  jsonData: FastlyDataSourceOptions;
  onChange: (jsonData: FastlyDataSourceOptions) => void;
}

/** Returns jsonData with `key` set to `value`, or without `key` when value is undefined. */
function withSetting<K extends keyof FastlyDataSourceOptions>(
  jsonData: FastlyDataSourceOptions,
  key: K,
  value: FastlyDataSourceOptions[K] | undefined
): FastlyDataSourceOptions {
  const { [key]: _removed, ...rest } = jsonData;
  return value === undefined ? rest : { ...rest, [key]: value };
}

/** Tuning of the backend's caches, pollers and Fastly calls; every empty field uses the backend default. */
export function AdvancedSettings({ jsonData, onChange }: Props) {
  const { labels } = selectors.config;
  // Collapsed for a new datasource; opened when a saved datasource already overrides something here.
  const initiallyOpen = ADVANCED_KEYS.some((key) => jsonData[key] !== undefined);
  const stitch = jsonData.stitchRealtime !== false;

  return (
    <CollapsableSection label={labels.advanced} isOpen={initiallyOpen} unmountContentWhenClosed={false}>
      <Field
        label={labels.stitchRealtime}
        description="Fill the minutes Fastly has not published yet from real-time data, marked as provisional."
      >
        <Switch
          id="fastly-config-stitch-realtime"
          data-testid={selectors.config.stitchRealtime}
          value={stitch}
          // Absent means on, so only "off" is stored.
          onChange={(event) =>
            onChange(withSetting(jsonData, 'stitchRealtime', event.currentTarget.checked ? undefined : false))
          }
        />
      </Field>
      {INTEGER_SETTINGS.map(({ key, description, min, max, defaultValue }) => (
        <IntegerField
          key={key}
          id={selectors.config[key]}
          label={labels[key]}
          description={description}
          testId={selectors.config[key]}
          min={min}
          max={max}
          defaultValue={defaultValue}
          value={jsonData[key]}
          onChange={(value) => onChange(withSetting(jsonData, key, value))}
        />
      ))}
    </CollapsableSection>
  );
}
