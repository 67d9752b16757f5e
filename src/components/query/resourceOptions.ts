import { ComboboxOption } from '@grafana/ui';

import { ResourceState } from '../../hooks/useResource';

const ERROR_VALUE = '__fastly_resource_error__';

/**
 * The options a dropdown shows for a resource: while loading none, after a failure one row carrying the backend's
 * message, else the loaded options followed by the extra ones (template variables).
 */
export function resourceOptions<T>(
  state: ResourceState<T>,
  toOptions: (value: T) => ComboboxOption[],
  extra: ComboboxOption[] = []
): ComboboxOption[] {
  if (state.error !== undefined) {
    return [{ label: state.error, value: ERROR_VALUE, infoOption: true }, ...extra];
  }
  return [...(state.value === undefined ? [] : toOptions(state.value)), ...extra];
}
