import { screen } from '@testing-library/react';
import { setTemplateSrv } from '@grafana/runtime';

import { FakeTemplateSrv } from '../../testing/FakeTemplateSrv';
import { setLegend } from '../../testing/legend';
import { renderQueryEditor } from '../../testing/renderQueryEditor';
import { selectors } from '../selectors';
import { legendTokens } from './LegendField';

const { queryEditor } = selectors;

jest.setTimeout(20000);

describe('StatsQueryEditor', () => {
  beforeEach(() => {
    setTemplateSrv(new FakeTemplateSrv({ service: ['SU1Z0isxPaozGVKXdv0eY'] }));
  });

  it('sets the legend on blur and removes it when cleared', async () => {
    const { lastQuery } = renderQueryEditor({
      queryType: 'stats',
      metrics: ['requests'],
      legendFormat: '{{service_id}}',
    });
    expect(screen.getByTestId(queryEditor.legendFormat)).toHaveValue('{{service_id}}');
    await setLegend('{{service_name}} {{metric}}');
    expect(lastQuery()).toMatchObject({ queryType: 'stats', legendFormat: '{{service_name}} {{metric}}' });

    await setLegend('');
    expect(lastQuery().queryType).toBe('stats');
    expect(lastQuery()).not.toHaveProperty('legendFormat');
    expect(screen.getByTestId(queryEditor.legendFormat)).toHaveValue('');
  });

  it('lists the tokens every series query fills, plus origin or domain for the inspectors', () => {
    expect(legendTokens()).toEqual([
      '{{service_name}}',
      '{{service_id}}',
      '{{metric}}',
      '{{datacenter}}',
      '{{pop_name}}',
      '{{region}}',
      '{{pop_group}}',
    ]);
    expect(legendTokens(['origin'])).toContain('{{origin}}');
  });
});
