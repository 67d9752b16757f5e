import React from 'react';
import { InlineFieldRow, Stack } from '@grafana/ui';

import { useLogFields } from '../../hooks/useResource';
import { LogsQuery, LogVolumeQuery } from '../../types/query';
import { bindQuery } from './bindQuery';
import { LogFiltersField } from './LogFiltersField';
import { LogLimitField, logLimitRange } from './LogLimitField';
import { LogServiceField } from './LogServiceField';
import { SubEditorProps } from './types';

/** Editor of a Log Explorer query: the sampled request records of one service, as log lines. */
export function LogsQueryEditor(props: SubEditorProps<LogsQuery>) {
  const { datasource, query, onChange } = props;
  const bind = bindQuery(query, onChange);
  const fields = useLogFields(datasource);
  return (
    <Stack direction="column" gap={0}>
      <LogServiceField {...props} />
      <LogFiltersField catalogue={fields} refId={query.refId} allowNeq {...bind('filters')} />
      <InlineFieldRow>
        <LogLimitField
          queryType="logs"
          refId={query.refId}
          tooltip={`Most records returned, newest first: ${logLimitRange('logs')}. Records are read 100 per call.`}
          {...bind('limit')}
        />
      </InlineFieldRow>
    </Stack>
  );
}

/** Editor of the log volume query Explore builds from a logs query; shown only if one is opened by hand. */
export function LogVolumeQueryEditor(props: SubEditorProps<LogVolumeQuery>) {
  const { datasource, query, onChange } = props;
  const fields = useLogFields(datasource);
  return (
    <Stack direction="column" gap={0}>
      <LogServiceField {...props} />
      <LogFiltersField catalogue={fields} refId={query.refId} allowNeq {...bindQuery(query, onChange)('filters')} />
    </Stack>
  );
}
