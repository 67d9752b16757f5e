import { useEffect, useMemo, useRef, useState } from 'react';
import { getTemplateSrv } from '@grafana/runtime';

import type { DataSource } from '../datasource';
import { FastlyResources, InspectorNames, InspectorProduct, LogFieldCatalogue, ResourceKind } from '../types/resources';

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

const loadLogFields = (datasource: DataSource) => datasource.getLogFields();

/** Loads the fields of the sampled request logs and the filter operators for an editor. */
export function useLogFields(datasource: DataSource): ResourceState<LogFieldCatalogue> {
  return useLoad(datasource, 'log-fields', loadLogFields);
}

/** Loads one backend list resource, optionally with query parameters, for an editor. */
export function useResource<K extends ResourceKind>(
  datasource: DataSource,
  kind: K,
  params?: Record<string, string>
): ResourceState<FastlyResources[K]> {
  const key = params === undefined ? kind : `${kind}?${new URLSearchParams(params).toString()}`;
  return useLoad(datasource, key, loadList as Loader<FastlyResources[K]>);
}

/** What the inspector resource answered for one selected service. */
export interface ServiceInspectorNames {
  /** The service id, template variables resolved. */
  service: string;
  state: ResourceState<InspectorNames>;
}

interface LoadedNames {
  datasource: DataSource;
  /** Settled answers by resource key (`origins?service=<id>`). */
  states: Record<string, ResourceState<InspectorNames>>;
}

/** The service ids a list of services (ids or template variables) stands for, without duplicates. */
function resolveServices(services: string[]): string[] {
  const templateSrv = getTemplateSrv();
  const ids = services
    .flatMap((service) => templateSrv.replace(service, undefined, 'csv').split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return Array.from(new Set(ids));
}

function inspectorKey(product: InspectorProduct, service: string): string {
  return `${product}?${new URLSearchParams({ service }).toString()}`;
}

/**
 * Loads the origin hosts or domains of every selected service and whether the add-on is enabled for each: one
 * request per service id (template variables resolved), each answer kept per service id while the datasource stays.
 */
export function useInspectorNames(
  datasource: DataSource,
  product: InspectorProduct,
  services: string[]
): ServiceInspectorNames[] {
  const joined = services.join('\n');
  // Resolved again only when the selection changes, so a re-render asks for nothing new.
  const ids = useMemo(() => resolveServices(joined === '' ? [] : joined.split('\n')), [joined]);
  const [loaded, setLoaded] = useState<LoadedNames>({ datasource, states: {} });
  const states = loaded.datasource === datasource ? loaded.states : undefined;
  // Keys asked for from this datasource, settled or not: each is requested once.
  const requested = useRef<{ datasource: DataSource; keys: Set<string> }>({ datasource, keys: new Set() });
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (requested.current.datasource !== datasource) {
      requested.current = { datasource, keys: new Set() };
    }
    const { keys } = requested.current;
    const settle = (key: string, state: ResourceState<InspectorNames>) => {
      if (!mounted.current || requested.current.datasource !== datasource) {
        return;
      }
      setLoaded((previous) => ({
        datasource,
        states: { ...(previous.datasource === datasource ? previous.states : {}), [key]: state },
      }));
    };
    for (const id of ids) {
      const key = inspectorKey(product, id);
      if (keys.has(key)) {
        continue;
      }
      keys.add(key);
      loadInspectorNames(datasource, key).then(
        (value) => settle(key, { loading: false, value }),
        (err: unknown) => settle(key, { loading: false, error: err instanceof Error ? err.message : String(err) })
      );
    }
  }, [datasource, product, ids]);

  return useMemo(
    () => ids.map((service) => ({ service, state: states?.[inspectorKey(product, service)] ?? LOADING })),
    [ids, product, states]
  );
}
