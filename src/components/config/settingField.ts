import { selectors } from '../selectors';

const { config } = selectors;

/** A datasource setting whose jsonData key also names its element id, test id and label. */
export type SettingKey = keyof typeof config & keyof typeof config.labels;

/** The element id, test id and label of a setting's field. */
export function settingField(key: SettingKey): { id: string; testId: string; label: string } {
  return { id: config[key], testId: config[key], label: config.labels[key] };
}
