import React from 'react';
import { CollapsableSection, Field, Switch } from '@grafana/ui';

import { INTEGER_SETTINGS, IntegerSetting, IntegerSettingKey } from '../../types/declarations';
import { FastlyDataSourceOptions } from '../../types/options';
import { selectors } from '../selectors';
import { IntegerField } from './IntegerField';
import { settingField } from './settingField';

/** The description under a setting's field: what it bounds, its range and what 0 means when that is special. */
function settingDescription({ summary, min, max, zeroMeans }: IntegerSetting): string {
  return zeroMeans === undefined ? `${summary} (${min} to ${max}).` : `${summary} (${min} to ${max}); 0 ${zeroMeans}.`;
}

/** The integer settings in the editor's order: the real-time ones, then (after the stitching switch) the rest. */
const REALTIME_KEYS: readonly IntegerSettingKey[] = [
  'realtimeBufferMinutes',
  'realtimeIdleSeconds',
  'realtimeMemoryMB',
  'realtimeMaxServices',
];

const SETTINGS: readonly IntegerSetting[] = INTEGER_SETTINGS;

const ADVANCED_KEYS: ReadonlyArray<keyof FastlyDataSourceOptions> = [
  ...SETTINGS.map((setting) => setting.key),
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

  const renderInteger = (setting: IntegerSetting) => {
    const { key, min, max, defaultValue, minusOneMeansZero } = setting;
    const saved = jsonData[key];
    return (
      <IntegerField
        key={key}
        {...settingField(key)}
        description={settingDescription(setting)}
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
      {SETTINGS.filter(({ key }) => REALTIME_KEYS.includes(key)).map(renderInteger)}
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
      {SETTINGS.filter(({ key }) => !REALTIME_KEYS.includes(key)).map(renderInteger)}
    </CollapsableSection>
  );
}
