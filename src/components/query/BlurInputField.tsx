import React, { useState } from 'react';
import { InlineField, Input } from '@grafana/ui';

interface Props<T> {
  id: string;
  label: string;
  labelWidth?: number;
  tooltip?: string;
  testId: string;
  value: T;
  /** The text shown for a value. */
  format: (value: T) => string;
  /** The value a valid text stands for. */
  parse: (text: string) => T;
  /** Why a text is not valid; undefined when it is. */
  validate?: (text: string) => string | undefined;
  onChange: (value: T) => void;
  grow?: boolean;
  type?: 'number';
  min?: number;
  max?: number;
  width?: number;
  placeholder?: string;
}

/** A text input whose value is stored when it loses focus, and only if it is valid and changed. */
export function BlurInputField<T>({
  id,
  label,
  labelWidth,
  tooltip,
  testId,
  value,
  format,
  parse,
  validate,
  onChange,
  grow,
  ...input
}: Props<T>) {
  const [text, setText] = useState(() => format(value));
  const error = validate?.(text);
  const invalid = error !== undefined;
  return (
    <InlineField
      label={label}
      labelWidth={labelWidth}
      htmlFor={id}
      grow={grow}
      invalid={invalid}
      error={error}
      tooltip={tooltip}
    >
      <Input
        {...input}
        id={id}
        data-testid={testId}
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
