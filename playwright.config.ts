import type { PluginOptions } from '@grafana/plugin-e2e';
import { defineConfig, devices } from '@playwright/test';
import { dirname } from 'node:path';

const pluginE2eAuth = `${dirname(require.resolve('@grafana/plugin-e2e'))}/auth`;

/** Debian's Chromium; Playwright cannot download its own browsers here. */
const chromium = {
  browserName: 'chromium' as const,
  headless: true,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

/**
 * Two kinds of browser tests:
 * - `local` (npm run e2e): the real editors bundled into a page served from localhost, no Grafana needed.
 * - `grafana` (npm run e2e:grafana): @grafana/plugin-e2e specs tagged @grafana, against a running Grafana
 *   (docker compose up) at GRAFANA_URL.
 */
export default defineConfig<PluginOptions>({
  testDir: './tests',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: process.env.GRAFANA_URL || 'http://localhost:3000',
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'local',
      testDir: './tests/local',
      grepInvert: /@grafana/,
      use: chromium,
    },
    {
      name: 'auth',
      testDir: pluginE2eAuth,
      testMatch: [/.*\.js/],
      use: chromium,
    },
    {
      name: 'grafana',
      testDir: './tests/grafana',
      grep: /@grafana/,
      use: {
        ...devices['Desktop Chrome'],
        ...chromium,
        storageState: 'playwright/.auth/admin.json',
      },
      dependencies: ['auth'],
    },
  ],
});
