/**
 * Binds keys of a query to fields: each binding holds the key's value and a change handler that sets the key and hands
 * on the new query, which stores and runs it. F holds the keys and their types, Q's own by default; an editor of a
 * generic query names the fields its query types share.
 */
export function bindQuery<Q extends F, F extends object = Q>(query: Q, onChange: (query: Q) => void) {
  const fields: F = query;
  return <K extends keyof F>(key: K) => ({
    value: fields[key],
    onChange: (value: F[K]) => onChange({ ...query, [key]: value }),
  });
}
