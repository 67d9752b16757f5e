import { Page } from '@playwright/test';
import { join } from 'node:path';

import { selectors } from '../../src/components/selectors';
import { expect, test } from './fixtures';

const { queryEditor, config } = selectors;

/** Where plugin.json's screenshots live. */
const OUT = join(__dirname, '..', '..', 'src', 'img', 'screenshots');

/** Opens a dropdown, picks the option whose name matches, and closes it again. */
async function pick(page: Page, testId: string, name: RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name }).first().click();
  await page.keyboard.press('Escape');
}

// Refreshes the screenshots from the real editors: `npm run screenshots`. Skipped in the ordinary e2e run.
test.describe('screenshots for plugin.json', () => {
  test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 (npm run screenshots) to refresh src/img/screenshots');
  test.use({ viewport: { width: 900, height: 1000 } });

  for (const [type, file] of [
    ['Historical stats', 'query-editor-stats.png'],
    ['Real-time', 'query-editor-realtime.png'],
    ['Origin Inspector', 'query-editor-origins.png'],
  ]) {
    test(file, async ({ page, harnessUrl }) => {
      await page.goto(harnessUrl);
      const radio = page
        .getByRole('radiogroup', { name: queryEditor.labels.queryType })
        .getByRole('radio', { name: type });
      await radio.check();
      await expect(radio).toBeChecked();
      await pick(page, queryEditor.services, /api\.example\.com/);
      await page.getByTestId('query-editor').screenshot({ path: join(OUT, file) });
    });
  }

  test('config-editor.png', async ({ page, harnessUrl }) => {
    await page.goto(harnessUrl);
    await page.getByRole('button', { name: config.labels.advanced }).click();
    await page.getByTestId('config-editor').screenshot({ path: join(OUT, 'config-editor.png') });
  });
});
