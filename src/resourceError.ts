function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * The readable message of a failed resource call: the backend's `{ "error": ... }` body first, then Grafana's own
 * `{ "message": ... }`, then whatever the request error carries.
 */
export function resourceErrorMessage(err: unknown): string {
  if (!isRecord(err)) {
    return nonEmptyString(err) ?? 'The request failed';
  }
  const data = isRecord(err.data) ? err.data : {};
  const status = typeof err.status === 'number' ? ` (HTTP ${err.status})` : '';
  return (
    nonEmptyString(data.error) ??
    nonEmptyString(data.message) ??
    nonEmptyString(err.message) ??
    `${nonEmptyString(err.statusText) ?? 'The request failed'}${status}`
  );
}
