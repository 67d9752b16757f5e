import { useEffect, useState } from 'react';

import type { DataSource } from '../datasource';
import { FastlyResources, InspectorNames, InspectorProduct, ResourceKind } from '../types/resources';

export interface ResourceState<T> {
  loading: boolean;
  value?: T;
  /** The backend's readable message when loading failed. */
  error?: string;
}

const LOADING: ResourceState<never> = { loading: true };
const IDLE: ResourceState<never> = { loading: false };

interface Loaded<T> {
  datasource: DataSource;
  key: string;
  state: ResourceState<T>;
}

/** Turns a key into a request; module-level so that only the datasource and key decide when to load again. */
type Loader<T> = (datasource: DataSource, key: string) => Promise<T>;

/** Loads what a key names for an editor, with loading and error states; an empty key loads nothing. */
function useLoad<T>(datasource: DataSource, key: string, load: Loader<T>): ResourceState<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>();

  useEffect(() => {
    if (key === '') {
      return;
    }
    let current = true;
    const settle = (state: ResourceState<T>) => current && setLoaded({ datasource, key, state });
    load(datasource, key).then(
      (value) => settle({ loading: false, value }),
      (err: unknown) => settle({ loading: false, error: err instanceof Error ? err.message : String(err) })
    );
    return () => {
      current = false;
    };
  }, [datasource, key, load]);

  if (key === '') {
    return IDLE;
  }
  // Until the answer for this datasource and key arrives, the list is loading.
  return loaded?.datasource === datasource && loaded.key === key ? loaded.state : LOADING;
}

function splitKey(key: string): [string, Record<string, string> | undefined] {
  const [path, search] = key.split('?', 2);
  return [path, search === undefined ? undefined : Object.fromEntries(new URLSearchParams(search))];
}

const loadList = (datasource: DataSource, key: string) => {
  const [kind, params] = splitKey(key);
  return datasource.loadResource(kind as ResourceKind, params);
};

const loadInspectorNames = (datasource: DataSource, key: string) => {
  const [product, params] = splitKey(key);
  return datasource.getInspectorNames(product as InspectorProduct, params?.service ?? '');
};

/** Loads one backend list resource, optionally with query parameters, for an editor. */
export function useResource<K extends ResourceKind>(
  datasource: DataSource,
  kind: K,
  params?: Record<string, string>
): ResourceState<FastlyResources[K]> {
  const key = params === undefined ? kind : `${kind}?${new URLSearchParams(params).toString()}`;
  return useLoad(datasource, key, loadList as Loader<FastlyResources[K]>);
}

/** Loads the origin hosts or domains of one service and whether the add-on is enabled; nothing without a service. */
export function useInspectorNames(
  datasource: DataSource,
  product: InspectorProduct,
  service: string | undefined
): ResourceState<InspectorNames> {
  const key = service ? `${product}?${new URLSearchParams({ service }).toString()}` : '';
  return useLoad(datasource, key, loadInspectorNames);
}
