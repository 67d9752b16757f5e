import React from 'react';
import { Text } from '@grafana/ui';

import { ServicesQuery } from '../../types/query';
import { selectors } from '../selectors';
import { SubEditorProps } from './types';

/** A services table has no options: the editor only says what it returns. */
export function ServicesQueryEditor(_props: SubEditorProps<ServicesQuery>) {
  return (
    <div data-testid={selectors.queryEditor.servicesDescription}>
      <Text color="secondary">
        One row per service the token can see: id, name, type, active version and last update, with links to the Fastly
        dashboard and to the Fastly service dashboard.
      </Text>
    </div>
  );
}
