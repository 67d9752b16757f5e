import React from 'react';

import { isValidLimit } from '../../query/defaults';
import { QUERY_LIMITS } from '../../types/declarations';
import { selectors } from '../selectors';
import { BlurInputField } from './BlurInputField';

/** The log query types with a row limit. */
type LogLimitQueryType = 'insights' | 'logs' | 'logMetrics';

interface Props {
  queryType: LogLimitQueryType;
  refId: string;
  /** What the limit counts, for the tooltip. */
  tooltip: string;
  value: number;
  onChange: (limit: number) => void;
}

/** The range a log query type's limit accepts, as the editor writes it: "1 to 10,000". */
export function logLimitRange(queryType: LogLimitQueryType): string {
  return `1 to ${QUERY_LIMITS[queryType].max.toLocaleString('en-US')}`;
}

/** The most rows (records, pages or groups) a log query answers; applied when valid and the field loses focus. */
export function LogLimitField({ queryType, refId, tooltip, value, onChange }: Props) {
  const { max } = QUERY_LIMITS[queryType];
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
        text.trim() === '' || !isValidLimit(queryType, Number(text))
          ? `Use a whole number from ${logLimitRange(queryType)}`
          : undefined
      }
      onChange={onChange}
    />
  );
}
