import React, { useState } from 'react';
import { InlineField, Input } from '@grafana/ui';

interface Props<T> {
  id: string;
  label: string;
  labelWidth?: number;
  tooltip?: string;
  grow?: boolean;
  testId: string;
  /** How the input looks and what it takes. */
  input?: { type?: 'number'; min?: number; max?: number; width?: number; placeholder?: string };
  value: T;
  /** The text shown for a value. */
  format: (value: T) => string;
  /** The value a valid text stands for. */
  parse: (text: string) => T;
  /** Why a text is not valid; undefined when it is. */
  validate?: (text: string) => string | undefined;
  onChange: (value: T) => void;
}

/** A text input whose value is stored when it loses focus, and only if it is valid and changed. */
export function BlurInputField<T>({ id, testId, input, value, format, parse, validate, onChange, ...field }: Props<T>) {
  const [text, setText] = useState(() => format(value));
  const error = validate?.(text);
  const invalid = error !== undefined;
  return (
    <InlineField {...field} htmlFor={id} invalid={invalid} error={error}>
      <Input
        id={id}
        data-testid={testId}
        {...input}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={() => {
          const next = parse(text);
          if (!invalid && next !== value) {
            onChange(next);
          }
        }}
      />
    </InlineField>
  );
}
