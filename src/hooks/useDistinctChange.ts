import { useEffect, useRef } from 'react';

/**
 * Wraps a change handler so that it only hears real changes. Grafana's Combobox can report one pick several times
 * before the new value comes back as a prop, and every report would run the query again.
 */
export function useDistinctChange<T>(
  value: T,
  onChange: (value: T) => void,
  isEqual: (a: T, b: T) => boolean = Object.is
): (value: T) => void {
  const reported = useRef(value);
  useEffect(() => {
    reported.current = value;
  }, [value]);
  return (next: T) => {
    if (!isEqual(next, reported.current)) {
      reported.current = next;
      onChange(next);
    }
  };
}

/** Equality of two lists of strings, in order. */
export function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
