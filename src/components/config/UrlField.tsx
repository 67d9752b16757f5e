import React, { useState } from 'react';
import { Field, Input } from '@grafana/ui';

import { validateUrl } from './validateUrl';

interface Props {
  id: string;
  label: string;
  description: string;
  testId: string;
  defaultUrl: string;
  value: string;
  onChange: (value: string) => void;
}

/** An optional URL override; empty uses the default shown as placeholder. */
export function UrlField({ id, label, description, testId, defaultUrl, value, onChange }: Props) {
  // A saved value is checked at once; a new one once the user leaves the field.
  const [touched, setTouched] = useState(value !== '');
  const error = touched ? validateUrl(value) : undefined;
  return (
    <Field label={label} description={description} invalid={error !== undefined} error={error}>
      <Input
        id={id}
        data-testid={testId}
        width={60}
        placeholder={defaultUrl}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        onBlur={() => setTouched(true)}
      />
    </Field>
  );
}
