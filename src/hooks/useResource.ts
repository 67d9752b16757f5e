import { useEffect, useState } from 'react';

import type { DataSource } from '../datasource';
import { FastlyResources, ResourceKind } from '../types/resources';

export interface ResourceState<T> {
  loading: boolean;
  value?: T;
  /** The backend's readable message when loading failed. */
  error?: string;
}

const LOADING: ResourceState<never> = { loading: true };

interface Loaded<K extends ResourceKind> {
  datasource: DataSource;
  kind: K;
  state: ResourceState<FastlyResources[K]>;
}

/** Loads one backend resource for an editor, with loading and error states. */
export function useResource<K extends ResourceKind>(
  datasource: DataSource,
  kind: K
): ResourceState<FastlyResources[K]> {
  const [loaded, setLoaded] = useState<Loaded<K>>();

  useEffect(() => {
    let current = true;
    const settle = (state: ResourceState<FastlyResources[K]>) => current && setLoaded({ datasource, kind, state });
    datasource.loadResource(kind).then(
      (value) => settle({ loading: false, value }),
      (err: unknown) => settle({ loading: false, error: err instanceof Error ? err.message : String(err) })
    );
    return () => {
      current = false;
    };
  }, [datasource, kind]);

  // Until the answer for this datasource and kind arrives, the list is loading.
  return loaded?.datasource === datasource && loaded.kind === kind ? loaded.state : LOADING;
}
