import React from 'react';
import { CollapsableSection, Field, Switch } from '@grafana/ui';

import { FastlyDataSourceOptions } from '../../types/options';
import { selectors } from '../selectors';
import { IntegerField } from './IntegerField';
import { settingField } from './settingField';

/** The jsonData keys holding whole-number tuning settings. */
export type IntegerSettingKey =
  | 'realtimeBufferMinutes'
  | 'realtimeIdleSeconds'
  | 'realtimeMemoryMB'
  | 'realtimeMaxServices'
  | 'stitchMaxServices'
  | 'cacheSizeMB'
  | 'maxConcurrentCalls'
  | 'maxRetries'
  | 'inspectorMaxPages';

export interface IntegerSetting {
  key: IntegerSettingKey;
  description: string;
  min: number;
  max: number;
  defaultValue: number;
  /** A saved -1, which earlier versions documented as "none", is shown as 0 (the backend reads it as 0). */
  minusOneMeansZero?: boolean;
}

/**
 * Ranges and defaults of the integer settings: the same as the Go backend accepts (pkg/plugin/settings_spec.go) and
 * applies when a key is absent; README's settings table lists them too. Labels are in selectors.config.labels.
 */
export const INTEGER_SETTINGS: readonly IntegerSetting[] = [
  {
    key: 'realtimeBufferMinutes',
    description: 'Minutes of per-second real-time data kept in memory per service (1 to 120).',
    min: 1,
    max: 120,
    defaultValue: 15,
  },
  {
    key: 'realtimeIdleSeconds',
    description: 'A real-time poller stops after this many seconds without readers (30 to 86400).',
    min: 30,
    max: 86400,
    defaultValue: 300,
  },
  {
    key: 'realtimeMemoryMB',
    description:
      'One bound on the real-time buffers of all services of this datasource; when it is reached, the oldest minutes of the least recently read services go first (16 to 65536).',
    min: 16,
    max: 65536,
    defaultValue: 256,
  },
  {
    key: 'realtimeMaxServices',
    description: 'Services this datasource polls in real time at the same time (1 to 1000).',
    min: 1,
    max: 1000,
    defaultValue: 100,
  },
  {
    key: 'stitchMaxServices',
    description:
      'Stats queries over more services than this are not filled from real-time data (0 to 1000); 0 turns stitching off.',
    min: 0,
    max: 1000,
    defaultValue: 20,
  },
  {
    key: 'cacheSizeMB',
    description: 'Memory for caching finished Historical Stats buckets (0 to 4096); 0 means no cache.',
    min: 0,
    max: 4096,
    defaultValue: 64,
  },
  {
    key: 'maxConcurrentCalls',
    description: 'Fastly API calls this datasource makes at the same time (1 to 100).',
    min: 1,
    max: 100,
    defaultValue: 24,
  },
  {
    key: 'maxRetries',
    description: 'Retries of a failed read after 429, 5xx or network errors (0 to 10); 0 means no retries.',
    min: 0,
    max: 10,
    defaultValue: 3,
    minusOneMeansZero: true,
  },
  {
    key: 'inspectorMaxPages',
    description:
      'Pages read per Origin or Domain Inspector query; reaching it adds a warning to the panel (1 to 1000).',
    min: 1,
    max: 1000,
    defaultValue: 50,
  },
];

/** The integer settings in the editor's order: the real-time ones, then (after the stitching switch) the rest. */
const REALTIME_KEYS: readonly IntegerSettingKey[] = [
  'realtimeBufferMinutes',
  'realtimeIdleSeconds',
  'realtimeMemoryMB',
  'realtimeMaxServices',
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

  const renderInteger = ({ key, description, min, max, defaultValue, minusOneMeansZero }: IntegerSetting) => {
    const saved = jsonData[key];
    return (
      <IntegerField
        key={key}
        {...settingField(key)}
        description={description}
        min={min}
        max={max}
        defaultValue={defaultValue}
        value={minusOneMeansZero && saved === -1 ? 0 : saved}
        onChange={(value) => onChange(withSetting(jsonData, key, value))}
      />
    );
  };

  return (
    <CollapsableSection label={labels.advanced} isOpen={initiallyOpen} unmountContentWhenClosed={false}>
      {INTEGER_SETTINGS.filter(({ key }) => REALTIME_KEYS.includes(key)).map(renderInteger)}
      <Field
        label={labels.stitchRealtime}
        description="Fill the minutes Fastly has not published yet from real-time data, marked as provisional (default on)."
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
      {INTEGER_SETTINGS.filter(({ key }) => !REALTIME_KEYS.includes(key)).map(renderInteger)}
    </CollapsableSection>
  );
}
