import { expect, test } from '@grafana/plugin-e2e';

import { selectors } from '../../src/components/selectors';
import { BAD_TOKEN_MESSAGE, resourceFixtures } from '../../src/testing/fixtures';

const TYPE = 'edgemetrics-fastly-datasource';
const { queryEditor } = selectors;

test.describe('query editor in Grafana', { tag: '@grafana' }, () => {
  test('picks a service by name and sends its id', async ({ createDataSource, panelEditPage, page }) => {
    const ds = await createDataSource({ type: TYPE, name: `Fastly e2e ${Date.now()}` });
    await panelEditPage.mockResourceResponse('services', resourceFixtures.services);
    await panelEditPage.mockResourceResponse('metrics', resourceFixtures.metrics);
    await panelEditPage.mockResourceResponse('regions', resourceFixtures.regions);
    await panelEditPage.datasource.set(ds.name);

    const row = panelEditPage.getQueryEditorRow('A');
    await row.getByTestId(queryEditor.services).click();
    const queryRequest = panelEditPage.waitForQueryDataRequest((request) =>
      (request.postData() ?? '').includes('kKJb5bOFI47uHeBVluGfX1')
    );
    await page.getByRole('option', { name: /Delivery/ }).click();
    await expect(await queryRequest).toBeTruthy();
  });

  test("shows the backend's message when the token is rejected", async ({ createDataSource, panelEditPage }) => {
    const ds = await createDataSource({ type: TYPE, name: `Fastly e2e ${Date.now()}` });
    await panelEditPage.mockResourceResponse('services', { error: BAD_TOKEN_MESSAGE }, 502);
    await panelEditPage.datasource.set(ds.name);
    await expect(panelEditPage.getQueryEditorRow('A')).toContainText(BAD_TOKEN_MESSAGE);
  });
});
