import React from 'react';
import { SelectableValue } from '@grafana/data';

import { AlertStatus, AlertsQuery } from '../../types/query';
import { selectors } from '../selectors';
import { bindQuery } from './bindQuery';
import { RadioField } from './RadioField';
import { SERVICES_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { SubEditorProps } from './types';

const STATUSES: Array<SelectableValue<AlertStatus>> = [
  { label: 'All', value: '', description: 'Every alert that fired in the time range' },
  { label: 'Active', value: 'active', description: 'Alerts still firing' },
  { label: 'Resolved', value: 'resolved', description: 'Alerts that have ended' },
];

/** Editor of a Fastly alert annotation query: the services and which alerts to show. */
export function AlertsQueryEditor({ datasource, query, onChange }: SubEditorProps<AlertsQuery>) {
  const bind = bindQuery(query, onChange);
  return (
    <>
      <ResourceMultiSelect datasource={datasource} refId={query.refId} field={SERVICES_FIELD} {...bind('services')} />
      <RadioField
        label={selectors.queryEditor.labels.alertStatus}
        tooltip="Fastly alert history entries to show: all of them, those still firing, or those resolved."
        options={STATUSES}
        {...bind('status')}
      />
    </>
  );
}
