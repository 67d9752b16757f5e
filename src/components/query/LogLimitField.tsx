import React from 'react';

import { LOG_LIMITS, isValidLogLimit } from '../../query/defaults';
import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';

interface Props {
  queryType: keyof typeof LOG_LIMITS;
  refId: string;
  /** What the limit counts, for the tooltip. */
  tooltip: string;
  value: number;
  onChange: (limit: number) => void;
}

/** The range a log query type's limit accepts, as the editor writes it: "1 to 10,000". */
export function logLimitRange(queryType: keyof typeof LOG_LIMITS): string {
  return `1 to ${LOG_LIMITS[queryType].max.toLocaleString('en-US')}`;
}

/** The most rows (records, pages or groups) a log query answers; applied when valid and the field loses focus. */
export function LogLimitField({ queryType, refId, tooltip, value, onChange }: Props) {
  const { max } = LOG_LIMITS[queryType];
  return (
    <BlurInputField
      id={`fastly-log-limit-${refId}`}
      label={selectors.queryEditor.labels.logLimit}
      labelWidth={14}
      tooltip={tooltip}
      testId={selectors.queryEditor.logLimit}
      input={{ type: 'number', min: 1, max, width: 12 }}
      value={value}
      format={String}
      parse={Number}
      validate={(text) =>
        text.trim() === '' || !isValidLogLimit(queryType, Number(text))
          ? `Use a whole number from ${logLimitRange(queryType)}`
          : undefined
      }
      onChange={onChange}
    />
  );
}
