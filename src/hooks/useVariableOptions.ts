import { useEffect, useMemo, useState } from 'react';
import { getTemplateSrv } from '@grafana/runtime';
import { ComboboxOption } from '@grafana/ui';

import { variableOptions } from '../components/query/options';

/**
 * The dashboard's template variables as `$name` options. They are read again at every render and whenever focus
 * moves (opening a dropdown focuses it), so variables added while the editor is open show; the array keeps its
 * identity while the variables stay the same.
 */
export function useVariableOptions(): ComboboxOption[] {
  useRerenderWhenVariablesChangeOnFocus();
  const current = readVariables();
  return useMemo(() => JSON.parse(current) as ComboboxOption[], [current]);
}

/** The variable options, serialised so that equal variables compare equal. */
function readVariables(): string {
  return JSON.stringify(variableOptions(getTemplateSrv().getVariables()));
}

/** Renders the calling component again when focus moves within the document and the variables changed. */
function useRerenderWhenVariablesChangeOnFocus(): void {
  const [, setSeen] = useState(readVariables);
  useEffect(() => {
    const refresh = () => setSeen(readVariables()); // an unchanged value renders nothing
    document.addEventListener('focusin', refresh);
    return () => document.removeEventListener('focusin', refresh);
  }, []);
}
