import React, { useState } from 'react';
import { Field, Input } from '@grafana/ui';

import { parseIntegerInRange } from './validateInteger';

interface Props {
  id: string;
  label: string;
  description: string;
  testId: string;
  min: number;
  max: number;
  defaultValue: number;
  value: number | undefined;
  /** Called with the number to store, or undefined to remove the setting (invalid or empty input). */
  onChange: (value: number | undefined) => void;
}

/** An optional whole-number setting; empty uses the backend default shown as placeholder. */
export function IntegerField({ id, label, description, testId, min, max, defaultValue, value, onChange }: Props) {
  // The text is kept here so that an invalid entry stays visible while nothing is stored.
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const parsed = parseIntegerInRange(text, label, min, max);
  const error = parsed.kind === 'invalid' ? parsed.error : undefined;

  const handleChange = (next: string) => {
    setText(next);
    const result = parseIntegerInRange(next, label, min, max);
    onChange(result.kind === 'valid' ? result.value : undefined);
  };

  return (
    <Field label={label} description={description} invalid={error !== undefined} error={error}>
      <Input
        id={id}
        data-testid={testId}
        type="number"
        inputMode="numeric"
        step={1}
        min={min}
        max={max}
        width={20}
        placeholder={String(defaultValue)}
        value={text}
        onChange={(event) => handleChange(event.currentTarget.value)}
      />
    </Field>
  );
}
