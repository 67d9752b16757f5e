import { useMemo } from 'react';
import { ComboboxOption } from '@grafana/ui';

import type { DataSource } from '../../datasource';
import { ResourceState, useResource } from '../../hooks/useResource';
import { useVariableOptions } from '../../hooks/useVariableOptions';
import { ResourceKind } from '../../types/resources';
import type { ResourceField } from './resourceFields';

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

/** Loads the resource of a field and the options it offers: its leading ones, the loaded ones, the template variables. */
export function useResourceOptions<K extends ResourceKind>(
  datasource: DataSource,
  field: ResourceField<K>
): { state: ResourceState<unknown>; options: ComboboxOption[] } {
  const state = useResource(datasource, field.kind, field.params);
  const variables = useVariableOptions();
  const options = useMemo(
    () => [...(field.leadingOptions ?? []), ...resourceOptions(state, field.toOptions, variables)],
    [state, field, variables]
  );
  return { state, options };
}
