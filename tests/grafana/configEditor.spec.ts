import { expect, test } from '@grafana/plugin-e2e';

import { selectors } from '../../src/components/selectors';

const TYPE = 'edgemetrics-fastly-datasource';

test.describe('config editor in Grafana', { tag: '@grafana' }, () => {
  test('shows the token and endpoint fields', async ({ createDataSourceConfigPage, page }) => {
    await createDataSourceConfigPage({ type: TYPE });
    await expect(page.getByTestId(selectors.config.apiToken)).toBeVisible();
    await expect(page.getByTestId(selectors.config.apiUrl)).toHaveAttribute('placeholder', 'https://api.fastly.com');
    await expect(page.getByTestId(selectors.config.realtimeUrl)).toHaveAttribute(
      'placeholder',
      'https://rt.fastly.com'
    );
  });

  test('"Save & test" without a token fails with a readable error', async ({ createDataSourceConfigPage }) => {
    const configPage = await createDataSourceConfigPage({ type: TYPE });
    await expect(configPage.saveAndTest()).not.toBeOK();
    await expect(configPage).toHaveAlert('error');
  });
});
