/** The result of reading an optional integer setting typed by the user. */
export type IntegerInput = { kind: 'empty' } | { kind: 'valid'; value: number } | { kind: 'invalid'; error: string };

/** The inline message for a value outside a setting's range; the same words as the backend's LoadSettings error. */
export function rangeMessage(label: string, min: number, max: number): string {
  return `${label} must be a whole number from ${min} to ${max}`;
}

/** Reads `text` as a whole number within [min, max]; blank text means "use the default". */
export function parseIntegerInRange(text: string, label: string, min: number, max: number): IntegerInput {
  const trimmed = text.trim();
  if (trimmed === '') {
    return { kind: 'empty' };
  }
  const error = rangeMessage(label, min, max);
  if (!/^-?\d+$/.test(trimmed)) {
    return { kind: 'invalid', error };
  }
  const value = Number(trimmed);
  if (value < min || value > max) {
    return { kind: 'invalid', error };
  }
  return { kind: 'valid', value };
}
