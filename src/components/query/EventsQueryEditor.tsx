import React from 'react';

import { EventsQuery } from '../../types/query';
import { bindQuery } from './bindQuery';
import { EVENT_TYPES_FIELD, SERVICES_FIELD } from './resourceFields';
import { ResourceMultiSelect } from './ResourceMultiSelect';
import { SubEditorProps } from './types';

/** Editor of an event annotation query: the services and the Fastly event types to mark. */
export function EventsQueryEditor({ datasource, query, onChange }: SubEditorProps<EventsQuery>) {
  const bind = bindQuery(query, onChange);
  const resources = { datasource, refId: query.refId };
  return (
    <>
      <ResourceMultiSelect {...resources} field={SERVICES_FIELD} {...bind('services')} />
      <ResourceMultiSelect {...resources} field={EVENT_TYPES_FIELD} {...bind('eventTypes')} />
    </>
  );
}
