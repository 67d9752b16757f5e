import { useMemo } from 'react';
import { getTemplateSrv } from '@grafana/runtime';
import { ComboboxOption } from '@grafana/ui';

import { variableOptions } from '../components/query/options';

/** The dashboard's template variables as `$name` options. */
export function useVariableOptions(): ComboboxOption[] {
  return useMemo(() => variableOptions(getTemplateSrv().getVariables()), []);
}
