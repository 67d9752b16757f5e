import React from 'react';
import { createRoot } from 'react-dom/client';
import { createTheme, ThemeContext } from '@grafana/data';
import { setTemplateSrv } from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';

import { BAD_TOKEN_MESSAGE, resourceFixtures } from '../../src/testing/fixtures';
import { dataSourceSettings } from '../../src/testing/instanceSettings';
import { FakeTemplateSrv } from '../../src/testing/FakeTemplateSrv';
import { FixtureDataSource } from '../../src/testing/FixtureDataSource';
import { ResourceKind } from '../../src/types/resources';
import { Harness } from './Harness';

/** `?fail=services` makes that resource answer like the backend does when Fastly rejects the token. */
function failures(): Partial<Record<ResourceKind, { status: number; message: string }>> {
  const failing = new URLSearchParams(window.location.search).getAll('fail');
  return Object.fromEntries(failing.map((kind) => [kind, { status: 502, message: BAD_TOKEN_MESSAGE }]));
}

setTemplateSrv(new FakeTemplateSrv({ service: ['SU1Z0isxPaozGVKXdv0eY', 'kKJb5bOFI47uHeBVluGfX1'] }));

const theme = createTheme();
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <div style={{ padding: theme.spacing(2) }}>
        <Harness datasource={new FixtureDataSource(resourceFixtures, failures())} settings={dataSourceSettings()} />
      </div>
    </ThemeContext.Provider>
  );
}
