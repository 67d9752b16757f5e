/**
 * Change handlers by key of a query: each sets its key and hands on the new query, which stores and runs it. F holds
 * the keys and their types, Q's own by default; an editor of a generic query names the fields its query types share.
 */
export function querySetter<Q extends F, F extends object = Q>(query: Q, onChange: (query: Q) => void) {
  return <K extends keyof F>(key: K) =>
    (value: F[K]) =>
      onChange({ ...query, [key]: value });
}
